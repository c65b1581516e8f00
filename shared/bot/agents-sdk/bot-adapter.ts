import type { Activity } from '@microsoft/agents-activity';
import { CloudAdapter, type TurnContext } from '@microsoft/agents-hosting';
import type { BotCredential } from '../../config/bot-settings';
import { cardActionError } from '../card-actions';
import { serviceUrlPolicyFor } from '../service-url-policy';
import { SingleBotConnection } from './bot-connections';
import { BotTokenProvider } from './bot-token-provider';
import { HubBot } from './hub-bot';
import { hubTurnIfAny } from './hub-turn';

export type BotAdapterConfig = {
  appId: string;
  tenantId: string;
  authorityHost: string;
  credential: BotCredential;
  environment: 'development' | 'production';
};

/** The SDK's adapter and the bot: built once per process, shared by every request and proactive message. */
export type BotAdapter = { adapter: CloudAdapter; bot: HubBot };

let current: { key: string; value: BotAdapter } | undefined;
let created = 0;

/**
 * The process's adapter and bot, made on first use. Building them reads settings, creates msal clients and the
 * SDK's pipeline: work that must not be repeated per request (it would also throw away msal's token cache). A
 * process has one bot; should its configuration change (tests start apps one after another) a new pair is built.
 */
export function sharedBotAdapter(config: BotAdapterConfig, env: NodeJS.ProcessEnv = process.env): BotAdapter {
  const key = JSON.stringify(config);
  if (current?.key !== key) {
    current = { key, value: createBotAdapter(config, env) };
    created += 1;
  }
  return current.value;
}

/** How many adapters this process has built: one for its life, unless the bot's configuration changed. */
export function botAdaptersCreated(): number {
  return created;
}

function createBotAdapter(config: BotAdapterConfig, env: NodeJS.ProcessEnv): BotAdapter {
  const provider = new BotTokenProvider({ ...config, env });
  // The SDK's own check of the service URL claim is on too (ours runs first, before the SDK sees the request),
  // and the outbound policy is ours: Microsoft's Bot Connector hosts only, and this machine in development.
  const adapter = new CloudAdapter(
    { clientId: config.appId, tenantId: config.tenantId },
    undefined,
    undefined,
    { validateServiceUrl: true },
    serviceUrlPolicyFor(config.environment),
  );
  adapter.connectionManager = new SingleBotConnection(provider);
  adapter.onTurnError = onTurnError;
  return { adapter, bot: new HubBot() };
}

/**
 * A turn that failed (a store down, a bug): logged; the user is told in a word, or, for a card press, given an
 * error Teams shows on the card. Nothing of the error reaches the user.
 */
async function onTurnError(context: TurnContext, error: Error): Promise<void> {
  const log = hubTurnIfAny(context)?.log ?? ((line: string) => console.error(line));
  log(`[bot] turn failed (${context.activity.type}): ${error.stack ?? error.message}`);
  if (context.activity.type === 'invoke') {
    const body = cardActionError(500, 'internal', 'Something went wrong on our side; please try again.');
    await context.sendActivity({ type: 'invokeResponse', value: { status: 500, body } } as Activity);
  } else if (context.activity.type === 'message') {
    await context.sendActivity('Sorry, something went wrong on our side. Please try again in a moment.');
  }
}
