import { z } from 'zod';
import { listRiskTolerations } from '../../shared/risks/list-tolerations';
import { recordId } from '../../shared/schemas/common';
import { authenticatedHandler } from '../http/api-handler';
import { parseWith } from '../http/input';
import { httpFunction } from '../registry';

const params = z.object({ id: recordId });

/** A risk's history of toleration requests and decisions, newest first; any member. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const { id } = parseWith(params, request.params, 'params');
  return { body: { items: await listRiskTolerations(runtime.stores, caller, id) } };
});

export const listRiskTolerationHistoryFunction = httpFunction('listRiskTolerationHistory', {
  methods: ['GET'],
  route: 'risks/{id}/tolerations',
  handler,
});
