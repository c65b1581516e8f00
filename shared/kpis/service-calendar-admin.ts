import { type Caller, requireRole } from '../identity/caller';
import { type ConfigWrite, writeConfigRecord } from '../licences/config-record';
import { findPartnership } from '../partnerships/find-partnership';
import { SERVICE_CALENDAR_ID, type ServiceCalendarRecord, type ServiceCalendarSettings } from '../schemas/service-desk';
import type { Stores } from '../stores/stores';
import { refreshServiceDeskMeasurements } from './computed-measurements';
import { readServiceCalendar } from './kpi-sources';
import { DEFAULT_SERVICE_CALENDAR } from './service-calendar';

export type ServiceCalendarView = {
  settings: ServiceCalendarSettings;
  /** null while the partnership uses the default calendar: PUT without If-Match creates its own. */
  etag: string | null;
  isDefault: boolean;
  defaults: ServiceCalendarSettings;
};

/** The agreed service hours and KPI rules in force; any member of staff may read them. */
export async function getServiceCalendar(
  stores: Pick<Stores, 'serviceCalendars'>,
  caller: Caller,
): Promise<ServiceCalendarView> {
  const { settings, etag } = await readServiceCalendar(stores, caller.partnershipId);
  return { settings, etag, isDefault: etag === null, defaults: DEFAULT_SERVICE_CALENDAR };
}

/**
 * Replaces the calendar (service desk or partnership administrator): with If-Match once one is stored, without
 * for the first. The service hours and target times change KPI-3 to KPI-5, so their computed measurements are
 * recomputed from the stored tickets; KPI-2 is computed when read, so it follows at once.
 */
export async function replaceServiceCalendar(
  stores: Pick<
    Stores,
    'partnerships' | 'serviceCalendars' | 'serviceDeskTickets' | 'kpiDefinitions' | 'kpiMeasurements' | 'audit'
  >,
  caller: Caller,
  settings: ServiceCalendarSettings,
  etag: string | undefined,
  now: () => Date = () => new Date(),
): Promise<ConfigWrite<ServiceCalendarRecord>> {
  requireRole(caller, 'service-desk', 'partnership-admin');
  const { partnershipId } = caller;
  const record = { id: SERVICE_CALENDAR_ID, partnershipId, sequence: 0, settings } as const;
  const written = await writeConfigRecord(stores.serviceCalendars, stores.audit, caller, record, etag, {
    action: 'kpi.calendar.replace',
    kind: 'serviceCalendars',
    label: 'service calendar',
  });
  const [partnership, tickets, definitions] = await Promise.all([
    findPartnership(stores, partnershipId),
    stores.serviceDeskTickets.listAll(partnershipId),
    stores.kpiDefinitions.listAll(partnershipId),
  ]);
  if (tickets.length > 0) {
    await refreshServiceDeskMeasurements(stores, caller, {
      tickets: tickets.map(({ record: ticket }) => ticket),
      definitions: definitions.map(({ record: definition }) => definition),
      settings,
      councils: partnership.partners.map((p) => p.code),
      now: now(),
    });
  }
  return written;
}
