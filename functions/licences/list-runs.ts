import { listRuns } from '../../shared/licences/list-runs';
import { authenticatedHandler } from '../http/api-handler';
import { parsePageRequest } from '../http/input';
import { httpFunction } from '../registry';

/** A page of reconciliation runs, newest first: `{ items, continuationToken }`. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => ({
  body: await listRuns(runtime.stores, caller, parsePageRequest(request)),
}));

export const listLicenceRunsFunction = httpFunction('listLicenceRuns', {
  methods: ['GET'],
  route: 'licences/runs',
  handler,
});
