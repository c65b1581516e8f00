import { DomainError, forbidden } from '../errors';
import { type Caller, requireRole } from '../identity/caller';
import type { BidDecisionInput } from '../schemas/bid-requests';
import type { Bid, ShareDecision } from '../schemas/bids';
import type { Stores } from '../stores/stores';
import { settleBid } from './bid-outcome';
import { actorOf } from './bid-record';
import { type BidWrite, changeBid } from './change-bid';
import { currentDecisions, currentRound } from './who-must-act';

export type DecideShareInput = BidDecisionInput & { id: string; channel?: ShareDecision['channel'] };

/** Why a decision was not recorded: the bid is answered as it stands. */
export type NotRecordedReason = 'already-decided' | 'stale-round' | 'bid-settled' | 'share-moved-to-revenue';

export type DecisionResult = BidWrite & { reason: NotRecordedReason | null };

/**
 * The caller's council approves or rejects its share of a submitted bid. Needs the bid-approver role; the council
 * is the caller's own, from their token. A council with a zero share is not asked and is refused (403). The
 * decision keeps who, when, the comment and the bid as the approver saw it; the bid is rejected at once, or
 * approved when the last share-holding council approves.
 *
 * Idempotent: once the council has decided in this round, any further decision by it (the same approver again,
 * a colleague, a double click, a card from an earlier round, a bid already settled) records nothing and answers
 * the bid as it stands, with the reason. Concurrent decisions by different councils all land.
 */
export async function decideShare(
  stores: Pick<Stores, 'bids' | 'audit'>,
  caller: Caller,
  input: DecideShareInput,
  now: () => Date = () => new Date(),
): Promise<DecisionResult> {
  requireRole(caller, 'bid-approver');
  const council = caller.partnerCode;
  if (input.partnerCode !== undefined && input.partnerCode !== council) {
    throw forbidden(`You decide ${council}'s share only; ${input.partnerCode}'s share is for its own bid approvers.`);
  }
  let reason: NotRecordedReason | null = null;
  const written = await changeBid(
    stores,
    caller,
    input.id,
    'bid.decide',
    undefined,
    (current) => {
      const share = current.shares.find((s) => s.partnerCode === council);
      if (!share || share.amount === 0) {
        throw forbidden(`${council} has no share in "${current.title}" (£0), so it is not asked to decide it.`);
      }
      if (current.status === 'draft') {
        throw new DomainError(
          'conflict',
          `"${current.title}" is still a draft; councils decide it once it is submitted.`,
        );
      }
      reason = whyNothingToRecord(current, council, input.round);
      if (reason) return null;
      const at = now().toISOString();
      const decision: ShareDecision = {
        round: currentRound(current),
        partnerCode: council,
        decision: input.decision,
        comment: input.comment || null,
        decidedAt: at,
        decidedBy: actorOf(caller),
        channel: input.channel ?? 'api',
        asDecided: { title: current.title, amount: share.amount, total: current.total, shares: current.shares },
      };
      return settleBid({ ...current, decisions: [...current.decisions, decision], updatedAt: at }, at);
    },
    now,
  );
  return { ...written, reason: written.recorded ? null : reason };
}

function whyNothingToRecord(bid: Bid, council: string, round: number | undefined): NotRecordedReason | null {
  if (round !== undefined && round !== currentRound(bid)) return 'stale-round';
  if (bid.status !== 'submitted') return 'bid-settled';
  if (bid.shares.some((share) => share.partnerCode === council && share.movedToRevenue))
    return 'share-moved-to-revenue';
  if (currentDecisions(bid).some((decision) => decision.partnerCode === council)) return 'already-decided';
  return null;
}
