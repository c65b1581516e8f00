import { incidentCreate } from '../../shared/schemas/incidents';
import { createIncident } from '../../shared/status/create-incident';
import { authenticatedHandler } from '../http/api-handler';
import { parseWith, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';

/** Records an incident or planned maintenance (service desk); 201 with the record and its ETag. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const input = parseWith(incidentCreate, await readJsonBody(request), 'body');
  const incident = await createIncident(runtime.stores, caller, input);
  return { status: 201, body: incident.record, etag: incident.etag };
});

export const createIncidentFunction = httpFunction('createIncident', {
  methods: ['POST'],
  route: 'incidents',
  handler,
});
