import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { LocalCertificates } from '../../stack/local-certificates';
import type { SimulatedTenant } from '../demo-users';
import { BotFrameworkSigner } from './bot-framework-signer';
import { type ChatUser, chatUsersOf } from './chat-users';
import { ConversationLog, type RecordedActivity } from './conversation-log';
import {
  appInstalled,
  botJoinedChat,
  type CardPress,
  cardActionInvoke,
  teamsActivity,
  textMessage,
} from './teams-activities';

export type BotConnectorOptions = {
  certificates: LocalCertificates;
  /** The simulated tenants' host: the bot's tokens for the Bot Connector are verified against its keys. */
  authorityHost: string;
  botAppId: string;
  /** The tenant the bot is registered in: the only issuer of tokens the stand-in accepts from the bot. */
  botTenantId: string;
  botName?: string;
  /** The councils' tenants, whose users chat with the bot. */
  tenants: readonly SimulatedTenant[];
  port?: number;
  now?: () => number;
};

/** What the bot answered a delivery: its HTTP status and body (an invoke's response). */
export type BotDelivery = { status: number; body: unknown };

export type ChatConversation = { id: string; user: ChatUser; activities: RecordedActivity[] };

export type RunningBotConnector = {
  /** `https://localhost:<port>`. */
  baseUrl: string;
  /** The service URL activities name, as `https://smba.trafficmanager.net/emea/` in Teams. */
  serviceUrl: string;
  /** Where the bot reads the keys this stand-in signs with: BOT_OPENID_METADATA_URL. */
  openIdMetadataUrl: string;
  botAppId: string;
  /** Where deliveries go: the bot's messaging endpoint, known once the app listens. */
  setBotEndpoint(url: string): void;
  users(): ChatUser[];
  userOf(userPrincipalName: string): ChatUser;
  conversationOf(userPrincipalName: string): ChatConversation;
  /** The user adds the app: the bot joins their personal chat, then the installation, as Teams sends them. */
  install(userPrincipalName: string): Promise<BotDelivery[]>;
  sendMessage(userPrincipalName: string, text: string): Promise<BotDelivery>;
  /** Presses an Action.Execute button; a card in the answer replaces the card this user sees, as in Teams. */
  pressCardButton(userPrincipalName: string, press: CardPress): Promise<BotDelivery>;
  /** An activity from the user as Teams would send it, not yet sent: for tests to alter before `post`. */
  activityFrom(userPrincipalName: string, fields: Record<string, unknown>): Record<string, unknown>;
  /** The Bot Connector's token for an activity at this service URL. */
  tokenFor(serviceUrl?: string): Promise<string>;
  /** Signs any claims with the stand-in's key: for tests of tokens the bot must refuse. */
  signToken(claims: Record<string, unknown>, options?: { kid?: string }): Promise<string>;
  /** Posts an activity to the bot with this Authorization header (none when null), as it is. */
  post(activity: Record<string, unknown>, authorization: string | null): Promise<BotDelivery>;
  rotateKeys(): Promise<string>;
  close(): Promise<void>;
};

const BOT_CONNECTOR_AUDIENCE = 'https://api.botframework.com';
const MAX_BODY_BYTES = 256 * 1024;
const CARD = 'application/vnd.microsoft.card.adaptive';

/**
 * The Bot Connector service, as Teams reaches a bot through it, for local development and tests, over HTTPS with
 * the local CA. Towards the bot it signs every activity it delivers with its own keys, published as Bot Framework
 * publishes them (OpenID metadata, JWKS with endorsements), so the bot's real token validation runs. Towards the
 * Bot Connector API it accepts the bot's calls (new conversation, send, reply, update) only with a token the bot's
 * own simulated tenant issued for https://api.botframework.com, and records every activity of every personal chat,
 * which the local Teams chat preview shows.
 */
export async function startBotConnector(options: BotConnectorOptions): Promise<RunningBotConnector> {
  const now = options.now ?? Date.now;
  const botName = options.botName ?? 'ICT Partnership Hub';
  const signer = new BotFrameworkSigner(options.botAppId, now);
  const log = new ConversationLog(now);
  const users = chatUsersOf(options.tenants, options.botAppId);
  const byConversation = new Map(users.map((user) => [user.conversationId, user]));
  const botKeys = createRemoteJWKSet(new URL(`${options.authorityHost}/${options.botTenantId}/discovery/v2.0/keys`), {
    cooldownDuration: 0,
  });
  let baseUrl = '';
  let botEndpoint: string | undefined;

  const userOf = (userPrincipalName: string): ChatUser => {
    const name = userPrincipalName.toLowerCase();
    const user = users.find((u) => u.userPrincipalName.toLowerCase() === name);
    if (!user) throw new Error(`${userPrincipalName} is no demo user of the simulated councils`);
    return user;
  };
  const serviceUrl = () => `${baseUrl}/teams/`;

  const authenticateBot = async (authorization: string | undefined): Promise<boolean> => {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    if (!token) return false;
    try {
      const { payload } = await jwtVerify(token, botKeys, {
        issuer: `${options.authorityHost}/${options.botTenantId}/v2.0`,
        audience: BOT_CONNECTOR_AUDIENCE,
        algorithms: ['RS256'],
      });
      return (payload.azp ?? payload.appid) === options.botAppId;
    } catch {
      return false;
    }
  };

  const post = async (activity: Record<string, unknown>, authorization: string | null): Promise<BotDelivery> => {
    if (!botEndpoint) throw new Error('The Bot Connector stand-in does not know the bot endpoint yet');
    const response = await fetch(botEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    return { status: response.status, body: text ? parseJson(text) : null };
  };

  const activityFrom = (userPrincipalName: string, fields: Record<string, unknown>) =>
    teamsActivity(
      {
        id: log.nextId('user'),
        user: userOf(userPrincipalName),
        serviceUrl: serviceUrl(),
        botAppId: options.botAppId,
        botName,
        now: new Date(now()),
      },
      fields,
    );

  /** Delivers an activity from the user, signed; a message is kept in the chat before the bot sees it. */
  const deliver = async (userPrincipalName: string, fields: Record<string, unknown>): Promise<BotDelivery> => {
    const activity = activityFrom(userPrincipalName, fields);
    if (activity.type === 'message') log.append(userOf(userPrincipalName).conversationId, 'user', activity);
    return post(activity, `Bearer ${await signer.tokenFor(serviceUrl())}`);
  };

  const connector = new ConnectorApi({ log, byConversation, users, authenticateBot });
  const server = createServer(
    { cert: options.certificates.cert, key: options.certificates.key, keepAlive: true },
    (req, res) => {
      serve(req, res, { signer, connector, baseUrl: () => baseUrl }).catch((error: unknown) => {
        if (!res.headersSent) reply(res, 500, { error: { code: 'ServiceError', message: String(error) } });
        else res.destroy();
      });
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  baseUrl = `https://localhost:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    serviceUrl: serviceUrl(),
    openIdMetadataUrl: `${baseUrl}/v1/.well-known/openidconfiguration`,
    botAppId: options.botAppId,
    setBotEndpoint: (url) => {
      botEndpoint = url;
    },
    users: () => users.map((user) => ({ ...user })),
    userOf,
    conversationOf: (userPrincipalName) => {
      const user = userOf(userPrincipalName);
      return { id: user.conversationId, user, activities: log.list(user.conversationId) };
    },
    install: async (userPrincipalName) => [
      await deliver(userPrincipalName, botJoinedChat(options.botAppId, botName)),
      await deliver(userPrincipalName, appInstalled),
    ],
    sendMessage: (userPrincipalName, text) => deliver(userPrincipalName, textMessage(text)),
    pressCardButton: async (userPrincipalName, press) => {
      const delivery = await deliver(userPrincipalName, cardActionInvoke(press));
      const answer = delivery.body as { type?: unknown; value?: unknown } | null;
      if (delivery.status === 200 && answer?.type === CARD && isObject(answer.value)) {
        log.setView(userOf(userPrincipalName).conversationId, press.messageId, answer.value);
      }
      return delivery;
    },
    activityFrom,
    tokenFor: (url) => signer.tokenFor(url ?? serviceUrl()),
    signToken: (claims, signOptions) => signer.sign(claims, signOptions?.kid),
    post,
    rotateKeys: () => signer.rotate(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type ConnectorDeps = {
  log: ConversationLog;
  byConversation: Map<string, ChatUser>;
  users: ChatUser[];
  authenticateBot(authorization: string | undefined): Promise<boolean>;
};

type ConnectorAnswer = { status: number; body: unknown };

/** The Bot Connector REST API (v3) the bot calls: what the SDK's connector client sends, answered as Teams does. */
class ConnectorApi {
  constructor(private readonly deps: ConnectorDeps) {}

  async answer(method: string, path: string[], req: IncomingMessage): Promise<ConnectorAnswer> {
    if (!(await this.deps.authenticateBot(header(req, 'authorization')))) {
      return { status: 401, body: { message: 'Authorization has been denied for this request.' } };
    }
    const [v3, conversations, conversationId, activities, activityId, ...rest] = path;
    if (v3 !== 'v3' || conversations !== 'conversations' || rest.length > 0) return notFound();
    if (conversationId === undefined) {
      return method === 'POST' ? this.createConversation(await readJson(req)) : methodNotAllowed();
    }
    if (activities !== 'activities') return notFound();
    const user = this.deps.byConversation.get(conversationId);
    if (!user)
      return { status: 404, body: { error: { code: 'ConversationNotFound', message: 'No such conversation.' } } };
    if (activityId === undefined) {
      return method === 'POST' ? this.send(user, await readJson(req)) : methodNotAllowed();
    }
    if (method === 'POST') return this.send(user, await readJson(req), activityId);
    if (method === 'PUT') return this.update(user, activityId, await readJson(req));
    return methodNotAllowed();
  }

  /** A personal chat with a user of a council's tenant: Teams answers with the existing one. */
  private createConversation(body: Record<string, unknown>): ConnectorAnswer {
    const members = Array.isArray(body.members) ? (body.members as { id?: unknown }[]) : [];
    const user = this.deps.users.find((u) => u.teamsUserId === members[0]?.id);
    const tenantId = typeof body.tenantId === 'string' ? body.tenantId.toLowerCase() : user?.tenantId;
    if (!user || members.length !== 1 || tenantId !== user.tenantId || body.isGroup === true) {
      return { status: 400, body: { error: { code: 'BadArgument', message: 'One member of the tenant, please.' } } };
    }
    return { status: 201, body: { id: user.conversationId } };
  }

  /** A new message, or a reply to one (`replyToId`): in a personal chat both simply join the conversation. */
  private send(user: ChatUser, activity: Record<string, unknown>, replyToId?: string): ConnectorAnswer {
    if (typeof activity.type !== 'string') return badActivity();
    const recorded = this.deps.log.append(user.conversationId, 'bot', {
      ...activity,
      ...(replyToId ? { replyToId } : {}),
    });
    return { status: 201, body: { id: recorded.id } };
  }

  private update(user: ChatUser, activityId: string, activity: Record<string, unknown>): ConnectorAnswer {
    if (typeof activity.type !== 'string') return badActivity();
    if (!this.deps.log.update(user.conversationId, activityId, activity)) {
      return { status: 404, body: { error: { code: 'ActivityNotFound', message: 'The bot posted no such message.' } } };
    }
    return { status: 200, body: { id: activityId } };
  }
}

type ServeDeps = { signer: BotFrameworkSigner; connector: ConnectorApi; baseUrl: () => string };

async function serve(req: IncomingMessage, res: ServerResponse, deps: ServeDeps): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://localhost');
  const method = req.method ?? 'GET';
  if (method === 'GET' && url.pathname === '/v1/.well-known/openidconfiguration') {
    return reply(res, 200, deps.signer.openIdConfiguration(deps.baseUrl()));
  }
  if (method === 'GET' && url.pathname === '/v1/.well-known/keys') return reply(res, 200, await deps.signer.jwks());
  const [service, ...path] = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (service !== 'teams') {
    const answer = notFound();
    return reply(res, answer.status, answer.body);
  }
  try {
    const answer = await deps.connector.answer(method, path, req);
    return reply(res, answer.status, answer.body);
  } catch (error) {
    if (error instanceof BadRequest) return reply(res, 400, { error: { code: 'BadArgument', message: error.message } });
    throw error;
  }
}

class BadRequest extends Error {}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest('The activity is too large.');
    chunks.push(chunk);
  }
  const value = parseJson(Buffer.concat(chunks).toString('utf8'));
  if (!isObject(value)) throw new BadRequest('Send an activity as a JSON object.');
  return value;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}

const notFound = (): ConnectorAnswer => ({
  status: 404,
  body: { error: { code: 'NotFound', message: 'No such API.' } },
});
const methodNotAllowed = (): ConnectorAnswer => ({
  status: 405,
  body: { error: { code: 'MethodNotAllowed', message: 'Not with this method.' } },
});
const badActivity = (): ConnectorAnswer => ({
  status: 400,
  body: { error: { code: 'BadArgument', message: 'An activity needs a type.' } },
});

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
