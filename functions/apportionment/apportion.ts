import { z } from 'zod';
import { APPORTIONMENT_RULES } from '../../shared/apportionment/apportion';
import { apportionCost } from '../../shared/apportionment/apportion-cost';
import { financialYear, partnerCode } from '../../shared/schemas/common';
import { authenticatedHandler } from '../http/api-handler';
import { parseWith, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';

const body = z
  .object({
    rule: z.enum(APPORTIONMENT_RULES),
    amountPence: z.number().int('amountPence is whole pence').nonnegative().max(Number.MAX_SAFE_INTEGER),
    drivers: z.record(partnerCode, z.number().finite().nonnegative()).optional(),
    year: financialYear.optional(),
    originatingPartner: partnerCode.optional(),
  })
  .strict();

/** Splits a cost between the councils by one of the plan's four rules; shares add up to the penny. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const input = parseWith(body, await readJsonBody(request), 'body');
  return { body: await apportionCost(runtime.stores, caller, input) };
});

export const apportionFunction = httpFunction('apportion', { methods: ['POST'], route: 'apportion', handler });
