import { z } from 'zod';
import { getRisk } from '../../shared/risks/get-risk';
import { recordId } from '../../shared/schemas/common';
import { authenticatedHandler } from '../http/api-handler';
import { parseWith } from '../http/input';
import { httpFunction } from '../registry';

const params = z.object({ id: recordId });

const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const { id } = parseWith(params, request.params, 'params');
  const risk = await getRisk(runtime.stores, caller, id);
  return { body: risk.record, etag: risk.etag };
});

export const getRiskFunction = httpFunction('getRisk', { methods: ['GET'], route: 'risks/{id}', handler });
