import type { Bid, BidShare, ShareDecision } from '../schemas/bids';

/** The round the councils are deciding in (or last decided in); 0 for a draft. */
export function currentRound(bid: Pick<Bid, 'rounds'>): number {
  return bid.rounds.at(-1)?.number ?? 0;
}

/** The decisions of the current round, one per council at most. */
export function currentDecisions(bid: Pick<Bid, 'rounds' | 'decisions'>): ShareDecision[] {
  const round = currentRound(bid);
  return bid.decisions.filter((decision) => decision.round === round);
}

/**
 * The councils still to decide a bid, in the order the bid lists them: while it awaits decisions, each council
 * with a non-zero share that is still capital and that has not decided in this round. A council with a zero
 * share is never asked. This is who the bot sends the bid's card to, and what the tab lists as waiting.
 */
export function councilsToDecide(bid: Pick<Bid, 'status' | 'shares' | 'rounds' | 'decisions'>): string[] {
  if (bid.status !== 'submitted') return [];
  const decided = new Set(currentDecisions(bid).map((decision) => decision.partnerCode));
  return bid.shares
    .filter((share) => share.amount > 0 && !share.movedToRevenue && !decided.has(share.partnerCode))
    .map((share) => share.partnerCode);
}

export type ShareState =
  | 'not-asked'
  | 'draft'
  | 'awaiting'
  | 'approved'
  | 'rejected'
  | 'moved-to-revenue'
  | 'not-decided';

/**
 * Where each council's share stands, for the tab and the cards: not asked (zero share), still a draft, awaiting
 * its council, approved or rejected in this round, moved to revenue, or not decided before the bid was settled
 * (another council rejected it first).
 */
export function shareStates(
  bid: Pick<Bid, 'status' | 'shares' | 'rounds' | 'decisions'>,
): { partnerCode: string; amount: number; state: ShareState }[] {
  const decisions = currentDecisions(bid);
  return bid.shares.map((share) => ({
    partnerCode: share.partnerCode,
    amount: share.amount,
    state: stateOfShare(
      bid.status,
      share,
      decisions.find((d) => d.partnerCode === share.partnerCode),
    ),
  }));
}

function stateOfShare(
  status: Bid['status'],
  share: Pick<BidShare, 'amount' | 'movedToRevenue'>,
  decision: ShareDecision | undefined,
): ShareState {
  if (share.amount === 0) return 'not-asked';
  if (share.movedToRevenue) return 'moved-to-revenue';
  if (status === 'draft') return 'draft';
  if (decision) return decision.decision === 'approve' ? 'approved' : 'rejected';
  return status === 'submitted' ? 'awaiting' : 'not-decided';
}
