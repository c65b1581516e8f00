import { importIncidents } from '../../shared/status/import-incidents';
import { authenticatedHandler } from '../http/api-handler';
import { readCsvBody } from '../http/input';
import { httpFunction } from '../registry';

/** Loads a CSV of past outages (text/csv; service desk); a bad row fails the whole file, naming its line. */
const handler = authenticatedHandler(async ({ request, runtime, caller, context }) => {
  const counts = await importIncidents(runtime.stores, caller, await readCsvBody(request));
  context.log(`Outage log imported for ${caller.partnershipId} by ${caller.partnerCode}: ${JSON.stringify(counts)}`);
  return { body: counts };
});

export const importIncidentsFunction = httpFunction('importIncidents', {
  methods: ['POST'],
  route: 'incidents/import',
  handler,
});
