import { getKpiReport } from '../../shared/kpis/kpi-dashboard';
import { authenticatedHandler } from '../http/api-handler';
import { parseQuery } from '../http/input';
import { httpFunction } from '../registry';
import { quarterQuery } from './kpi-query';

/** The quarterly performance report (`?year=2019-20&quarter=2`) in the plan's order; any member of staff. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => ({
  body: await getKpiReport(runtime.stores, caller, parseQuery(request, quarterQuery)),
}));

export const getKpiReportFunction = httpFunction('getKpiReport', {
  methods: ['GET'],
  route: 'kpis/report',
  handler,
});
