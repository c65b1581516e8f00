import { importPlan } from '../../shared/plan/import-plan';
import { authenticatedHandler } from '../http/api-handler';
import { ifMatch, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';

/** Loads a whole business plan document; validated in full first, so a bad document writes nothing. */
const handler = authenticatedHandler(async ({ request, runtime, caller, context }) => {
  const document = await readJsonBody(request);
  const result = await importPlan(runtime.stores, caller, document, { ifMatch: ifMatch(request) });
  context.log(`plan ${result.year} imported for ${result.partnershipId}: ${JSON.stringify(result.counts)}`);
  return { body: result, etag: result.planEtag };
});

export const importPlanFunction = httpFunction('importPlan', { methods: ['POST'], route: 'plan/import', handler });
