import { DomainError } from '../errors';
import type { Caller } from '../identity/caller';
import { findPartnership } from '../partnerships/find-partnership';
import { stableJson } from '../plan/stable-json';
import type { BidResubmitInput } from '../schemas/bid-requests';
import type { Bid, BidRound } from '../schemas/bids';
import type { Stores } from '../stores/stores';
import { requireResubmitter } from './bid-access';
import { actorOf, sameActor } from './bid-record';
import { type BidWrite, changeBid } from './change-bid';
import { requireEtag } from './require-etag';
import { sharesFor } from './share-amounts';

export type ResubmitBidInput = BidResubmitInput & { id: string; etag: string | undefined };

/**
 * Re-scopes a rejected bid (new amounts per council, and optionally a new title and notes) and puts it before the
 * councils again: a new round starts, every council with a non-zero share decides afresh, and the earlier rounds
 * and their decisions stay in the history. Shares are capital again; a council whose share went to revenue is
 * given 0 to leave it out. By the submitter of the rejected round or a partnership administrator, with the ETag
 * they read. The same resubmission sent twice records one round.
 */
export async function resubmitBid(
  stores: Pick<Stores, 'partnerships' | 'bids' | 'audit'>,
  caller: Caller,
  input: ResubmitBidInput,
  now: () => Date = () => new Date(),
): Promise<BidWrite> {
  const etag = requireEtag(input.etag);
  const partnership = await findPartnership(stores, caller.partnershipId);
  return changeBid(
    stores,
    caller,
    input.id,
    'bid.resubmit',
    etag,
    (current) => {
      requireResubmitter(caller, current);
      const { shares, total } = sharesFor(input.shares, input.total, partnership);
      if (current.status !== 'rejected') {
        if (isThisResubmission(current, caller, shares)) return null;
        throw new DomainError(
          'conflict',
          `"${current.title}" is ${current.status}: only a rejected bid is resubmitted.`,
        );
      }
      if (shares.every((share) => share.amount === 0)) {
        throw new DomainError('conflict', 'Every share is £0: there would be nothing to decide.');
      }
      const at = now().toISOString();
      const title = input.title ?? current.title;
      const round: BidRound = {
        number: (current.rounds.at(-1)?.number ?? 0) + 1,
        submittedAt: at,
        submittedBy: actorOf(caller),
        title,
        shares,
        total,
        comment: input.comment || null,
        outcome: null,
        closedAt: null,
      };
      const next: Bid = {
        ...current,
        title,
        notes: input.notes ?? current.notes,
        shares,
        total,
        status: 'submitted',
        rounds: [...current.rounds, round],
        updatedAt: at,
      };
      return next;
    },
    now,
  );
}

/** The round now under way is this very resubmission by this caller (a retry or a double click). */
function isThisResubmission(bid: Bid, caller: Caller, shares: Bid['shares']): boolean {
  const round = bid.rounds.at(-1);
  return (
    round !== undefined &&
    round.number > 1 &&
    sameActor(round.submittedBy, caller) &&
    stableJson(round.shares) === stableJson(shares)
  );
}
