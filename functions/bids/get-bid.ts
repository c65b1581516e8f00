import { z } from 'zod';
import { getBid } from '../../shared/bids/get-bid';
import { recordId } from '../../shared/schemas/common';
import { authenticatedHandler } from '../http/api-handler';
import { parseWith } from '../http/input';
import { httpFunction } from '../registry';

const params = z.object({ id: recordId });

/** One bid with its rounds, decisions and moves to revenue, and its ETag; any member. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const { id } = parseWith(params, request.params, 'params');
  const { bid, etag } = await getBid(runtime.stores, caller, { id });
  return { body: bid, etag };
});

export const getBidFunction = httpFunction('getBid', { methods: ['GET'], route: 'bids/{id}', handler });
