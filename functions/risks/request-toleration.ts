import { requestToleration } from '../../shared/risks/request-toleration';
import { tolerationRequestInput } from '../../shared/schemas/risk-tolerations';
import { deliverRiskNotices } from '../bot/approval-notices';
import { authenticatedHandler } from '../http/api-handler';
import { parseWith, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';

/**
 * Asks every council of a risk to tolerate it (partnership administrators): 201 with the new request, 200 with the
 * one already awaiting decisions when asked again with the same terms, 409 when one awaits with other terms.
 */
const handler = authenticatedHandler(async ({ request, runtime, caller, context }) => {
  const input = parseWith(tolerationRequestInput, await readJsonBody(request), 'body');
  const { created, toleration } = await requestToleration(runtime.stores, caller, input);
  await deliverRiskNotices(runtime, caller.partnershipId, (line) => context.warn(line));
  return { status: created ? 201 : 200, body: toleration, etag: toleration.etag };
});

export const requestTolerationFunction = httpFunction('requestRiskToleration', {
  methods: ['POST'],
  route: 'tolerations',
  handler,
});
