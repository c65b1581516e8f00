import type { ConversationReferenceRecord } from '../schemas/conversation-references';

/** An Adaptive Card as JSON, as the card builders return it. */
export type AdaptiveCardJson = Record<string, unknown>;

/** The conversation a message goes to: a stored reference, or one with just the fields the bot needs. */
export type ConversationTarget = Pick<
  ConversationReferenceRecord,
  'tenantId' | 'teamsUserId' | 'userName' | 'botId' | 'conversationId' | 'serviceUrl' | 'channelId'
>;

/**
 * Sends what the product has to say to a user in Teams, outside any turn of conversation (proactive messages): a
 * card asking for a decision, the update of a card already posted, a line of text. Behind this interface so the
 * use-cases never see the bot SDK; the implementation goes through the SDK's connector client to the reference's
 * service URL, signed in as the bot.
 */
export interface BotMessenger {
  /** Posts a card; the id is the message's, to update it later. */
  sendCard(reference: ConversationTarget, card: AdaptiveCardJson): Promise<{ activityId: string }>;
  /** Replaces the card of a message posted earlier, for everyone who sees it. */
  updateCard(reference: ConversationTarget, activityId: string, card: AdaptiveCardJson): Promise<void>;
  sendText(reference: ConversationTarget, text: string): Promise<{ activityId: string }>;
}
