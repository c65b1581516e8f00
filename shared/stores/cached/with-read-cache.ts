import type { RecordStore } from '../record-store';
import type { Stores } from '../stores';
import { CachedRecordStore } from './cached-record-store';

/**
 * The same stores, with those behind the status page and the KPI dashboard (which every member of staff reads)
 * answering repeated reads from memory for `ttlMs`; 0 keeps nothing.
 */
export function withReadCache(stores: Stores, ttlMs: number): Stores {
  if (ttlMs <= 0) return stores;
  const cached = <T extends { id: string }>(store: RecordStore<T>) => new CachedRecordStore(store, ttlMs);
  return {
    ...stores,
    partnerships: cached(stores.partnerships),
    incidents: cached(stores.incidents),
    kpiDefinitions: cached(stores.kpiDefinitions),
    kpiMeasurements: cached(stores.kpiMeasurements),
    projects: cached(stores.projects),
    serviceCalendars: cached(stores.serviceCalendars),
  };
}
