import { z } from 'zod';
import { toBidCardView } from '../bids/bid-card-view';
import { readBid } from '../bids/bid-record';
import { decideShare } from '../bids/decide-share';
import { councilsToDecide, currentRound } from '../bids/who-must-act';
import { capitalBidCard } from '../cards/capital-bid-card';
import type { CapitalBidView } from '../cards/capital-bid-view';
import { CAPITAL_BID_CARD } from '../cards/card-actions';
import type { CardContext } from '../cards/card-viewer';
import { COMMENT_MAX_LENGTH } from '../cards/parts/comment-input';
import { invalidInput, notFound } from '../errors';
import type { Role } from '../identity/caller';
import { findPartnership } from '../partnerships/find-partnership';
import { bidDecisionInput } from '../schemas/bid-requests';
import type { Bid, ShareDecisionKind } from '../schemas/bids';
import { partnerCode, recordId } from '../schemas/common';
import type { PostedCardCopy } from '../schemas/posted-cards';
import type { Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import { type CardRecipient, cardRecipients } from './approvers';
import type { BotCaller } from './bot-caller';
import type { AdaptiveCardJson, BotMessenger } from './bot-messenger';
import type { CardActionContext, CardActionHandler } from './card-actions';
import { callerViewer, formerRecipientViewer, parseCardData, pendingApproversOf, recipientViewer } from './card-data';
import { DELIVERY_LEASE_MS, MAX_DELIVERY_ATTEMPTS } from './delivery-retry';
import { keepPostedCopies, postedCardsId, postedCopies } from './posted-cards';

/** What a capital bid card's buttons send: its ids (ACTION_DATA_KEYS) and the comment input. */
export const bidCardData = z
  .object({
    card: z.literal(CAPITAL_BID_CARD),
    bidId: recordId,
    round: z.number().int().min(1),
    version: z.string().min(1).max(200),
    councilCode: partnerCode.optional(),
    comment: z.string().max(COMMENT_MAX_LENGTH).optional(),
  })
  .strict();

/** Passes (while the bid keeps changing under the sender) before a delivery stops re-reading it. */
const MAX_UPDATE_PASSES = 3;

export type BidCardsReport = { sent: number; updated: number; failed: string[] };

/**
 * Approve / Reject share: the caller's council's decision through `decideShare`, with the card's round (a card of
 * an earlier round records nothing), then every posted copy of the card updated and the caller's own card answered.
 */
export function bidShareHandler(decision: ShareDecisionKind, cardContext: () => CardContext): CardActionHandler {
  return async ({ caller, data, stores, messenger, now }) => {
    const input = parseCardData(bidCardData, data);
    const comment = (input.comment ?? '').trim();
    const checked = bidDecisionInput.safeParse({
      decision,
      ...(comment ? { comment } : {}),
      round: input.round,
      ...(input.councilCode ? { partnerCode: input.councilCode } : {}),
    });
    if (!checked.success) {
      throw invalidInput(checked.error.issues[0]?.message ?? 'This decision is not valid.', [
        ...checked.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      ]);
    }
    const result = await decideShare(
      stores,
      caller,
      { ...checked.data, id: input.bidId, channel: 'teams-card' },
      () => now,
    );
    const context = cardContext();
    // The decision stands whatever happens to the other copies: a failure to update them is not the caller's.
    if (result.recorded) {
      await sendBidCards(stores, messenger, caller.partnershipId, input.bidId, now, context).catch(() => undefined);
    }
    return callerCard(stores, caller, result.bid, context);
  };
}

/** Teams refreshing a bid card (or a press of a stale one): the bid as it stands, for this viewer. */
export async function refreshBidCard(
  { caller, data, stores }: Pick<CardActionContext, 'caller' | 'data' | 'stores'>,
  context: CardContext,
): Promise<AdaptiveCardJson> {
  const input = parseCardData(bidCardData, data);
  const found = await stores.bids.get(caller.partnershipId, input.bidId);
  if (!found) throw notFound(`There is no capital bid ${input.bidId}.`);
  return callerCard(stores, caller, { record: readBid(found.record), etag: found.etag }, context);
}

async function callerCard(
  stores: Stores,
  caller: BotCaller,
  bid: Versioned<Bid>,
  context: CardContext,
): Promise<AdaptiveCardJson> {
  const { cardView } = await cardViewOf(stores, caller.partnershipId, bid);
  return capitalBidCard(cardView, callerViewer(caller, canDecide(bid.record, caller)), context);
}

function canDecide(bid: Bid, who: { partnerCode: string; roles: readonly Role[] }): boolean {
  return who.roles.includes('bid-approver') && councilsToDecide(bid).includes(who.partnerCode);
}

async function cardViewOf(
  stores: Stores,
  partnershipId: string,
  bid: Versioned<Bid>,
): Promise<{ cardView: CapitalBidView; recipients: CardRecipient[] }> {
  const holders = bid.record.shares.filter((share) => share.amount > 0).map((share) => share.partnerCode);
  const [partnership, recipients] = await Promise.all([
    findPartnership(stores, partnershipId),
    cardRecipients(stores, partnershipId, holders, 'bid-approver'),
  ]);
  return { cardView: toBidCardView(bid.record, bid.etag, partnership, pendingApproversOf(recipients)), recipients };
}

/**
 * Sends a submitted (or resubmitted) bid's card to the bid approvers of the councils still to decide it
 * (`councilsToDecide`: a council with a zero share, or whose share went to revenue, gets nothing), who have
 * installed the app and have no copy of this round yet; and updates every copy of the round already posted with
 * its holder's own view. Called by the function layer after a submit or resubmit, and after a decision. A bid that
 * is not past draft sends nothing. Never throws for one recipient: the failures are reported.
 */
export async function sendBidCards(
  stores: Stores,
  messenger: BotMessenger,
  partnershipId: string,
  bidId: string,
  now: Date,
  context: CardContext,
): Promise<BidCardsReport> {
  const report: BidCardsReport = { sent: 0, updated: 0, failed: [] };
  let found = await stores.bids.get(partnershipId, bidId);
  if (!found || readBid(found.record).status === 'draft') return report;
  const key = roundKey(bidId, readBid(found.record));
  const copies = await postedCopies(stores, partnershipId, 'capital-bid', key);
  for (let pass = 1; found && pass <= MAX_UPDATE_PASSES; pass++) {
    const bid: Versioned<Bid> = { record: readBid(found.record), etag: found.etag };
    const failedBefore = report.failed.length;
    const posted = await postRound(stores, messenger, bid, copies, { sendNew: pass === 1, now, context, report });
    // With nothing failed, every copy shows this version: the outbox has nothing left for it; else it tries again.
    const outcome = report.failed.length === failedBefore ? { delivered: bid.etag } : { failed: bid.etag, now };
    await keepPostedCopies(stores, partnershipId, 'capital-bid', key, posted, outcome);
    copies.push(...posted);
    report.sent += posted.length;
    // A decision that landed while the copies were updated: update them again, so none is left showing the older
    // state when two deliveries' updates cross. A new round is the next submit's to send.
    const after = await stores.bids.get(partnershipId, bidId);
    if (!after || after.etag === bid.etag || currentRound(readBid(after.record)) !== currentRound(bid.record)) break;
    found = after;
  }
  return report;
}

/** The posted cards of a bid's current round are kept under this id: a new round is a new card. */
const roundKey = (bidId: string, bid: Bid) => `${bidId}:r${currentRound(bid)}`;

/**
 * The bid outbox: bids whose cards are not all up to date with the bid, because the delivery after a submit,
 * resubmit or decision failed or never ran (the process stopped between the write and the send). Only bids that
 * went through the workflow count: the plan's imported bids were never sent as cards. A bid changed in the last
 * `BID_DELIVERY_GRACE_MS` is left to the delivery its change started, which may still be under way; a failed one
 * waits out its back-off, and is given up after `MAX_DELIVERY_ATTEMPTS` until the bid changes again.
 */
export async function bidsWithCardsToDeliver(stores: Stores, partnershipId: string, now: Date): Promise<string[]> {
  const due: string[] = [];
  for (const { record, etag } of await stores.bids.listAll(partnershipId)) {
    const bid = readBid(record);
    if (bid.status === 'draft' || bid.rounds.at(-1)?.submittedAt == null) continue;
    if (bid.updatedAt && Date.parse(bid.updatedAt) > now.getTime() - BID_DELIVERY_GRACE_MS) continue;
    const kept = (await stores.postedCards.get(partnershipId, postedCardsId('capital-bid', roundKey(bid.id, bid))))
      ?.record;
    if (kept?.deliveredVersion === etag) continue;
    const retry = kept?.retry?.version === etag ? kept.retry : undefined;
    if (retry && (retry.attempts >= MAX_DELIVERY_ATTEMPTS || Date.parse(retry.after) > now.getTime())) continue;
    due.push(bid.id);
  }
  return due;
}

/** How long after a bid's change the outbox leaves its cards to the delivery that change started. */
export const BID_DELIVERY_GRACE_MS = DELIVERY_LEASE_MS;

/** Posts the bid's card to those still to decide who have no copy (on the first pass), and updates every copy. */
async function postRound(
  stores: Stores,
  messenger: BotMessenger,
  bid: Versioned<Bid>,
  copies: readonly PostedCardCopy[],
  how: { sendNew: boolean; now: Date; context: CardContext; report: BidCardsReport },
): Promise<PostedCardCopy[]> {
  const { cardView, recipients } = await cardViewOf(stores, bid.record.partnershipId, bid);
  const toDecide = councilsToDecide(bid.record);
  const work: Promise<PostedCardCopy | 'updated'>[] = [];
  for (const recipient of recipients) {
    const copy = copies.find((entry) => entry.userObjectId === recipient.approver.objectId);
    const who = { partnerCode: recipient.partnerCode, roles: recipient.approver.roles };
    const card = capitalBidCard(cardView, recipientViewer(recipient, canDecide(bid.record, who)), how.context);
    const conversation = recipient.conversation;
    if (copy) {
      work.push(messenger.updateCard(copy.conversation, copy.activityId, card).then(() => 'updated' as const));
    } else if (conversation && how.sendNew && toDecide.includes(recipient.partnerCode)) {
      work.push(
        messenger.sendCard(conversation, card).then(({ activityId }) => ({
          partnerCode: recipient.partnerCode,
          userObjectId: recipient.approver.objectId,
          activityId,
          conversation,
          postedAt: how.now.toISOString(),
        })),
      );
    }
  }
  for (const copy of copies) {
    if (recipients.some((recipient) => recipient.approver.objectId === copy.userObjectId)) continue;
    const card = capitalBidCard(cardView, formerRecipientViewer(copy), how.context);
    work.push(messenger.updateCard(copy.conversation, copy.activityId, card).then(() => 'updated' as const));
  }
  const posted: PostedCardCopy[] = [];
  for (const outcome of await Promise.allSettled(work)) {
    if (outcome.status === 'rejected') how.report.failed.push(String(outcome.reason?.message ?? outcome.reason));
    else if (outcome.value === 'updated') how.report.updated += 1;
    else posted.push(outcome.value);
  }
  return posted;
}
