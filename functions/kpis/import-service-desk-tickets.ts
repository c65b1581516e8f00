import { importTickets } from '../../shared/kpis/import-tickets';
import { authenticatedHandler } from '../http/api-handler';
import { readCsvBody } from '../http/input';
import { httpFunction } from '../registry';

/** Loads a service desk ticket export (text/csv) and recomputes KPI-3 to KPI-5; a bad row fails the whole file. */
const handler = authenticatedHandler(async ({ request, runtime, caller, context }) => {
  const result = await importTickets(runtime.stores, caller, await readCsvBody(request));
  context.log(`Tickets imported for ${caller.partnershipId} by ${caller.partnerCode}: ${JSON.stringify(result)}`);
  return { body: result };
});

export const importServiceDeskTicketsFunction = httpFunction('importServiceDeskTickets', {
  methods: ['POST'],
  route: 'kpis/tickets/import',
  handler,
});
