import { DomainError } from '../errors';
import type { Caller } from '../identity/caller';
import type { Stores } from '../stores/stores';
import { requireBidDrafter } from './bid-access';
import { actorOf } from './bid-record';
import { type BidWrite, changeBid } from './change-bid';

export type SubmitBidInput = { id: string; etag?: string };

/**
 * Puts a draft before the councils: round 1 starts, and each council with a non-zero share is asked to decide it
 * (see `councilsToDecide`). A bid already submitted is answered as it stands (a double click records nothing); a
 * rejected one is resubmitted with new amounts instead. An If-Match, when sent, must be current.
 */
export async function submitBid(
  stores: Pick<Stores, 'bids' | 'audit'>,
  caller: Caller,
  input: SubmitBidInput,
  now: () => Date = () => new Date(),
): Promise<BidWrite> {
  requireBidDrafter(caller);
  return changeBid(
    stores,
    caller,
    input.id,
    'bid.submit',
    input.etag,
    (current) => {
      if (current.status === 'rejected') {
        throw new DomainError('conflict', `"${current.title}" was rejected: re-scope it and resubmit it.`);
      }
      if (current.status !== 'draft') return null;
      if (current.shares.every((share) => share.amount === 0)) {
        throw new DomainError('conflict', `Every share of "${current.title}" is £0: there is nothing to decide.`);
      }
      const at = now().toISOString();
      const round = {
        number: 1,
        submittedAt: at,
        submittedBy: actorOf(caller),
        title: current.title,
        shares: current.shares,
        total: current.total,
        comment: null,
        outcome: null,
        closedAt: null,
      };
      return { ...current, status: 'submitted', rounds: [round], updatedAt: at };
    },
    now,
  );
}
