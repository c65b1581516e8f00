import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoTickets } from '../../../local/demo-data/kpis/generate-tickets';
import { seedKpiDemo } from '../../../local/seed/seed-kpi-demo';
import { seedOutageDemo } from '../../../local/seed/seed-outage-demo';
import { buildDemoTenants } from '../../../local/tenants/demo-users';
import { type SecuredApp, startSecuredApp } from '../../support/secured-app';

const STAFF = 'jo.baker@huntingdonshire.example';
const ADMIN = 'sam.smith@huntingdonshire.example';
const OTHER_PARTNERSHIP = 'sue.grace@cambridgeshire.example';
const TICKET_HEADER = 'reference,priority,type,logged,responded,resolved,council,resolver group';

/**
 * The KPI endpoints over real HTTP with verified tokens, against the Cosmos DB stand-in: every member of staff
 * reads the dashboard and the report; only the service desk (or the partnership administrator) writes, and a
 * refused or bad write changes nothing.
 */
describe('KPI endpoints', () => {
  let app: SecuredApp;
  let desk: string;

  const call = async (
    user: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const isText = typeof body === 'string';
    const response = await fetch(`${app.baseUrl}/api/${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await app.tokenFor(user)}`,
        ...(body === undefined ? {} : { 'content-type': isText ? 'text/csv' : 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: isText ? body : JSON.stringify(body) }),
    });
    return { status: response.status, etag: response.headers.get('etag'), body: (await response.json()) as any };
  };
  const state = async () => {
    const { stores } = app.runtime;
    const etags = async (store: { listAll(id: string): Promise<{ etag: string }[]> }) =>
      (await store.listAll('3c-ict')).map((row) => row.etag).sort();
    return {
      measurements: await etags(stores.kpiMeasurements),
      tickets: await etags(stores.serviceDeskTickets),
      calendar: (await stores.serviceCalendars.get('3c-ict', 'service-calendar'))?.etag,
      audit: (await stores.audit.listAll('3c-ict')).length,
    };
  };
  const kpi = (body: any, code: string) => body.kpis.find((k: any) => k.code === code);

  beforeAll(async () => {
    app = await startSecuredApp();
    await seedOutageDemo(app.runtime.stores);
    await seedKpiDemo(app.runtime.stores);
    const users = buildDemoTenants(app.datasets.map((d) => d.partnership)).flatMap((t) => t.users);
    const lee = users.find((u) => u.userPrincipalName === 'lee.hunt@huntingdonshire.example');
    desk = lee?.roles.includes('service-desk') ? lee.userPrincipalName : ADMIN;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('shows a member of staff the dashboard with KPI-2 computed from the outage log', async () => {
    const response = await call(STAFF, 'GET', 'kpis/dashboard?year=2019-20&quarter=2');
    expect(response.status).toBe(200);
    expect(kpi(response.body, 'KPI-2')).toMatchObject({ value: 99.57, source: 'computed', rag: 'green' });
    expect(kpi(response.body, 'KPI-2').computed.detail.working.formula).toBe('1 - 560 / (4 x 33,150) = 99.5777%');
    expect(kpi(response.body, 'KPI-3b')).toMatchObject({ value: 86, source: 'computed' });
    expect(kpi(response.body, 'KPI-4b')).toMatchObject({ value: 93, source: 'computed' });
    expect(kpi(response.body, 'KPI-5b')).toMatchObject({ value: 93, source: 'computed' });
    const hdc = await call(STAFF, 'GET', 'kpis/dashboard?year=2019-20&quarter=2&council=HDC');
    expect(kpi(hdc.body, 'KPI-2')).toMatchObject({ scope: 'HDC', value: 99.66 });
  });

  it('shows a member of staff the quarterly report in the plan’s order', async () => {
    const response = await call(STAFF, 'GET', 'kpis/report?year=2019-20&quarter=2');
    expect(response.status).toBe(200);
    expect(response.body.label).toBe('Q2 2019/20');
    expect(response.body.sections.map((s: any) => s.code).slice(0, 8)).toEqual([
      'KPI-1',
      'KPI-2',
      'KPI-3',
      'KPI-4',
      'KPI-5',
      'KPI-6',
      'KPI-7',
      'KPI-8',
    ]);
  });

  it('refuses a bad query with 400, and another partnership sees none of 3C ICT’s KPIs', async () => {
    const bad = await call(STAFF, 'GET', 'kpis/dashboard?year=2019&quarter=5');
    expect(bad.status).toBe(400);
    expect([...new Set(bad.body.error.problems.map((p: any) => p.path))].sort()).toEqual([
      'query.quarter',
      'query.year',
    ]);
    const other = await call(OTHER_PARTNERSHIP, 'GET', 'kpis/dashboard?year=2019-20&quarter=2');
    expect(other.status).toBe(200);
    expect(other.body.partnershipId).toBe('cambs-pboro');
    expect(kpi(other.body, 'KPI-2')).toBeUndefined();
  });

  it('refuses every write by a member of staff with 403, changing nothing', async () => {
    const before = await state();
    const calendar = await call(STAFF, 'GET', 'kpis/calendar');
    expect(calendar.status).toBe(200);
    const attempts = [
      call(STAFF, 'PUT', 'kpis/measurements/KPI-1:2019-20:Q3:combined', {
        kpiId: 'KPI-1',
        year: '2019-20',
        quarter: 3,
        scope: 'combined',
        value: 90,
      }),
      call(STAFF, 'POST', 'kpis/measurements', 'kpi,year,quarter,scope,value\nKPI-1,2019-20,3,combined,90\n'),
      call(STAFF, 'POST', 'kpis/measurements', [
        { kpiId: 'KPI-1', year: '2019-20', quarter: 3, scope: 'combined', value: 90 },
      ]),
      call(STAFF, 'POST', 'kpis/tickets/import', readFileSync(DemoTickets.file, 'utf8')),
      call(STAFF, 'PUT', 'kpis/calendar', { outageRule: 'working-hours-only' }, { 'if-match': calendar.etag ?? '' }),
    ];
    for (const attempt of await Promise.all(attempts)) {
      expect(attempt.status).toBe(403);
      expect(attempt.body.error.code).toBe('forbidden');
    }
    expect(await state()).toEqual(before);
  });

  it('lets the service desk record a measurement, then edit it only with its ETag', async () => {
    const input = {
      kpiId: 'KPI-1',
      year: '2019-20',
      quarter: 3,
      scope: 'combined',
      value: 90,
      commentary: 'Q3 survey',
    };
    const created = await call(desk, 'PUT', 'kpis/measurements/KPI-1:2019-20:Q3:combined', input);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ value: 90, source: 'reported' });
    const blind = await call(desk, 'PUT', 'kpis/measurements/KPI-1:2019-20:Q3:combined', { ...input, value: 91 });
    expect(blind.status).toBe(428);
    const edited = await call(
      desk,
      'PUT',
      'kpis/measurements/KPI-1:2019-20:Q3:combined',
      { ...input, value: 91 },
      {
        'if-match': created.etag ?? '',
      },
    );
    expect(edited.status).toBe(200);
    const q3 = await call(STAFF, 'GET', 'kpis/dashboard?year=2019-20&quarter=3');
    expect(kpi(q3.body, 'KPI-1')).toMatchObject({ value: 91, source: 'reported', rag: 'green' });
  });

  it('reports bad measurement rows by line with 400 and writes nothing', async () => {
    const before = await state();
    const csv =
      'kpi,year,quarter,scope,value\nKPI-1,2019-20,4,combined,88\nKPI-1,2019-20,4,XYZ,88\nKPI-2,2019-20,9,combined,99\n';
    const response = await call(desk, 'POST', 'kpis/measurements', csv);
    expect(response.status).toBe(400);
    expect(response.body.error.problems.map((p: any) => p.path)).toEqual(['line 3', 'line 4']);
    expect(await state()).toEqual(before);
  });

  it('reports bad ticket rows by line with 400 and imports nothing', async () => {
    const before = await state();
    const csv = [
      TICKET_HEADER,
      'INC9000001,P2,incident,2019-10-01 09:00,2019-10-01 09:10,2019-10-01 12:00,HDC,service-desk',
      'INC9000002,P2,incident,2019-10-01 09:00,,,HDC,',
      'INC9000003,P7,incident,2019-10-01 09:00,,,HDC,ict',
    ].join('\n');
    const response = await call(desk, 'POST', 'kpis/tickets/import', csv);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('The ticket export has bad rows; nothing was imported.');
    expect(response.body.error.problems).toEqual([
      { path: 'line 3', message: 'an incident needs its resolver group (service-desk or ict)' },
      { path: 'line 4', message: 'the priority "P7" is not P1, P2, P3 or P4' },
    ]);
    expect(await state()).toEqual(before);
  });

  it('imports a ticket export for the service desk and computes the new quarter', async () => {
    const csv = [
      TICKET_HEADER,
      'INC9000001,P2,incident,2019-10-01 09:00,2019-10-01 09:10,2019-10-01 12:00,HDC,service-desk',
      'INC9000002,P2,incident,2019-10-01 09:00,2019-10-01 09:20,2019-10-03 12:00,CCC,service-desk',
    ].join('\n');
    const response = await call(desk, 'POST', 'kpis/tickets/import', csv);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ rows: 2, created: 2 });
    const q3 = await call(STAFF, 'GET', 'kpis/dashboard?year=2019-20&quarter=3');
    expect(kpi(q3.body, 'KPI-3b')).toMatchObject({ value: 50, source: 'computed', rag: 'red' });
  });

  it('lets the service desk change the calendar with If-Match, and KPI-2 follows the new rule', async () => {
    const current = await call(STAFF, 'GET', 'kpis/calendar');
    expect(current.body).toMatchObject({ isDefault: false, settings: { outageRule: 'full-duration' } });
    const clipped = { ...current.body.settings, outageRule: 'working-hours-only' };
    expect((await call(desk, 'PUT', 'kpis/calendar', clipped)).status).toBe(428);
    expect((await call(desk, 'PUT', 'kpis/calendar', clipped, { 'if-match': '"stale"' })).status).toBe(412);
    const changed = await call(desk, 'PUT', 'kpis/calendar', clipped, { 'if-match': current.etag ?? '' });
    expect(changed.status).toBe(200);
    const dashboard = await call(STAFF, 'GET', 'kpis/dashboard?year=2019-20&quarter=2');
    expect(kpi(dashboard.body, 'KPI-2').value).toBe(99.69);
    const restored = await call(desk, 'PUT', 'kpis/calendar', current.body.settings, {
      'if-match': changed.etag ?? '',
    });
    expect(restored.status).toBe(200);
    const again = await call(STAFF, 'GET', 'kpis/dashboard?year=2019-20&quarter=2');
    expect(kpi(again.body, 'KPI-2').value).toBe(99.57);
  });
});
