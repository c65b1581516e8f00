import { replaceServiceCalendar } from '../../shared/kpis/service-calendar-admin';
import { serviceCalendarSettings } from '../../shared/schemas/service-desk';
import { authenticatedHandler } from '../http/api-handler';
import { ifMatch, parseWith, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';

/** Replaces the service calendar (service desk); If-Match once one is stored, as for every edit. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const settings = parseWith(serviceCalendarSettings, await readJsonBody(request), 'body');
  const written = await replaceServiceCalendar(runtime.stores, caller, settings, ifMatch(request));
  return { status: written.created ? 201 : 200, body: written.record.settings, etag: written.etag };
});

export const replaceServiceCalendarFunction = httpFunction('replaceServiceCalendar', {
  methods: ['PUT'],
  route: 'kpis/calendar',
  handler,
});
