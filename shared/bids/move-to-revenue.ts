import { DomainError, invalidInput } from '../errors';
import type { Caller } from '../identity/caller';
import { findPartnership } from '../partnerships/find-partnership';
import type { RevenueMoveInput } from '../schemas/bid-requests';
import type { Bid, BidShare, RevenueMove } from '../schemas/bids';
import type { Stores } from '../stores/stores';
import { requireRevenueMover } from './bid-access';
import { settleBid } from './bid-outcome';
import { actorOf } from './bid-record';
import { type BidWrite, changeBid } from './change-bid';
import { currentRound } from './who-must-act';

export type MoveToRevenueInput = RevenueMoveInput & { id: string };

/**
 * Marks one council's share of a bid, or every share (`wholeBid`), as moved from capital to revenue, as the plan's
 * footnotes do ("originally submitted as capital bids - moved to revenue"). Needs the finance-approver role, for
 * the caller's own council unless they are also a partnership administrator (see `requireRevenueMover`).
 *
 * A moved share leaves the capital totals and is no longer asked for a decision, so a bid awaiting only that
 * council is settled by the others' decisions; a bid whose every share is moved is moved to revenue. A bid still in
 * draft or rejected is not in the capital programme and cannot be moved. Moving a share already moved records
 * nothing.
 */
export async function moveToRevenue(
  stores: Pick<Stores, 'partnerships' | 'bids' | 'audit'>,
  caller: Caller,
  input: MoveToRevenueInput,
  now: () => Date = () => new Date(),
): Promise<BidWrite> {
  requireRevenueMover(caller, input);
  const partnership = await findPartnership(stores, caller.partnershipId);
  const codes = partnership.partners.map((partner) => partner.code);
  if (input.partnerCode !== undefined && !codes.includes(input.partnerCode)) {
    throw invalidInput('The council is not a partner.', [
      {
        path: 'partnerCode',
        message: `${input.partnerCode} is not a council of ${partnership.name} (${codes.join(', ')})`,
      },
    ]);
  }
  return changeBid(
    stores,
    caller,
    input.id,
    'bid.move-to-revenue',
    undefined,
    (current) => {
      if (current.status === 'draft' || current.status === 'rejected') {
        throw new DomainError(
          'conflict',
          `"${current.title}" is ${current.status === 'draft' ? 'a draft' : 'rejected'}, not in the capital programme: there is nothing to move.`,
        );
      }
      const targets = sharesToMove(current, input.partnerCode);
      if (targets.length === 0) return null;
      const at = now().toISOString();
      const moved = new Set(targets.map((share) => share.partnerCode));
      const moves = targets.map(
        (share): RevenueMove => ({
          round: currentRound(current),
          partnerCode: share.partnerCode,
          amount: share.amount,
          movedAt: at,
          movedBy: actorOf(caller),
          note: input.note || null,
        }),
      );
      const next: Bid = {
        ...current,
        shares: current.shares.map((share) =>
          moved.has(share.partnerCode) ? { ...share, movedToRevenue: true } : share,
        ),
        revenueMoves: [...current.revenueMoves, ...moves],
        updatedAt: at,
      };
      return settleBid(next, at);
    },
    now,
  );
}

/** The shares still capital that the request names; a named council with no share is refused. */
function sharesToMove(bid: Bid, partnerCode: string | undefined): BidShare[] {
  if (partnerCode === undefined) return bid.shares.filter((share) => share.amount > 0 && !share.movedToRevenue);
  const share = bid.shares.find((s) => s.partnerCode === partnerCode);
  if (!share || share.amount === 0) {
    throw new DomainError('conflict', `${partnerCode} has no share in "${bid.title}" (£0): there is nothing to move.`);
  }
  return share.movedToRevenue ? [] : [share];
}
