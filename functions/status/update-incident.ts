import { z } from 'zod';
import { recordId } from '../../shared/schemas/common';
import { incidentChanges } from '../../shared/schemas/incidents';
import { updateIncident } from '../../shared/status/update-incident';
import { authenticatedHandler } from '../http/api-handler';
import { ifMatch, parseWith, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';

const params = z.object({ id: recordId });

/** Changes an incident (service desk); needs If-Match with the ETag read: 428 without, 412 when stale. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const { id } = parseWith(params, request.params, 'params');
  const changes = parseWith(incidentChanges, await readJsonBody(request), 'body');
  const incident = await updateIncident(runtime.stores, caller, id, changes, ifMatch(request));
  return { body: incident.record, etag: incident.etag };
});

export const updateIncidentFunction = httpFunction('updateIncident', {
  methods: ['PATCH'],
  route: 'incidents/{id}',
  handler,
});
