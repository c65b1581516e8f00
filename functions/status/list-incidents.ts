import { incidentListQuery } from '../../shared/schemas/incidents';
import { listIncidents } from '../../shared/status/list-incidents';
import { authenticatedHandler } from '../http/api-handler';
import { parseQuery } from '../http/input';
import { httpFunction } from '../registry';

/** A page of the outage log: ?state=open|planned|history&kind&area&council&from&to&pageSize&continuationToken. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => ({
  body: await listIncidents(runtime.stores, caller, parseQuery(request, incidentListQuery)),
}));

export const listIncidentsFunction = httpFunction('listIncidents', { methods: ['GET'], route: 'incidents', handler });
