import { DomainError } from '../errors';
import type { Caller } from '../identity/caller';
import { findPartnership } from '../partnerships/find-partnership';
import { stableJson } from '../plan/stable-json';
import type { BidDraftChanges } from '../schemas/bid-requests';
import type { Bid } from '../schemas/bids';
import type { Stores } from '../stores/stores';
import { requireBidDrafter } from './bid-access';
import { type BidWrite, changeBid } from './change-bid';
import { requireEtag } from './require-etag';
import { sharesFor } from './share-amounts';

export type UpdateDraftInput = { id: string; changes: BidDraftChanges; etag: string | undefined };

/**
 * Changes a draft's year, title, amounts or notes. Needs the ETag the caller read (428 without, 412 when someone
 * changed it since). Only a draft is edited this way: a submitted bid is before the councils, and a rejected one
 * is re-scoped by resubmitting it. The same change sent twice (a double click) changes nothing the second time.
 */
export async function updateDraft(
  stores: Pick<Stores, 'partnerships' | 'bids' | 'audit'>,
  caller: Caller,
  input: UpdateDraftInput,
  now: () => Date = () => new Date(),
): Promise<BidWrite> {
  requireBidDrafter(caller);
  const etag = requireEtag(input.etag);
  const partnership = await findPartnership(stores, caller.partnershipId);
  const { changes } = input;
  return changeBid(
    stores,
    caller,
    input.id,
    'bid.update-draft',
    etag,
    (current) => {
      if (current.status !== 'draft') {
        throw new DomainError(
          'conflict',
          `"${current.title}" is ${current.status}, no longer a draft: ${current.status === 'rejected' ? 're-scope it by resubmitting it' : 'its amounts are before the councils'}.`,
        );
      }
      const amounts = changes.shares
        ? sharesFor(changes.shares, changes.total, partnership)
        : sharesFor(current.shares, changes.total ?? current.total, partnership);
      const next: Bid = {
        ...current,
        year: changes.year ?? current.year,
        title: changes.title ?? current.title,
        notes: changes.notes ?? current.notes,
        shares: amounts.shares,
        total: amounts.total,
      };
      const content = (bid: Bid) => stableJson([bid.year, bid.title, bid.shares, bid.total, bid.notes]);
      if (content(next) === content(current)) return null;
      return { ...next, updatedAt: now().toISOString() };
    },
    now,
  );
}
