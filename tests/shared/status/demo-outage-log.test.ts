import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemoDatasets } from '../../../local/seed/demo-datasets';
import { seedDemoData } from '../../../local/seed/seed-demo-data';
import { seedOutageDemo } from '../../../local/seed/seed-outage-demo';
import { incidentListQuery, STATUS_AREAS } from '../../../shared/schemas/incidents';
import { getCurrentStatus } from '../../../shared/status/current-status';
import { listIncidents } from '../../../shared/status/list-incidents';
import { ukClock } from '../../../shared/status/uk-time';
import { createMemoryStores } from '../../../shared/stores/memory/memory-stores';
import type { Stores } from '../../../shared/stores/stores';

const NOW = new Date('2024-03-12T10:00:00.000Z');
const staff = {
  partnershipId: '3c-ict',
  partnerCode: 'HDC',
  roles: ['staff'] as const,
  tenantId: 't',
  userId: 'u',
  name: 'Jo Baker',
};

/** The demo outage log `npm start` seeds: the plan's Q2 2019/20 minutes, and something current. */
describe('demo outage log', () => {
  let stores: Stores;
  beforeAll(async () => {
    stores = createMemoryStores();
    await seedDemoData(stores, loadDemoDatasets());
    await seedOutageDemo(stores, NOW);
  });

  const q2 = async () =>
    (
      await listIncidents(
        stores,
        staff,
        incidentListQuery.parse({ from: '2019-07-01', to: '2019-09-30', pageSize: 200 }),
        () => NOW,
      )
    ).items;

  it('adds up per area to the minutes the plan reports for Q2 2019/20', async () => {
    const minutes = Object.fromEntries(STATUS_AREAS.map((area) => [area, 0]));
    for (const record of await q2()) {
      for (const area of record.areas) {
        minutes[area] = (minutes[area] ?? 0) + (Date.parse(record.end as string) - Date.parse(record.start)) / 60_000;
      }
    }
    expect(minutes).toEqual({
      'network-telephony': 250,
      email: 60,
      'internet-web': 70,
      'server-infrastructure': 180,
    });
  });

  it('has the events the plan describes: councils, causes, and the HDC server fault from 16:30 to 19:30', async () => {
    const events = (await q2()).map((r) => ({
      title: r.title,
      councils: r.councils.join('/'),
      cause: r.cause.kind === 'third-party' ? r.cause.supplier : r.cause.kind,
      kind: r.kind,
    }));
    expect(events).toHaveLength(6);
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ councils: 'HDC', cause: 'Cambridgeshire County Council' }),
        expect.objectContaining({ councils: 'CCC', cause: 'Enta.net' }),
        expect.objectContaining({ councils: 'CCC/HDC/SCDC', cause: 'Virgin Media Business (CPSN)' }),
        expect.objectContaining({ councils: 'CCC/HDC/SCDC', kind: 'planned-maintenance' }),
      ]),
    );
    const server = (await q2()).find((r) => r.areas.includes('server-infrastructure'));
    expect(server).toMatchObject({ councils: ['HDC'], cause: { kind: 'internal' } });
    expect(ukClock(new Date(server?.start as string))).toMatchObject({
      year: 2019,
      month: 9,
      day: 3,
      hour: 16,
      minute: 30,
    });
    expect(ukClock(new Date(server?.end as string))).toMatchObject({ day: 3, hour: 19, minute: 30 });
    for (const record of await q2()) {
      const day = new Date(record.start).getUTCDay();
      expect(day >= 1 && day <= 5, `${record.title} is on a working day`).toBe(true);
    }
  });

  it('gives the status page something current: an open SCDC incident and maintenance coming', async () => {
    const status = await getCurrentStatus(stores, staff, () => NOW);
    expect(status.current.map((r) => r.id)).toEqual(['demo-open-scdc-telephony']);
    expect(status.councils.find((c) => c.code === 'SCDC')?.status).toBe('degraded');
    expect(status.areas.find((a) => a.area === 'network-telephony')?.status).toBe('degraded');
    expect(status.plannedSoon.map((r) => r.id)).toEqual(['demo-planned-email-servers']);
    expect(ukClock(new Date(status.plannedSoon[0]?.start as string))).toMatchObject({ day: 17, hour: 18, minute: 0 });
    const yesterday = await stores.incidents.get('3c-ict', 'demo-resolved-ccc-web');
    expect(ukClock(new Date(yesterday?.record.start as string))).toMatchObject({ day: 11, hour: 10, minute: 40 });
    expect(ukClock(new Date(yesterday?.record.end as string))).toMatchObject({ day: 11, hour: 12, minute: 5 });
  });

  it('seeds once: running it again adds and audits nothing', async () => {
    const before = await stores.incidents.listAll('3c-ict');
    const audited = (await stores.audit.listAll('3c-ict')).length;
    expect(await seedOutageDemo(stores, new Date(NOW.getTime() + 3_600_000))).toContain('0 added, 6 present; 0 recent');
    expect(await stores.incidents.listAll('3c-ict')).toEqual(before);
    expect((await stores.audit.listAll('3c-ict')).length).toBe(audited);
    expect(before).toHaveLength(9);
  });
});
