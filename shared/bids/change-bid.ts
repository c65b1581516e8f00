import { recordWrites } from '../audit/audit-trail';
import { DomainError, staleWrite } from '../errors';
import type { Caller } from '../identity/caller';
import type { Bid } from '../schemas/bids';
import type { Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import { loadBid, readBid, toStoredBid } from './bid-record';

/** What a change to a bid did: the bid as it now stands, and whether anything was written. */
export type BidWrite = { bid: Versioned<Bid>; recorded: boolean };

/** Each lost race means another write landed, so a change gets through well within this many tries. */
const MAX_ATTEMPTS = 20;

/**
 * Reads, changes and writes one bid under its ETag, and audits the write. `change` returns null when there is
 * nothing to record (the same decision again, a stale card, a double click): the bid is answered as it stands
 * and nothing is written. With the caller's If-Match (`etag`), a change to a newer version than they read is
 * refused (412). Without it, a race is settled by reading again and deciding again, so concurrent decisions by
 * different councils all land and repeats by one council find their decision already there.
 */
export async function changeBid(
  stores: Pick<Stores, 'bids' | 'audit'>,
  caller: Caller,
  id: string,
  action: string,
  etag: string | undefined,
  change: (current: Bid) => Bid | null,
  now: () => Date = () => new Date(),
): Promise<BidWrite> {
  for (let attempt = 1; ; attempt++) {
    const current = await loadBid(stores, caller, id);
    const next = change(current.record);
    if (next === null) return { bid: current, recorded: false };
    if (etag !== undefined && etag !== current.etag) throw staleWrite();
    try {
      const written = await stores.bids.replace(toStoredBid(next), current.etag);
      await recordWrites(
        stores.audit,
        caller,
        action,
        [{ kind: 'bids', id, etagBefore: current.etag, etagAfter: written.etag }],
        now,
      );
      return { bid: { record: readBid(written.record), etag: written.etag }, recorded: true };
    } catch (error) {
      const raced = error instanceof DomainError && error.kind === 'precondition-failed';
      if (!raced || etag !== undefined) throw error;
      if (attempt >= MAX_ATTEMPTS) throw new DomainError('conflict', 'The bid is changing too fast; try again.');
    }
  }
}
