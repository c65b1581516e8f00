import { z } from 'zod';
import { licenceScope } from '../../shared/licences/finding-access';
import { runView } from '../../shared/licences/get-run';
import { requestRun } from '../../shared/licences/request-run';
import { authenticatedHandler } from '../http/api-handler';
import { parseWith, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';

const body = z.object({ fullScan: z.boolean().default(false) }).strict();

/**
 * Queues a reconciliation of the caller's partnership and answers 202 with the run, whose progress
 * `GET /api/licences/runs/{id}` shows; 409 when one is already queued or running. The body is optional.
 */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const hasBody = (request.headers.get('content-length') ?? '0') !== '0' || request.headers.has('content-type');
  const options = parseWith(body, hasBody ? await readJsonBody(request) : {}, 'body');
  const run = await requestRun(runtime.reconciler, caller.partnershipId, 'manual', caller, {
    forceFull: options.fullScan,
  });
  return { status: 202, body: runView(licenceScope(caller), run) };
});

export const requestLicenceRunFunction = httpFunction('requestLicenceRun', {
  methods: ['POST'],
  route: 'licences/runs',
  handler,
});
