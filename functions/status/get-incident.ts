import { z } from 'zod';
import { recordId } from '../../shared/schemas/common';
import { getIncident } from '../../shared/status/get-incident';
import { authenticatedHandler } from '../http/api-handler';
import { parseWith } from '../http/input';
import { httpFunction } from '../registry';

const params = z.object({ id: recordId });

/** One incident, with its ETag for a change. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const { id } = parseWith(params, request.params, 'params');
  const incident = await getIncident(runtime.stores, caller, id);
  return { body: incident.record, etag: incident.etag };
});

export const getIncidentFunction = httpFunction('getIncident', { methods: ['GET'], route: 'incidents/{id}', handler });
