import { z } from 'zod';
import { decideToleration } from '../../shared/risks/decide-toleration';
import { recordId } from '../../shared/schemas/common';
import { tolerationDecisionInput } from '../../shared/schemas/risk-tolerations';
import { deliverRiskNotices } from '../bot/approval-notices';
import { authenticatedHandler } from '../http/api-handler';
import { ifMatch, parseWith, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';

const params = z.object({ id: recordId });

/**
 * The caller's council's decision (risk approvers of a council the risk belongs to): 201 when recorded; 200 with
 * `result` saying why nothing was recorded (already decided, closed, risk changed). If-Match optional.
 */
const handler = authenticatedHandler(async ({ request, runtime, caller, context }) => {
  const { id } = parseWith(params, request.params, 'params');
  const input = parseWith(tolerationDecisionInput, await readJsonBody(request), 'body');
  const etag = ifMatch(request);
  const { result, toleration } = await decideToleration(runtime.stores, caller, id, input, etag ? { etag } : {});
  if (result === 'recorded') await deliverRiskNotices(runtime, caller.partnershipId, (line) => context.warn(line));
  return { status: result === 'recorded' ? 201 : 200, body: { result, toleration }, etag: toleration.etag };
});

export const decideTolerationFunction = httpFunction('decideRiskToleration', {
  methods: ['POST'],
  route: 'tolerations/{id}/decisions',
  handler,
});
