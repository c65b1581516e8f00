import type { ConversationTarget } from '../bot/bot-messenger';

/** The cards the bot posts for a record, one kind each. */
export type PostedCardKind = 'risk-toleration' | 'capital-bid';

/** One copy of a card the bot posted in a user's personal chat: what it must update when the record changes. */
export type PostedCardCopy = {
  partnerCode: string;
  /** The recipient's directory object id in their council's tenant. */
  userObjectId: string;
  /** The message holding the card, in `conversation`. */
  activityId: string;
  /** The conversation the card was posted in, as it was then: an update goes to the same one. */
  conversation: ConversationTarget;
  postedAt: string;
};

/**
 * Every posted copy of one record's card (a toleration round, a round of a bid): one document per card, so a
 * change to the record updates each copy without a query. Id `{kind}:{recordId}`; written under its ETag.
 */
export type PostedCards = {
  id: string;
  partnershipId: string;
  sequence: number;
  kind: PostedCardKind;
  recordId: string;
  copies: PostedCardCopy[];
  /**
   * The version (ETag) of the record every copy was last brought up to date with, with nothing failing; a record
   * whose ETag differs still has cards to send or update (the bid outbox).
   */
  deliveredVersion?: string;
  /** After a delivery of `version` failed: how often, and when the outbox may try again. */
  retry?: { version: string; attempts: number; after: string };
};
