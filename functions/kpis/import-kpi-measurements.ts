import { importMeasurements } from '../../shared/kpis/measurements';
import { authenticatedHandler } from '../http/api-handler';
import { readCsvBody, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';

/**
 * Loads measurements (service desk) from a CSV file (text/csv: kpi, year, quarter, scope, value, rag, commentary)
 * or JSON (an array, or `{ measurements: [...] }`); a bad row fails the whole file, naming its line or index.
 */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const isCsv = /^text\/csv\b/i.test(request.headers.get('content-type') ?? '');
  const file = isCsv ? { csv: await readCsvBody(request) } : { json: await readJsonBody(request) };
  return { body: await importMeasurements(runtime.stores, caller, file) };
});

export const importKpiMeasurementsFunction = httpFunction('importKpiMeasurements', {
  methods: ['POST'],
  route: 'kpis/measurements',
  handler,
});
