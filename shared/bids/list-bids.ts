import type { Caller } from '../identity/caller';
import { findPartnership } from '../partnerships/find-partnership';
import type { CapitalBid } from '../schemas/bids';
import type { Stored } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import { type BidTotals, totalBids } from './bid-totals';

export type BidsOfYear = { year: string; currency: 'GBP'; bids: Stored<CapitalBid>[]; totals: BidTotals };

/**
 * Every capital bid of one year with the councils' totals. A year holds tens of bids, so they are read whole
 * rather than paged: the totals need all of them.
 */
export async function listBids(
  stores: Pick<Stores, 'bids' | 'partnerships'>,
  caller: Caller,
  year: string,
): Promise<BidsOfYear> {
  const partnership = await findPartnership(stores, caller.partnershipId);
  const bids = (await stores.bids.listAll(caller.partnershipId))
    .map((bid) => bid.record)
    .filter((bid) => bid.year === year);
  const totals = totalBids(
    bids,
    partnership.partners.map((p) => p.code),
  );
  return { year, currency: 'GBP', bids, totals };
}
