import { z } from 'zod';
import { recordId } from '../../shared/schemas/common';
import { incidentUpdateInput } from '../../shared/schemas/incidents';
import { addIncidentUpdate } from '../../shared/status/add-incident-update';
import { authenticatedHandler } from '../http/api-handler';
import { ifMatch, parseWith, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';

const params = z.object({ id: recordId });

/** Posts an update to an incident (service desk); an If-Match is optional and checked when sent. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const { id } = parseWith(params, request.params, 'params');
  const input = parseWith(incidentUpdateInput, await readJsonBody(request), 'body');
  const incident = await addIncidentUpdate(runtime.stores, caller, id, input, ifMatch(request));
  return { status: 201, body: incident.record, etag: incident.etag };
});

export const addIncidentUpdateFunction = httpFunction('addIncidentUpdate', {
  methods: ['POST'],
  route: 'incidents/{id}/updates',
  handler,
});
