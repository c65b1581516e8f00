import type { Bid, BidState } from '../schemas/bids';
import { currentDecisions } from './who-must-act';

/**
 * The state a bid reaches from its shares and the decisions of its current round: moved to revenue once every
 * non-zero share is; while it awaits decisions, rejected as soon as one council rejects, approved when every
 * council with a capital share has approved. A settled bid (approved or rejected, as decided or as a plan prints
 * it) stays settled. Reaching a settled state closes the round with that outcome.
 */
export function settleBid(bid: Bid, at: string): Bid {
  const current = bid.status;
  if (current === 'draft') return bid;
  const status = nextState(bid, current);
  if (status === 'submitted') return { ...bid, status };
  const rounds = bid.rounds.map((round, index) =>
    index === bid.rounds.length - 1 && round.outcome === null ? { ...round, outcome: status, closedAt: at } : round,
  );
  return { ...bid, status, rounds };
}

type PastDraft = Exclude<BidState, 'draft'>;

function nextState(bid: Bid, current: PastDraft): PastDraft {
  const asked = bid.shares.filter((share) => share.amount > 0);
  if (asked.length > 0 && asked.every((share) => share.movedToRevenue)) return 'moved-to-revenue';
  if (current !== 'submitted') return current;
  const decisions = currentDecisions(bid);
  if (decisions.some((decision) => decision.decision === 'reject')) return 'rejected';
  const approved = (code: string) => decisions.some((d) => d.partnerCode === code && d.decision === 'approve');
  const capital = asked.filter((share) => !share.movedToRevenue);
  return capital.every((share) => approved(share.partnerCode)) ? 'approved' : 'submitted';
}
