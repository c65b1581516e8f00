import { z } from 'zod';
import { moveToRevenue } from '../../shared/bids/move-to-revenue';
import { revenueMoveInput } from '../../shared/schemas/bid-requests';
import { recordId } from '../../shared/schemas/common';
import { deliverBidCards } from '../bot/approval-notices';
import { authenticatedHandler } from '../http/api-handler';
import { parseWith, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';
import { bidAnswer } from './bid-answer';

const params = z.object({ id: recordId });

/** Moves a council's share (`partnerCode`) or the whole bid (`wholeBid: true`) to revenue (finance approver). */
const handler = authenticatedHandler(async ({ request, runtime, caller, context }) => {
  const { id } = parseWith(params, request.params, 'params');
  const input = parseWith(revenueMoveInput, await readJsonBody(request), 'body');
  const written = await moveToRevenue(runtime.stores, caller, { ...input, id });
  if (written.recorded) await deliverBidCards(runtime, caller.partnershipId, id, (line) => context.warn(line));
  return bidAnswer(written);
});

export const moveBidToRevenueFunction = httpFunction('moveBidToRevenue', {
  methods: ['POST'],
  route: 'bids/{id}/revenue',
  handler,
});
