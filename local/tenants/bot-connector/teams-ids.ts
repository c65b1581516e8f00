import { createHash } from 'node:crypto';

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('|')).digest('base64url');

/**
 * A user's Teams id as a bot sees it (`29:...`): stable per user and bot, as Teams' are, so a card's
 * `refresh.userIds` written on one start still names the same person on the next.
 */
export const teamsUserIdOf = (tenantId: string, objectId: string, botAppId: string) =>
  `29:1${digest('user', tenantId.toLowerCase(), objectId.toLowerCase(), botAppId)}`;

/** The personal chat of a user and the bot (`a:...` in Teams): one per user and bot. */
export const personalConversationIdOf = (tenantId: string, objectId: string, botAppId: string) =>
  `a:1${digest('chat', tenantId.toLowerCase(), objectId.toLowerCase(), botAppId)}`;

/** The bot's own account id in Teams conversations. */
export const botAccountIdOf = (botAppId: string) => `28:${botAppId}`;
