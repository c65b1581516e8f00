import { importHrFeed } from '../../shared/licences/import-hr-feed';
import { authenticatedHandler } from '../http/api-handler';
import { readCsvBody } from '../http/input';
import { httpFunction } from '../registry';

/** Loads an HR starters-and-leavers CSV (text/csv); a bad row fails the whole file, naming its line. */
const handler = authenticatedHandler(async ({ request, runtime, caller, context }) => {
  const counts = await importHrFeed(runtime.stores, caller, await readCsvBody(request));
  context.log(`HR feed imported for ${caller.partnershipId} by ${caller.partnerCode}: ${JSON.stringify(counts)}`);
  return { body: counts };
});

export const importHrFeedFunction = httpFunction('importHrFeed', {
  methods: ['POST'],
  route: 'licences/hr-feed',
  handler,
});
