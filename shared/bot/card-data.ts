import type { z } from 'zod';
import type { CardViewer, PendingApprover } from '../cards/card-viewer';
import { invalidInput } from '../errors';
import type { CardRecipient } from './approvers';
import type { BotCaller } from './bot-caller';

/**
 * A card action's `data`, checked: only the keys the card puts there (ids and a version token) and the comment
 * input Teams merges in. Anything else is refused (400), so nothing but ids ever reaches a use-case from a card.
 */
export function parseCardData<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw invalidInput(
    'This card sent data the bot does not accept; open the record in the tab.',
    parsed.error.issues.map((issue) => ({ path: ['data', ...issue.path].join('.'), message: issue.message })),
  );
}

/** The user who pressed a button or whose card Teams refreshes, as a card viewer. */
export function callerViewer(caller: BotCaller, canDecide: boolean): CardViewer {
  return {
    userId: caller.userId,
    teamsUserId: caller.teamsUserId,
    name: caller.name,
    councilCode: caller.partnerCode,
    canDecide,
  };
}

/** An approver a card is posted to, as a card viewer. */
export function recipientViewer(recipient: CardRecipient, canDecide: boolean): CardViewer {
  return {
    userId: recipient.approver.objectId,
    teamsUserId: recipient.conversation?.teamsUserId ?? null,
    name: recipient.approver.name,
    councilCode: recipient.partnerCode,
    canDecide,
  };
}

/** Someone who holds a copy of the card but is no longer on the approvers list: a read-only view. */
export function formerRecipientViewer(copy: { userObjectId: string; partnerCode: string }): CardViewer {
  return { userId: copy.userObjectId, teamsUserId: null, name: '', councilCode: copy.partnerCode, canDecide: false };
}

/** The approvers Teams refreshes the card for (those of councils still to decide), with their Teams ids. */
export function pendingApproversOf(recipients: readonly CardRecipient[]): PendingApprover[] {
  return recipients.map((recipient) => ({
    councilCode: recipient.partnerCode,
    teamsUserId: recipient.conversation?.teamsUserId ?? null,
  }));
}
