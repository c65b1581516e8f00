import type { HttpRequest } from '@azure/functions';
import { z } from 'zod';
import { recordId } from '../../shared/schemas/common';
import { incidentResolve } from '../../shared/schemas/incidents';
import { resolveIncident } from '../../shared/status/resolve-incident';
import { authenticatedHandler } from '../http/api-handler';
import { ifMatch, parseWith, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';

const params = z.object({ id: recordId });

/** Ends an incident at `end` or now (service desk); the body is optional, an If-Match checked when sent. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const { id } = parseWith(params, request.params, 'params');
  const input = parseWith(incidentResolve, await optionalJsonBody(request), 'body');
  const incident = await resolveIncident(runtime.stores, caller, id, input, ifMatch(request));
  return { body: incident.record, etag: incident.etag };
});

/** No body (no content type, nothing sent) is an empty object; anything sent must be JSON. */
async function optionalJsonBody(request: HttpRequest): Promise<unknown> {
  const sent = request.headers.get('content-type') || Number(request.headers.get('content-length') ?? 0) > 0;
  return sent ? readJsonBody(request) : {};
}

export const resolveIncidentFunction = httpFunction('resolveIncident', {
  methods: ['POST'],
  route: 'incidents/{id}/resolve',
  handler,
});
