import { z } from 'zod';
import { wasteHistory } from '../../shared/licences/waste-history';
import { authenticatedHandler } from '../http/api-handler';
import { parseQuery } from '../http/input';
import { httpFunction } from '../registry';

/** The annual cost of waste found by each succeeded run, oldest first, for the trend chart: `{ points }`. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  parseQuery(request, z.object({}).strict());
  return { body: await wasteHistory(runtime.stores, caller) };
});

export const licenceWasteHistoryFunction = httpFunction('licenceWasteHistory', {
  methods: ['GET'],
  route: 'licences/history',
  handler,
});
