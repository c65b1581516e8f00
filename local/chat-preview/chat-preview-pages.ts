import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Partnership } from '../../shared/schemas/partnership';
import type { DevRouteHandler, LocalFunctionsHost, LocalPage } from '../host/local-functions-host';
import { pageSecurityHeaders } from '../host/page-security-headers';
import type { RunningBotConnector } from '../tenants/bot-connector/bot-connector-simulator';
import type { RecordedActivity } from '../tenants/bot-connector/conversation-log';

export type ChatPreviewOptions = {
  connector: RunningBotConnector;
  partnerships: readonly Partnership[];
  /** The app's environment: the preview exists in development only. */
  environment: 'development' | 'production';
};

const JSON_TYPE = 'application/json; charset=utf-8';
const CARD = 'application/vnd.microsoft.card.adaptive';
const adaptiveCardsDist = join(dirname(require.resolve('adaptivecards/package.json')), 'dist');

const ASSETS: Record<string, [string, string]> = {
  '/dev/chat': [join(__dirname, 'chat.html'), 'text/html; charset=utf-8'],
  '/dev/chat.js': [join(__dirname, 'chat.js'), 'text/javascript; charset=utf-8'],
  '/dev/chat.css': [join(__dirname, 'chat.css'), 'text/css; charset=utf-8'],
  '/dev/chat/adaptivecards.js': [join(adaptiveCardsDist, 'adaptivecards.min.js'), 'text/javascript; charset=utf-8'],
  '/dev/chat/adaptivecards.css': [join(adaptiveCardsDist, 'adaptivecards.css'), 'text/css; charset=utf-8'],
};

const who = z.object({ userPrincipalName: z.string().min(3).max(320) });
const message = who.extend({ text: z.string().trim().min(1).max(4000) });
const press = who.extend({
  messageId: z.string().min(1).max(200),
  verb: z.string().min(1).max(64),
  data: z.record(z.string(), z.unknown()).default({}),
  actionId: z.string().max(200).optional(),
  trigger: z.enum(['manual', 'automatic']).default('manual'),
});

/**
 * The local Teams chat preview (development only): pick a demo user, see their personal chat with the bot as the
 * Bot Connector stand-in recorded it, with the cards rendered by the `adaptivecards` renderer Teams' web client is
 * built on; write to the bot, and press a card's buttons, which go to /api/messages as signed
 * `adaptiveCard/action` invokes through the stand-in, exactly as Teams sends them. Static files only, so the
 * page keeps a strict Content-Security-Policy with no inline script.
 */
export function addChatPreview(host: LocalFunctionsHost, options: ChatPreviewOptions): void {
  if (options.environment !== 'development') {
    throw new Error('The Teams chat preview is a development tool: it is never served in production.');
  }
  const headers = pageSecurityHeaders([]);
  for (const [path, [file, contentType]] of Object.entries(ASSETS)) {
    const body = readFileSync(file);
    host.devRoute('GET', path, () => ({ contentType, body, headers }));
  }
  const { connector } = options;
  const users = JSON.stringify({ partnerships: usersByPartnership(options) });
  host.devRoute('GET', '/dev/chat/users.json', () => ({ contentType: JSON_TYPE, body: users, headers }));

  const json = (handler: (body: unknown) => Promise<unknown> | unknown): DevRouteHandler => {
    return async (raw) => {
      try {
        return answer(200, await handler(JSON.parse(raw.toString('utf8') || '{}')));
      } catch (error) {
        return answer(400, { error: error instanceof Error ? error.message : String(error) });
      }
    };
  };
  const answer = (status: number, body: unknown): LocalPage => ({
    status,
    contentType: JSON_TYPE,
    body: JSON.stringify(body),
    headers,
  });

  host.devRoute(
    'POST',
    '/dev/chat/conversation',
    json((body) => {
      const { id, user, activities } = connector.conversationOf(who.parse(body).userPrincipalName);
      return { id, user, activities: activities.map(shown) };
    }),
  );
  host.devRoute(
    'POST',
    '/dev/chat/install',
    json(async (body) => ({ deliveries: await connector.install(who.parse(body).userPrincipalName) })),
  );
  host.devRoute(
    'POST',
    '/dev/chat/message',
    json(async (body) => {
      const { userPrincipalName, text } = message.parse(body);
      return connector.sendMessage(userPrincipalName, text);
    }),
  );
  host.devRoute(
    'POST',
    '/dev/chat/action',
    json(async (body) => {
      const { userPrincipalName, ...card } = press.parse(body);
      return connector.pressCardButton(userPrincipalName, card);
    }),
  );
}

/** An activity as the page shows it: who, when, the text, and the cards (this user's view of them). */
function shown(entry: RecordedActivity) {
  const attachments = Array.isArray(entry.activity.attachments)
    ? (entry.activity.attachments as { contentType?: unknown; content?: unknown }[])
    : [];
  const cards = attachments.filter((a) => a.contentType === CARD).map((a) => a.content);
  return {
    id: entry.id,
    sender: entry.sender,
    at: entry.at,
    updatedAt: entry.updatedAt ?? null,
    type: entry.activity.type,
    text: typeof entry.activity.text === 'string' ? entry.activity.text : '',
    cards: entry.view ? [entry.view, ...cards.slice(1)] : cards,
  };
}

function usersByPartnership(options: ChatPreviewOptions) {
  const users = options.connector.users();
  return options.partnerships.map((partnership) => ({
    name: partnership.name,
    users: users
      .filter((user) => user.partnershipId === partnership.id)
      .map((user) => ({
        userPrincipalName: user.userPrincipalName,
        displayName: user.displayName,
        councilName: partnership.partners.find((p) => p.code === user.partnerCode)?.name ?? user.partnerCode,
        roles: user.roles,
        objectId: user.objectId,
        teamsUserId: user.teamsUserId,
      })),
  }));
}
