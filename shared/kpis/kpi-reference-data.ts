import { findPartnership } from '../partnerships/find-partnership';
import type { KpiDefinition } from '../schemas/kpis';
import type { Partnership } from '../schemas/partnership';
import type { Project } from '../schemas/projects';
import { SERVICE_CALENDAR_ID, type ServiceCalendarSettings, serviceCalendarSettings } from '../schemas/service-desk';
import type { Stores } from '../stores/stores';

/** What KPI pages need that changes rarely: the partnership, the KPI definitions, the pipeline, the calendar. */
export type KpiReferenceData = {
  partnership: Partnership;
  /** In the plan's order. */
  definitions: KpiDefinition[];
  projects: Project[];
  calendar: { settings: ServiceCalendarSettings; etag: string | null };
};

export type KpiReferenceStores = Pick<Stores, 'partnerships' | 'kpiDefinitions' | 'projects' | 'serviceCalendars'>;

/**
 * How long one instance keeps the reference data. They change only with a plan import or a calendar edit; this
 * capability's own writes forget the cached copy at once, and another instance (or a plan import) is seen within
 * this time. Measurements and the outage log, which change often, are never cached.
 */
export const REFERENCE_DATA_TTL_MS = 15_000;

type Entry = { until: number; value: Promise<KpiReferenceData> };
const cache = new WeakMap<object, Map<string, Entry>>();

/**
 * The reference data of a partnership, read with one query per container and kept for a few seconds per set of
 * stores, so a burst of dashboard requests costs two Cosmos DB round trips each (measurements and the outage log)
 * rather than six. Concurrent misses share one read.
 */
export function loadKpiReferenceData(
  stores: KpiReferenceStores,
  partnershipId: string,
  now: () => number = Date.now,
): Promise<KpiReferenceData> {
  let byPartnership = cache.get(stores);
  if (!byPartnership) {
    byPartnership = new Map();
    cache.set(stores, byPartnership);
  }
  const hit = byPartnership.get(partnershipId);
  if (hit && hit.until > now()) return hit.value;
  const value = readKpiReferenceData(stores, partnershipId);
  const entry = { until: now() + REFERENCE_DATA_TTL_MS, value };
  byPartnership.set(partnershipId, entry);
  value.catch(() => {
    if (byPartnership.get(partnershipId) === entry) byPartnership.delete(partnershipId);
  });
  return value;
}

/** Drops the cached reference data after a write that changes it; `stores` is the set the use-case was given. */
export function forgetKpiReferenceData(stores: object, partnershipId: string): void {
  cache.get(stores)?.delete(partnershipId);
}

async function readKpiReferenceData(stores: KpiReferenceStores, partnershipId: string): Promise<KpiReferenceData> {
  const [partnership, definitions, projects, calendar] = await Promise.all([
    findPartnership(stores, partnershipId),
    stores.kpiDefinitions.listAll(partnershipId),
    stores.projects.listAll(partnershipId),
    readServiceCalendar(stores, partnershipId),
  ]);
  return {
    partnership,
    definitions: definitions.map(({ record }) => record).sort((a, b) => a.sequence - b.sequence),
    projects: projects.map(({ record }) => record),
    calendar,
  };
}

/** The stored calendar (fields added since it was written take their defaults), or the plan's default. */
export async function readServiceCalendar(
  stores: Pick<Stores, 'serviceCalendars'>,
  partnershipId: string,
): Promise<{ settings: ServiceCalendarSettings; etag: string | null }> {
  const stored = await stores.serviceCalendars.get(partnershipId, SERVICE_CALENDAR_ID);
  if (!stored) return { settings: serviceCalendarSettings.parse({}), etag: null };
  const parsed = serviceCalendarSettings.safeParse(stored.record.settings);
  return { settings: parsed.success ? parsed.data : serviceCalendarSettings.parse({}), etag: stored.etag };
}
