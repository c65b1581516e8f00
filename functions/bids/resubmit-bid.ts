import { z } from 'zod';
import { resubmitBid } from '../../shared/bids/resubmit-bid';
import { bidResubmitInput } from '../../shared/schemas/bid-requests';
import { recordId } from '../../shared/schemas/common';
import { deliverBidCards } from '../bot/approval-notices';
import { authenticatedHandler } from '../http/api-handler';
import { ifMatch, parseWith, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';
import { bidAnswer } from './bid-answer';

const params = z.object({ id: recordId });

/** Re-scopes a rejected bid and starts a new round (its submitter or a partnership admin); needs If-Match. */
const handler = authenticatedHandler(async ({ request, runtime, caller, context }) => {
  const { id } = parseWith(params, request.params, 'params');
  const input = parseWith(bidResubmitInput, await readJsonBody(request), 'body');
  const written = await resubmitBid(runtime.stores, caller, { ...input, id, etag: ifMatch(request) });
  if (written.recorded) await deliverBidCards(runtime, caller.partnershipId, id, (line) => context.warn(line));
  return bidAnswer(written);
});

export const resubmitBidFunction = httpFunction('resubmitBid', {
  methods: ['POST'],
  route: 'bids/{id}/resubmit',
  handler,
});
