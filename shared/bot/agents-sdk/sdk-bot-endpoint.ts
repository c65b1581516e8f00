import type { Request, WebResponse } from '@microsoft/agents-hosting';
import { BOT_FRAMEWORK_ISSUER } from '../../identity/bot-framework-token-verifier';
import type { BotAnswer } from '../bot-gateway';
import type { BotMessenger } from '../bot-messenger';
import type { BotRequestIdentity } from '../incoming-activity';
import { type BotAdapterConfig, sharedBotAdapter } from './bot-adapter';
import { type HubTurn, setHubTurn } from './hub-turn';
import { SdkBotMessenger } from './sdk-bot-messenger';

/**
 * Hands an admitted activity to the SDK's `CloudAdapter.process`, which expects an Express-like request and
 * response: the request carries the parsed body and, as `user`, the claims our verification established (the
 * adapter authenticates nothing itself); the response collects what the adapter writes. The adapter then builds
 * the connector client for the turn (the bot's token for the activity's service URL), runs the bot, and for an
 * invoke writes the invoke response.
 */
export async function processActivity(
  config: BotAdapterConfig,
  identity: BotRequestIdentity,
  body: unknown,
  turn: HubTurn,
): Promise<BotAnswer> {
  const { adapter, bot } = sharedBotAdapter(config);
  const request: Request = {
    method: 'POST',
    headers: {},
    body: body as Record<string, unknown>,
    ...(identity.kind === 'bot-connector'
      ? { user: { aud: config.appId, iss: BOT_FRAMEWORK_ISSUER, serviceurl: identity.token.serviceUrl } }
      : {}),
  };
  const response = new CollectedResponse();
  await adapter.process(request, response, async (context) => {
    setHubTurn(context, turn);
    await bot.run(context);
  });
  return { status: response.statusCode, ...(response.body === undefined ? {} : { body: response.body }) };
}

const messengers = new WeakMap<object, BotMessenger>();

/** The process's messenger, over the shared adapter. */
export function messengerFor(config: BotAdapterConfig): BotMessenger {
  const pair = sharedBotAdapter(config);
  let messenger = messengers.get(pair);
  if (!messenger) {
    messenger = new SdkBotMessenger(() => sharedBotAdapter(config), config.appId);
    messengers.set(pair, messenger);
  }
  return messenger;
}

/** The little of an Express response the adapter uses, kept to be answered through the Functions host. */
class CollectedResponse implements WebResponse {
  statusCode = 200;
  body: unknown;
  headersSent = false;
  writableEnded = false;

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  setHeader(): this {
    return this;
  }

  send(body?: unknown): this {
    this.body = body;
    return this;
  }

  end(): this {
    this.writableEnded = true;
    this.headersSent = true;
    return this;
  }
}
