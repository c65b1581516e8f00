import type { CardContext } from '../cards/card-viewer';
import type { Settings } from '../config/settings';
import { forbidden } from '../errors';
import { BotFrameworkTokenVerifier } from '../identity/bot-framework-token-verifier';
import type { TenantDirectory } from '../identity/tenant-directory';
import type { Stores } from '../stores/stores';
import { partnerOfTenant } from './bot-caller';
import type { AdaptiveCardJson, BotMessenger, ConversationTarget } from './bot-messenger';
import type { CardActionRegistry } from './card-actions';
import { admitActivity, type BotRequestIdentity, parseIncomingActivity, tenantOfActivity } from './incoming-activity';
import { serviceUrlPolicyFor } from './service-url-policy';

/** What the bot answers the Bot Connector: an HTTP status, and for an invoke the invoke response's body. */
export type BotAnswer = { status: number; body?: unknown };

/**
 * What a request brings beyond the activity: the verbs the workflows answer, what the cards link to, and the
 * function's log.
 */
export type BotRequestContext = {
  cardActions: CardActionRegistry;
  cardContext: CardContext;
  log: (line: string) => void;
};

/**
 * The Teams bot as the rest of the app sees it. `authenticate` verifies the Bot Connector's token before anything
 * else; `answer` checks the activity against it, matches its tenant to a partnership, and only then hands it to the
 * agents SDK. `messenger` sends cards outside a turn. The SDK is loaded on first use, so the functions that never
 * talk to Teams do not pay for loading it at cold start.
 */
export interface BotGateway {
  readonly appId: string;
  readonly messenger: BotMessenger;
  authenticate(authorization: string | null): Promise<BotRequestIdentity>;
  answer(identity: BotRequestIdentity, body: unknown, request: BotRequestContext): Promise<BotAnswer>;
}

type Sdk = typeof import('./agents-sdk/sdk-bot-endpoint');

export function createBotGateway(
  settings: Pick<Settings, 'environment' | 'bot' | 'identity'>,
  deps: { stores: Stores; tenants: TenantDirectory; now?: () => Date },
): BotGateway | undefined {
  const bot = settings.bot;
  if (!bot) return undefined;
  const config = {
    appId: bot.appId,
    tenantId: bot.tenantId,
    authorityHost: settings.identity.authorityHost,
    credential: bot.credential,
    environment: settings.environment,
  };
  const verifier = new BotFrameworkTokenVerifier({ appId: bot.appId, openIdMetadataUrl: bot.openIdMetadataUrl });
  const policy = serviceUrlPolicyFor(settings.environment);
  const playground = settings.environment === 'development' && bot.allowUnauthenticatedPlayground;
  let sdk: Promise<Sdk> | undefined;
  const loadSdk = () => {
    sdk ??= import('./agents-sdk/sdk-bot-endpoint');
    return sdk;
  };
  const messenger: BotMessenger = {
    sendCard: async (target: ConversationTarget, card: AdaptiveCardJson) =>
      (await loadSdk()).messengerFor(config).sendCard(target, card),
    updateCard: async (target: ConversationTarget, activityId: string, card: AdaptiveCardJson) =>
      (await loadSdk()).messengerFor(config).updateCard(target, activityId, card),
    sendText: async (target: ConversationTarget, text: string) =>
      (await loadSdk()).messengerFor(config).sendText(target, text),
  };

  return {
    appId: bot.appId,
    messenger,
    authenticate: async (authorization) => {
      if (!authorization && playground) return { kind: 'playground' };
      return { kind: 'bot-connector', token: await verifier.verify(authorization) };
    },
    answer: async (identity, body, request) => {
      const activity = parseIncomingActivity(body);
      admitActivity(identity, activity, policy);
      const tenantId = tenantOfActivity(activity);
      const partnership = tenantId ? await deps.tenants.partnershipOf(tenantId) : null;
      const partner = partnership && tenantId ? partnerOfTenant(partnership, tenantId) : undefined;
      if (!partnership || !partner) throw forbidden('This conversation is not in a tenant of a partnership.');
      const { processActivity } = await loadSdk();
      return processActivity(config, identity, body, {
        partnership,
        partner,
        stores: deps.stores,
        cardActions: request.cardActions,
        cardContext: request.cardContext,
        messenger,
        now: deps.now ?? (() => new Date()),
        log: request.log,
      });
    },
  };
}
