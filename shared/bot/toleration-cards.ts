import { z } from 'zod';
import { RISK_TOLERATION_CARD } from '../cards/card-actions';
import type { CardContext } from '../cards/card-viewer';
import { COMMENT_MAX_LENGTH } from '../cards/parts/comment-input';
import { formatDate } from '../cards/parts/format';
import { riskTolerationCard } from '../cards/risk-toleration-card';
import type { RiskTolerationView } from '../cards/risk-toleration-view';
import { forbidden, invalidInput } from '../errors';
import { decideToleration } from '../risks/decide-toleration';
import { loadTolerationView } from '../risks/read-tolerations';
import { toCardView } from '../risks/toleration-card-view';
import { claimNotice, markNoticeDelivered, releaseNotice, undeliveredNotices } from '../risks/toleration-notices';
import { decisionStateFor, type TolerationView } from '../risks/toleration-view';
import { partnerCode, recordId } from '../schemas/common';
import type { PostedCardCopy } from '../schemas/posted-cards';
import type { RiskResponse, TolerationNotice } from '../schemas/risk-tolerations';
import type { Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import { type CardRecipient, cardRecipients } from './approvers';
import type { BotCaller } from './bot-caller';
import type { AdaptiveCardJson, BotMessenger } from './bot-messenger';
import type { CardActionContext, CardActionHandler } from './card-actions';
import { callerViewer, formerRecipientViewer, parseCardData, pendingApproversOf, recipientViewer } from './card-data';
import { MAX_DELIVERY_ATTEMPTS } from './delivery-retry';
import { keepPostedCopies, postedCopies } from './posted-cards';

/** What a risk toleration card's buttons send: its ids (ACTION_DATA_KEYS) and the comment input. */
export const tolerationCardData = z
  .object({
    card: z.literal(RISK_TOLERATION_CARD),
    tolerationId: recordId,
    riskId: recordId,
    riskVersion: z.string().min(1).max(100),
    councilCode: partnerCode.optional(),
    comment: z.string().max(COMMENT_MAX_LENGTH).optional(),
  })
  .strict();

/** Passes (while the round keeps changing under the sender) before a delivery stops re-reading it. */
const MAX_UPDATE_PASSES = 3;

/**
 * The Tolerate / Treat / Transfer / Terminate buttons: the caller's council's decision through `decideToleration`,
 * with the ids and the risk version the card showed, then every posted copy updated (the decision's notice), and
 * the caller's own card answered. Who the caller is and may do comes from the verified activity, never the card.
 */
export function tolerationDecisionHandler(response: RiskResponse, cardContext: () => CardContext): CardActionHandler {
  return async ({ caller, data, stores, messenger, now }) => {
    const input = parseCardData(tolerationCardData, data);
    if (input.councilCode !== undefined && input.councilCode !== caller.partnerCode) {
      throw forbidden(`This card asks ${input.councilCode}'s approvers; you decide for ${caller.partnerCode} only.`);
    }
    const { result, toleration } = await decideToleration(
      stores,
      caller,
      input.tolerationId,
      { response, comment: (input.comment ?? '').trim(), riskVersion: input.riskVersion },
      { channel: 'teams-card', now: () => now },
    );
    const context = cardContext();
    // The decision stands whatever happens to the other copies: a notice not delivered stays in the outbox for the
    // next delivery (the next request, decision or daily review).
    if (result === 'recorded') {
      await deliverTolerationNotices(stores, messenger, caller.partnershipId, now, context).catch(() => undefined);
    }
    return callerCard(stores, caller, toleration, context);
  };
}

/** Teams refreshing a toleration card (or a press of a stale one): the round as it stands, for this viewer. */
export async function refreshTolerationCard(
  { caller, data, stores, now }: Pick<CardActionContext, 'caller' | 'data' | 'stores' | 'now'>,
  context: CardContext,
): Promise<AdaptiveCardJson> {
  const input = parseCardData(tolerationCardData, data);
  const view = await loadTolerationView(stores, caller.partnershipId, input.tolerationId, now);
  if (view.riskId !== input.riskId) throw invalidInput('This card names another risk than its request.');
  return callerCard(stores, caller, view, context);
}

async function callerCard(
  stores: Stores,
  caller: BotCaller,
  view: TolerationView,
  context: CardContext,
): Promise<AdaptiveCardJson> {
  const { cardView } = await cardViewOf(stores, caller.partnershipId, view);
  const canDecide = decisionStateFor(view, caller).kind === 'can-decide';
  return riskTolerationCard(cardView, callerViewer(caller, canDecide), context);
}

async function cardViewOf(
  stores: Stores,
  partnershipId: string,
  view: TolerationView,
): Promise<{ cardView: RiskTolerationView; recipients: CardRecipient[] }> {
  const recipients = await cardRecipients(stores, partnershipId, view.partnerCodes, 'risk-approver');
  return { cardView: toCardView(view, pendingApproversOf(recipients)), recipients };
}

export type DeliveryReport = { delivered: string[]; failed: { id: string; reason: string }[] };

/**
 * Delivers the partnership's undelivered risk notices (the outbox the use-cases fill): a request (or a re-request
 * on review) posts the card to each risk approver of the councils of the risk who installed the app, and updates
 * the copies already posted; a decision, a change of the risk, a withdrawal or an expiry updates every posted copy
 * with its holder's own view; a reminder also sends a line of text, on its first attempt only. A round's notices
 * are claimed just before it is delivered, for a short lease under the ETag read, so of two senders only one sends
 * them; they are marked delivered after, released with a growing back-off if sending failed (given up after
 * `MAX_DELIVERY_ATTEMPTS`), and taken over by a later delivery if their sender died holding them (at least once: a
 * copy whose posting was recorded is updated, not posted again). Never throws for one notice: failures are reported.
 */
export async function deliverTolerationNotices(
  stores: Stores,
  messenger: BotMessenger,
  partnershipId: string,
  now: Date,
  context: CardContext,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: [], failed: [] };
  const byRound = new Map<string, Versioned<TolerationNotice>[]>();
  for (const notice of await undeliveredNotices(stores, partnershipId, now)) {
    byRound.set(notice.record.tolerationId, [...(byRound.get(notice.record.tolerationId) ?? []), notice]);
  }
  for (const [tolerationId, pending] of byRound) {
    // Claimed round by round, so a lease starts when its round's sending does.
    const group: Versioned<TolerationNotice>[] = [];
    for (const notice of pending) {
      const claimed = await claimNotice(stores, notice, now);
      if (claimed) group.push(claimed); // else another sender holds it
    }
    if (group.length === 0) continue;
    try {
      await deliverRound(stores, messenger, partnershipId, tolerationId, group, now, context);
      for (const notice of group) await markNoticeDelivered(stores, notice, now);
      report.delivered.push(...group.map((notice) => notice.record.id));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      for (const notice of group) {
        const attempts = notice.record.attempts ?? 1;
        const given = attempts >= MAX_DELIVERY_ATTEMPTS ? ` (attempt ${attempts}, the last: given up)` : '';
        report.failed.push({ id: notice.record.id, reason: `${reason}${given}` });
        await releaseNotice(stores, notice, now).catch(() => undefined);
      }
    }
  }
  return report;
}

async function deliverRound(
  stores: Stores,
  messenger: BotMessenger,
  partnershipId: string,
  tolerationId: string,
  notices: readonly Versioned<TolerationNotice>[],
  now: Date,
  context: CardContext,
): Promise<void> {
  const sendNew = notices.some((notice) => notice.record.kind === 'decision-requested');
  // A reminder's text goes with its first attempt only: a retry after a failed card update must not repeat it.
  const reminder = notices.find((notice) => notice.record.kind === 'expiry-reminder' && notice.record.attempts === 1);
  const copies = await postedCopies(stores, partnershipId, 'risk-toleration', tolerationId);
  for (let pass = 1; pass <= MAX_UPDATE_PASSES; pass++) {
    const view = await loadTolerationView(stores, partnershipId, tolerationId, now);
    const { cardView, recipients } = await cardViewOf(stores, partnershipId, view);
    const work: Promise<PostedCardCopy | null>[] = [];
    for (const recipient of recipients) {
      const conversation = recipient.conversation;
      const copy = copies.find((entry) => entry.userObjectId === recipient.approver.objectId);
      if (!conversation && !copy) continue;
      const state = decisionStateFor(view, { partnerCode: recipient.partnerCode, roles: recipient.approver.roles });
      const card = riskTolerationCard(cardView, recipientViewer(recipient, state.kind === 'can-decide'), context);
      if (copy) {
        work.push(messenger.updateCard(copy.conversation, copy.activityId, card).then(() => null));
      } else if (conversation && sendNew && pass === 1) {
        work.push(
          messenger.sendCard(conversation, card).then(({ activityId }) => ({
            partnerCode: recipient.partnerCode,
            userObjectId: recipient.approver.objectId,
            activityId,
            conversation,
            postedAt: now.toISOString(),
          })),
        );
      }
      if (reminder && conversation && pass === 1) work.push(sendReminder(messenger, conversation, view, reminder));
    }
    for (const copy of copies) {
      if (recipients.some((recipient) => recipient.approver.objectId === copy.userObjectId)) continue;
      const card = riskTolerationCard(cardView, formerRecipientViewer(copy), context);
      work.push(messenger.updateCard(copy.conversation, copy.activityId, card).then(() => null));
    }
    const settled = await Promise.allSettled(work);
    const posted = settled.flatMap((outcome) =>
      outcome.status === 'fulfilled' && outcome.value ? [outcome.value] : [],
    );
    await keepPostedCopies(stores, partnershipId, 'risk-toleration', tolerationId, posted);
    copies.push(...posted);
    const failed = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    // A change that landed while the copies were updated has its own notice; updating again here keeps a copy
    // from being left showing the older state when the two deliveries' updates cross.
    const after = await stores.riskTolerations.get(partnershipId, tolerationId);
    if (!after || after.etag === view.etag) return;
  }
}

async function sendReminder(
  messenger: BotMessenger,
  conversation: NonNullable<CardRecipient['conversation']>,
  view: TolerationView,
  notice: Versioned<TolerationNotice>,
): Promise<null> {
  const days = notice.record.daysBeforeExpiry;
  const when = view.expiresAt ? ` on ${formatDate(view.expiresAt)}` : '';
  const inDays = days === null ? '' : ` (in ${days} day${days === 1 ? '' : 's'})`;
  await messenger.sendText(
    conversation,
    `Reminder: the toleration of risk ${view.riskId} expires${when}${inDays}; it then comes back to the councils for review.`,
  );
  return null;
}
