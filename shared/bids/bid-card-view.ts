import type { CapitalBidOutcomeView, CapitalBidView } from '../cards/capital-bid-view';
import type { PendingApprover } from '../cards/card-viewer';
import type { Bid } from '../schemas/bids';
import type { Partnership } from '../schemas/partnership';
import { currentDecisions, currentRound } from './who-must-act';

/**
 * A bid as the capital bid card shows it: its shares with the councils' names, the current round's decisions and
 * the outcome. `version` is the bid's ETag; `pendingApprovers` come from the bot, which knows the Teams ids.
 */
export function toBidCardView(
  bid: Bid,
  etag: string,
  partnership: Pick<Partnership, 'partners'>,
  pendingApprovers: PendingApprover[] = [],
): CapitalBidView {
  const round = bid.rounds.at(-1);
  const councilOf = (code: string) => ({
    code,
    name: partnership.partners.find((partner) => partner.code === code)?.name ?? code,
  });
  return {
    bidId: bid.id,
    version: etag,
    round: Math.max(currentRound(bid), 1),
    title: bid.title,
    year: bid.year,
    shares: bid.shares.map((share) => ({
      council: councilOf(share.partnerCode),
      amount: share.amount,
      movedToRevenue: share.movedToRevenue,
      note: share.note ?? null,
    })),
    total: bid.total,
    notes: bid.notes,
    submitted: {
      by: round?.submittedBy?.name ?? 'the business plan',
      at: round?.submittedAt ?? bid.updatedAt ?? bid.draftedAt ?? new Date(0).toISOString(),
    },
    decisions: currentDecisions(bid).map((decision) => ({
      councilCode: decision.partnerCode,
      decision: decision.decision,
      by: { userId: decision.decidedBy.objectId, name: decision.decidedBy.name },
      at: decision.decidedAt,
      comment: decision.comment ?? '',
    })),
    outcome: outcomeOf(bid),
    pendingApprovers,
  };
}

function outcomeOf(bid: Bid): CapitalBidOutcomeView {
  const at = bid.rounds.at(-1)?.closedAt ?? bid.updatedAt ?? new Date(0).toISOString();
  switch (bid.status) {
    case 'approved':
      return { state: 'approved', at };
    case 'rejected':
      return { state: 'rejected', at };
    case 'moved-to-revenue': {
      const move = bid.revenueMoves.at(-1);
      return { state: 'moved-to-revenue', at: move?.movedAt ?? at, by: move?.movedBy.name ?? null };
    }
    default:
      return { state: 'awaiting' };
  }
}
