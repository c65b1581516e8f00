import { listBids } from '../../shared/bids/list-bids';
import { bidListQuery } from '../../shared/schemas/bid-requests';
import { authenticatedHandler } from '../http/api-handler';
import { parseQuery } from '../http/input';
import { httpFunction } from '../registry';

/** The capital bids with the councils' totals: ?year=2020-21&state=submitted&awaiting=mine|{council}; any member. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => ({
  body: await listBids(runtime.stores, caller, parseQuery(request, bidListQuery)),
}));

export const listBidsFunction = httpFunction('listBids', { methods: ['GET'], route: 'bids', handler });
