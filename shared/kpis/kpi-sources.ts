import type { Incident } from '../schemas/incidents';
import type { KpiDefinition, KpiMeasurement } from '../schemas/kpis';
import type { Partnership } from '../schemas/partnership';
import type { Project } from '../schemas/projects';
import {
  SERVICE_CALENDAR_ID,
  type ServiceCalendarRecord,
  type ServiceCalendarSettings,
  serviceCalendarSettings,
} from '../schemas/service-desk';
import type { Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';

/**
 * What the KPI dashboard is computed from, exactly as the stores answered: while their read cache keeps these
 * objects, the same dashboard can be reused (see `getKpiDashboard`).
 */
export type KpiSources = {
  partnership: Versioned<Partnership> | null;
  definitions: Versioned<KpiDefinition>[];
  projects: Versioned<Project>[];
  calendar: Versioned<ServiceCalendarRecord> | null;
  measurements: Versioned<KpiMeasurement>[];
  incidents: Versioned<Incident>[];
};

export type KpiSourceStores = Pick<
  Stores,
  'partnerships' | 'kpiDefinitions' | 'projects' | 'serviceCalendars' | 'kpiMeasurements' | 'incidents'
>;

/** One read per store, in parallel; under load each answers from its instance's read cache (`withReadCache`). */
export async function readKpiSources(stores: KpiSourceStores, partnershipId: string): Promise<KpiSources> {
  const [partnership, definitions, projects, calendar, measurements, incidents] = await Promise.all([
    stores.partnerships.get(partnershipId, partnershipId),
    stores.kpiDefinitions.listAll(partnershipId),
    stores.projects.listAll(partnershipId),
    stores.serviceCalendars.get(partnershipId, SERVICE_CALENDAR_ID),
    stores.kpiMeasurements.listAll(partnershipId),
    stores.incidents.listAll(partnershipId),
  ]);
  return { partnership, definitions, projects, calendar, measurements, incidents };
}

/** The stored calendar (fields added since it was written take their defaults), or the plan's default. */
export function calendarSettingsFrom(stored: Versioned<ServiceCalendarRecord> | null): ServiceCalendarSettings {
  const parsed = serviceCalendarSettings.safeParse(stored?.record.settings ?? {});
  return parsed.success ? parsed.data : serviceCalendarSettings.parse({});
}

export async function readServiceCalendar(
  stores: Pick<Stores, 'serviceCalendars'>,
  partnershipId: string,
): Promise<{ settings: ServiceCalendarSettings; etag: string | null }> {
  const stored = await stores.serviceCalendars.get(partnershipId, SERVICE_CALENDAR_ID);
  return { settings: calendarSettingsFrom(stored), etag: stored?.etag ?? null };
}
