import type { Role } from '../../../shared/identity/caller';
import type { CatalogueService } from '../../../shared/schemas/catalogue';
import type { IncidentCreate } from '../../../shared/schemas/incidents';
import { incidentCreate } from '../../../shared/schemas/incidents';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf, storesWithPartnership } from '../../support/memory-partnership';

/** The clock of the status tests: Tuesday 12 March 2024, 10:00 UTC (10:00 GMT). */
export const NOW = new Date('2024-03-12T10:00:00.000Z');
export const clock = () => NOW;
export const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
export const minutesAhead = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

export const serviceDesk = callerOf('HDC', ['staff', 'service-desk']);
export const admin = callerOf('HDC', ['staff', 'partnership-admin']);
export const staffOf = (code: string, roles: Role[] = ['staff']) => callerOf(code, roles);
export const outsider = callerOf('PCC', ['staff', 'service-desk', 'partnership-admin'], 'other');

const CATALOGUE: Omit<CatalogueService, 'order'>[] = [
  { id: 'svc-telephony-management', name: 'Telephony Management', statusArea: 'Network/Telephony' },
  { id: 'svc-email-support-web-filtering', name: 'Email Support & Web Filtering', statusArea: 'Email' },
  { id: 'svc-data-centre-management', name: 'Data Centre Management', statusArea: 'Centralised server infrastructure' },
  { id: 'svc-website', name: 'Website and intranet Support', statusArea: 'Internet/web site services' },
  { id: 'svc-training', name: 'Training', statusArea: null },
];

/** Memory stores with partnership p3 (CCC, HDC, SCDC) and a small service catalogue. */
export async function statusStores(): Promise<Stores> {
  const stores = await storesWithPartnership();
  await stores.catalogue.upsertMany(
    CATALOGUE.map((service, index) => ({ ...service, order: index + 1, partnershipId: 'p3', sequence: index })),
  );
  return stores;
}

/** A create request, through the API schema (defaults applied). */
export function newIncident(overrides: Record<string, unknown> = {}): IncidentCreate {
  return incidentCreate.parse({
    title: 'Telephony down at Pathfinder House',
    areas: ['network-telephony'],
    councils: ['HDC'],
    severity: 'outage',
    start: minutesAgo(30),
    ...overrides,
  });
}

export const auditActions = async (stores: Stores) =>
  (await stores.audit.listAll('p3')).map((entry) => entry.record.action);
