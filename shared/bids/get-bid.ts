import type { Caller } from '../identity/caller';
import type { Stores } from '../stores/stores';
import { loadBid } from './bid-record';
import { type BidView, viewOf } from './bid-view';

/**
 * One bid of the caller's partnership with its history (rounds, each council's decisions with who, when, the
 * comment and the amounts as decided, moves to revenue) and its ETag for a later change. Any member of the
 * partnership may read it; another partnership's bids are not found.
 */
export async function getBid(
  stores: Pick<Stores, 'bids'>,
  caller: Caller,
  input: { id: string },
): Promise<{ bid: BidView; etag: string }> {
  const found = await loadBid(stores, caller, input.id);
  return { bid: viewOf(found.record), etag: found.etag };
}
