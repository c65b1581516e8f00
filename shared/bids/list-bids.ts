import { invalidInput } from '../errors';
import type { Caller } from '../identity/caller';
import { findPartnership } from '../partnerships/find-partnership';
import type { BidListQuery } from '../schemas/bid-requests';
import type { Stores } from '../stores/stores';
import { readBid } from './bid-record';
import { type BidTotals, totalBids } from './bid-totals';
import { type BidView, viewOf } from './bid-view';
import { councilsToDecide } from './who-must-act';

export type BidList = { year: string | null; currency: 'GBP'; bids: BidView[]; totals: BidTotals };

/**
 * The capital bids of one year (of every year without `year`), with the councils' totals of that year: the plan's
 * capital bids table. Drafts are listed only when asked for (`state: 'draft'`); `awaiting` keeps the bids still
 * waiting for that council's decision (`mine`: the caller's), which is what the tab and the bot show as to do.
 * The totals cover every bid of the year, whatever the other filters. A year holds tens of bids, so they are read
 * whole rather than paged: the totals need all of them.
 */
export async function listBids(
  stores: Pick<Stores, 'bids' | 'partnerships'>,
  caller: Caller,
  query: BidListQuery = {},
): Promise<BidList> {
  const partnership = await findPartnership(stores, caller.partnershipId);
  const codes = partnership.partners.map((p) => p.code);
  const awaiting = query.awaiting === 'mine' ? caller.partnerCode : query.awaiting;
  if (awaiting !== undefined && !codes.includes(awaiting)) {
    throw invalidInput('The council is not a partner.', [
      { path: 'query.awaiting', message: `${awaiting} is not a council of ${partnership.name} (${codes.join(', ')})` },
    ]);
  }
  const ofYear = (await stores.bids.listAll(caller.partnershipId))
    .map((row) => readBid(row.record))
    .filter((bid) => query.year === undefined || bid.year === query.year);
  const bids = ofYear
    .filter((bid) => (query.state === undefined ? bid.status !== 'draft' : bid.status === query.state))
    .filter((bid) => awaiting === undefined || councilsToDecide(bid).includes(awaiting));
  return { year: query.year ?? null, currency: 'GBP', bids: bids.map(viewOf), totals: totalBids(ofYear, codes) };
}
