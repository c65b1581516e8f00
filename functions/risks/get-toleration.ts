import { z } from 'zod';
import { getToleration } from '../../shared/risks/read-tolerations';
import { recordId } from '../../shared/schemas/common';
import { authenticatedHandler } from '../http/api-handler';
import { parseWith } from '../http/input';
import { httpFunction } from '../registry';

const params = z.object({ id: recordId });

/** One toleration request with every council's state and the risk as it stands, with its ETag; any member. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const { id } = parseWith(params, request.params, 'params');
  const toleration = await getToleration(runtime.stores, caller, id);
  return { body: toleration, etag: toleration.etag };
});

export const getTolerationFunction = httpFunction('getRiskToleration', {
  methods: ['GET'],
  route: 'tolerations/{id}',
  handler,
});
