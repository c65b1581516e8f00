import { z } from 'zod';
import { decideShare } from '../../shared/bids/decide-share';
import { bidDecisionInput } from '../../shared/schemas/bid-requests';
import { recordId } from '../../shared/schemas/common';
import { deliverBidCards } from '../bot/approval-notices';
import { authenticatedHandler } from '../http/api-handler';
import { parseWith, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';
import { bidAnswer } from './bid-answer';

const params = z.object({ id: recordId });

/**
 * The caller's council approves or rejects its share (bid approver): 201 when the decision is recorded, 200 with
 * the bid as it stands when the council had already decided (or the bid is settled, or the round is past).
 */
const handler = authenticatedHandler(async ({ request, runtime, caller, context }) => {
  const { id } = parseWith(params, request.params, 'params');
  const input = parseWith(bidDecisionInput, await readJsonBody(request), 'body');
  const result = await decideShare(runtime.stores, caller, { ...input, id, channel: 'api' });
  if (result.recorded) await deliverBidCards(runtime, caller.partnershipId, id, (line) => context.warn(line));
  return bidAnswer(result, { created: true });
});

export const decideBidShareFunction = httpFunction('decideBidShare', {
  methods: ['POST'],
  route: 'bids/{id}/decisions',
  handler,
});
