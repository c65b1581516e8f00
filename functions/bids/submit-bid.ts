import { z } from 'zod';
import { submitBid } from '../../shared/bids/submit-bid';
import { recordId } from '../../shared/schemas/common';
import { deliverBidCards } from '../bot/approval-notices';
import { authenticatedHandler } from '../http/api-handler';
import { ifMatch, parseWith } from '../http/input';
import { httpFunction } from '../registry';
import { bidAnswer } from './bid-answer';

const params = z.object({ id: recordId });

/** Puts a draft before the councils (partnership admin); no body; an If-Match is checked when sent. */
const handler = authenticatedHandler(async ({ request, runtime, caller, context }) => {
  const { id } = parseWith(params, request.params, 'params');
  const written = await submitBid(runtime.stores, caller, { id, etag: ifMatch(request) });
  if (written.recorded) await deliverBidCards(runtime, caller.partnershipId, id, (line) => context.warn(line));
  return bidAnswer(written);
});

export const submitBidFunction = httpFunction('submitBid', { methods: ['POST'], route: 'bids/{id}/submit', handler });
