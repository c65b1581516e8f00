import { z } from 'zod';
import { putMeasurement } from '../../shared/kpis/measurements';
import { recordId } from '../../shared/schemas/common';
import { kpiMeasurementInput } from '../../shared/schemas/kpis';
import { authenticatedHandler } from '../http/api-handler';
import { ifMatch, parseWith, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';

const params = z.object({ id: recordId });

/**
 * Records or corrects one measurement (service desk): a new one without If-Match at the id its KPI, period and
 * scope give it (`KPI-1:2020-21:Q1:combined`), an existing one with the ETag read.
 */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const { id } = parseWith(params, request.params, 'params');
  const input = parseWith(kpiMeasurementInput, await readJsonBody(request), 'body');
  const written = await putMeasurement(runtime.stores, caller, id, input, ifMatch(request));
  return { status: written.created ? 201 : 200, body: written.record, etag: written.etag };
});

export const putKpiMeasurementFunction = httpFunction('putKpiMeasurement', {
  methods: ['PUT'],
  route: 'kpis/measurements/{id}',
  handler,
});
