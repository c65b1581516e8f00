import { z } from 'zod';
import { partnerCode, storedFields } from './common';

/**
 * Where the bot can reach one user again: their personal chat with the bot in Teams, as the Bot Connector told the
 * bot when the user installed the app or first wrote to it. Cards are sent later to this conversation at this
 * service URL. One record per user (tenant and directory object id), in their partnership's partition.
 */
export const conversationReferenceRecord = z.object({
  /** `{tenantId}:{userObjectId}`: one per user, whatever Teams client they use. */
  id: z.string().regex(/^[0-9a-f-]{36}:[0-9a-f-]{36}$/, 'the tenant id and object id, joined by a colon'),
  ...storedFields,
  partnerCode,
  tenantId: z.uuid(),
  /** The user's Microsoft Entra directory object id (`from.aadObjectId`). */
  userObjectId: z.uuid(),
  /** The user's Teams id for this bot (`29:...`): what `refresh.userIds` of a card names. */
  teamsUserId: z.string().min(1).max(512),
  userName: z.string().max(200).nullable(),
  /** The bot's own account in the conversation (`28:{app id}`). */
  botId: z.string().min(1).max(512),
  conversationId: z.string().min(1).max(1024),
  serviceUrl: z.url(),
  channelId: z.string().min(1).max(64),
  /** When Teams last told the bot about this conversation. */
  updatedAt: z.iso.datetime(),
});
export type ConversationReferenceRecord = z.infer<typeof conversationReferenceRecord>;

export const conversationReferenceId = (tenantId: string, userObjectId: string) =>
  `${tenantId.toLowerCase()}:${userObjectId.toLowerCase()}`;
