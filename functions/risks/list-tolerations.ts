import { listTolerations } from '../../shared/risks/list-tolerations';
import { tolerationListQuery } from '../../shared/schemas/risk-tolerations';
import { authenticatedHandler } from '../http/api-handler';
import { parseQuery } from '../http/input';
import { httpFunction } from '../registry';

/** Toleration requests, newest first: ?state&council&awaitingCouncil&riskId&pageSize&continuationToken; any member. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => ({
  body: await listTolerations(runtime.stores, caller, parseQuery(request, tolerationListQuery)),
}));

export const listTolerationsFunction = httpFunction('listRiskTolerations', {
  methods: ['GET'],
  route: 'tolerations',
  handler,
});
