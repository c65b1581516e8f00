import { z } from 'zod';
import { readReport } from '../../shared/licences/read-report';
import { recordId } from '../../shared/schemas/common';
import { authenticatedHandler } from '../http/api-handler';
import { parseWith } from '../http/input';
import { httpFunction } from '../registry';

const params = z.object({ id: recordId });

/** A run's CSV report as a download: the whole partnership's, or the caller's council's. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const { id } = parseWith(params, request.params, 'params');
  const report = await readReport(runtime.stores, runtime.licenceFiles, caller, id);
  return { file: { text: report.csv, contentType: 'text/csv; charset=utf-8', filename: report.filename } };
});

export const downloadLicenceReportFunction = httpFunction('downloadLicenceReport', {
  methods: ['GET'],
  route: 'licences/runs/{id}/report.csv',
  handler,
});
