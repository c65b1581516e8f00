import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES } from '../../shared/identity/caller';
import { importTickets } from '../../shared/kpis/import-tickets';
import { DEFAULT_SERVICE_CALENDAR } from '../../shared/kpis/service-calendar';
import { SERVICE_CALENDAR_ID } from '../../shared/schemas/service-desk';
import type { Stores } from '../../shared/stores/stores';

export const KPI_DEMO_PARTNERSHIP = '3c-ict';
export const DEMO_TICKETS_FILE = join(__dirname, '..', 'demo-data', 'kpis', 'tickets-2019-20-q2.csv');

/**
 * The KPI demo of the 3C ICT partnership: its service calendar (the default, which reproduces the plan's KPI-2
 * figure) unless one is stored already, and the Q2 2019/20 service desk ticket export KPI-3 to KPI-5 are computed
 * from. Idempotent: a second run finds the calendar and every ticket unchanged and writes nothing.
 */
export async function seedKpiDemo(
  stores: Pick<
    Stores,
    'partnerships' | 'serviceCalendars' | 'serviceDeskTickets' | 'kpiDefinitions' | 'kpiMeasurements' | 'audit'
  >,
): Promise<string> {
  const partnershipId = KPI_DEMO_PARTNERSHIP;
  const partnership = await stores.partnerships.get(partnershipId, partnershipId);
  if (!partnership) return `${partnershipId}: not seeded, so no KPI demo`;
  if (!(await stores.serviceCalendars.get(partnershipId, SERVICE_CALENDAR_ID))) {
    await stores.serviceCalendars.create({
      id: SERVICE_CALENDAR_ID,
      partnershipId,
      sequence: 0,
      settings: DEFAULT_SERVICE_CALENDAR,
    });
  }
  const host = partnership.record.partners.find((p) => p.code === partnership.record.hostPartnerCode);
  const seeder = {
    partnershipId,
    partnerCode: host?.code ?? '',
    roles: ROLES,
    tenantId: host?.tenantId ?? '',
    userId: 'system:seed',
    name: 'Demo data seeder',
  };
  const result = await importTickets(stores, seeder, readFileSync(DEMO_TICKETS_FILE, 'utf8'));
  return `${partnershipId}: service calendar, ${result.rows} demo tickets (${result.created} new), ${result.measurementsWritten} computed KPI measurements written`;
}
