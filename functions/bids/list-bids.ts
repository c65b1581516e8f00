import { z } from 'zod';
import { listBids } from '../../shared/bids/list-bids';
import { financialYear } from '../../shared/schemas/common';
import { authenticatedHandler } from '../http/api-handler';
import { parseQuery } from '../http/input';
import { httpFunction } from '../registry';

const query = z.object({ year: financialYear }).strict();

const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const { year } = parseQuery(request, query);
  return { body: await listBids(runtime.stores, caller, year) };
});

export const listBidsFunction = httpFunction('listBids', { methods: ['GET'], route: 'bids', handler });
