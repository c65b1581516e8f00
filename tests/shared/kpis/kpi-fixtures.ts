import { loadDemoDatasets } from '../../../local/seed/demo-datasets';
import { seedDemoData } from '../../../local/seed/seed-demo-data';
import { seedKpiDemo } from '../../../local/seed/seed-kpi-demo';
import { seedOutageDemo } from '../../../local/seed/seed-outage-demo';
import type { Caller, Role } from '../../../shared/identity/caller';
import { createMemoryStores } from '../../../shared/stores/memory/memory-stores';
import type { Stores } from '../../../shared/stores/stores';

export const NOW = new Date('2026-01-15T12:00:00Z');

/** In-memory stores holding the demo datasets, the demo outage log and the KPI demo (calendar and tickets). */
export async function kpiDemoStores(): Promise<Stores> {
  const stores = createMemoryStores();
  await seedDemoData(stores, loadDemoDatasets());
  await seedOutageDemo(stores, NOW);
  await seedKpiDemo(stores);
  return stores;
}

export function threeCCaller(partnerCode: string, roles: Role[] = ['staff']): Caller {
  const tenantId = { CCC: '3c1c0001', HDC: '3c1c0002', SCDC: '3c1c0003' }[partnerCode] ?? 'other';
  return {
    partnershipId: '3c-ict',
    partnerCode,
    roles,
    tenantId,
    userId: `user-${partnerCode}`,
    name: `${partnerCode} user`,
  };
}

/** The stores, counting every read and write that would be a Cosmos DB round trip. */
export function countingStores(stores: Stores): { stores: Stores; calls: string[] } {
  const calls: string[] = [];
  const wrapped = Object.fromEntries(
    Object.entries(stores).map(([name, store]) => [
      name,
      new Proxy(store as object, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            calls.push(`${name}.${String(property)}`);
            return value.apply(target, args);
          };
        },
      }),
    ]),
  ) as Stores;
  return { stores: wrapped, calls };
}
