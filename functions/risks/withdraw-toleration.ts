import { z } from 'zod';
import { withdrawToleration } from '../../shared/risks/withdraw-toleration';
import { recordId } from '../../shared/schemas/common';
import { deliverRiskNotices } from '../bot/approval-notices';
import { authenticatedHandler } from '../http/api-handler';
import { ifMatch, parseWith } from '../http/input';
import { httpFunction } from '../registry';

const params = z.object({ id: recordId });

/** Withdraws a request still awaiting decisions (partnership administrators); If-Match optional. */
const handler = authenticatedHandler(async ({ request, runtime, caller, context }) => {
  const { id } = parseWith(params, request.params, 'params');
  const toleration = await withdrawToleration(runtime.stores, caller, id, ifMatch(request));
  await deliverRiskNotices(runtime, caller.partnershipId, (line) => context.warn(line));
  return { body: toleration, etag: toleration.etag };
});

export const withdrawTolerationFunction = httpFunction('withdrawRiskToleration', {
  methods: ['POST'],
  route: 'tolerations/{id}/withdraw',
  handler,
});
