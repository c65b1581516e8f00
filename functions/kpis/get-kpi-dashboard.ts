import { getKpiDashboard } from '../../shared/kpis/kpi-dashboard';
import { authenticatedHandler } from '../http/api-handler';
import { parseQuery } from '../http/input';
import { httpFunction } from '../registry';
import { dashboardQuery } from './kpi-query';

/** Every KPI for a quarter (`?year=2019-20&quarter=2`, optionally `&council=HDC`); any member of staff. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => ({
  body: await getKpiDashboard(runtime.stores, caller, parseQuery(request, dashboardQuery)),
}));

export const getKpiDashboardFunction = httpFunction('getKpiDashboard', {
  methods: ['GET'],
  route: 'kpis/dashboard',
  handler,
});
