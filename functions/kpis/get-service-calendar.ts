import { getServiceCalendar } from '../../shared/kpis/service-calendar-admin';
import { authenticatedHandler } from '../http/api-handler';
import { httpFunction } from '../registry';

/** The agreed service hours and KPI rules in force, with the ETag to send back when changing them. */
const handler = authenticatedHandler(async ({ runtime, caller }) => {
  const view = await getServiceCalendar(runtime.stores, caller);
  return { body: view, ...(view.etag ? { etag: view.etag } : {}) };
});

export const getServiceCalendarFunction = httpFunction('getServiceCalendar', {
  methods: ['GET'],
  route: 'kpis/calendar',
  handler,
});
