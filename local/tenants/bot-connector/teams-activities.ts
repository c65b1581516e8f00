import type { ChatUser } from './chat-users';
import { botAccountIdOf } from './teams-ids';

/** Where an activity comes from and goes to, and its id and time. */
export type ActivityEnvelope = {
  id: string;
  user: ChatUser;
  serviceUrl: string;
  botAppId: string;
  botName: string;
  now: Date;
};

/**
 * An activity as Teams sends it to a bot in a user's personal chat: Teams' channel id, the service URL the bot must
 * answer at, the user's Teams id, name and directory object id, the conversation with its tenant (in the
 * conversation and in channelData), and the bot as recipient.
 */
export function teamsActivity(envelope: ActivityEnvelope, fields: Record<string, unknown>): Record<string, unknown> {
  const { user } = envelope;
  return {
    id: envelope.id,
    timestamp: envelope.now.toISOString(),
    localTimestamp: envelope.now.toISOString(),
    channelId: 'msteams',
    serviceUrl: envelope.serviceUrl,
    from: { id: user.teamsUserId, name: user.displayName, aadObjectId: user.objectId },
    conversation: { id: user.conversationId, conversationType: 'personal', tenantId: user.tenantId },
    recipient: { id: botAccountIdOf(envelope.botAppId), name: envelope.botName },
    channelData: { tenant: { id: user.tenantId } },
    locale: 'en-GB',
    ...fields,
  };
}

/** What Teams sends when a user adds the app: the bot joins their personal chat, then the installation. */
export const botJoinedChat = (botAppId: string, botName: string) => ({
  type: 'conversationUpdate',
  membersAdded: [{ id: botAccountIdOf(botAppId), name: botName }],
});

export const appInstalled = { type: 'installationUpdate', action: 'add' };

export const textMessage = (text: string) => ({ type: 'message', text, textFormat: 'plain' });

/** A pressed Action.Execute button (`manual`), or Teams refreshing a card as it comes into view (`automatic`). */
export type CardPress = {
  messageId: string;
  verb: string;
  data?: Record<string, unknown>;
  actionId?: string;
  trigger?: 'manual' | 'automatic';
};

export const cardActionInvoke = (press: CardPress) => ({
  type: 'invoke',
  name: 'adaptiveCard/action',
  replyToId: press.messageId,
  value: {
    action: {
      type: 'Action.Execute',
      ...(press.actionId ? { id: press.actionId } : {}),
      verb: press.verb,
      data: press.data ?? {},
    },
    trigger: press.trigger ?? 'manual',
  },
});
