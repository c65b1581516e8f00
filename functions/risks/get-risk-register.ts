import { getRiskRegister } from '../../shared/risks/risk-register';
import { riskRegisterQuery } from '../../shared/schemas/risk-tolerations';
import { authenticatedHandler } from '../http/api-handler';
import { parseQuery } from '../http/input';
import { httpFunction } from '../registry';

/** The risk register of one council (?council=) or all, with scores, the matrix and toleration states; any member. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => ({
  body: await getRiskRegister(runtime.stores, caller, parseQuery(request, riskRegisterQuery)),
}));

export const getRiskRegisterFunction = httpFunction('getRiskRegister', {
  methods: ['GET'],
  route: 'risk-register',
  handler,
});
