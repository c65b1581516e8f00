import { draftBid } from '../../shared/bids/draft-bid';
import { bidDraftCreate } from '../../shared/schemas/bid-requests';
import { authenticatedHandler } from '../http/api-handler';
import { parseWith, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';
import { bidAnswer } from './bid-answer';

/** Drafts a bid (partnership admin): 201 with the draft and its ETag; 200 when a retry finds it made. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const input = parseWith(bidDraftCreate, await readJsonBody(request), 'body');
  return bidAnswer(await draftBid(runtime.stores, caller, input), { created: true });
});

export const createBidFunction = httpFunction('createBid', { methods: ['POST'], route: 'bids', handler });
