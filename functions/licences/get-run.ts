import { z } from 'zod';
import { getRun } from '../../shared/licences/get-run';
import { recordId } from '../../shared/schemas/common';
import { authenticatedHandler } from '../http/api-handler';
import { parseWith } from '../http/input';
import { httpFunction } from '../registry';

const params = z.object({ id: recordId });

/** One run and its progress, which the tab polls while the run goes on. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const { id } = parseWith(params, request.params, 'params');
  return { body: await getRun(runtime.stores, caller, id) };
});

export const getLicenceRunFunction = httpFunction('getLicenceRun', {
  methods: ['GET'],
  route: 'licences/runs/{id}',
  handler,
});
