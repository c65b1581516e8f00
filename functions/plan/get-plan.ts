import { z } from 'zod';
import { getPlan } from '../../shared/plan/get-plan';
import { financialYear } from '../../shared/schemas/common';
import { authenticatedHandler } from '../http/api-handler';
import { parseQuery } from '../http/input';
import { httpFunction } from '../registry';

const query = z.object({ year: financialYear }).strict();

const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const { year } = parseQuery(request, query);
  const plan = await getPlan(runtime.stores, caller, year);
  return { body: plan.record, etag: plan.etag };
});

export const getPlanFunction = httpFunction('getPlan', { methods: ['GET'], route: 'plan', handler });
