import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { DemoTickets } from '../../../local/demo-data/kpis/generate-tickets';
import { DomainError } from '../../../shared/errors';
import { importTickets } from '../../../shared/kpis/import-tickets';
import { getKpiDashboard } from '../../../shared/kpis/kpi-dashboard';
import { importMeasurements, measurementId, putMeasurement } from '../../../shared/kpis/measurements';
import { getServiceCalendar, replaceServiceCalendar } from '../../../shared/kpis/service-calendar-admin';
import { serviceCalendarSettings } from '../../../shared/schemas/service-desk';
import type { Stores } from '../../../shared/stores/stores';
import { kpiDemoStores, NOW, threeCCaller } from './kpi-fixtures';

const staff = threeCCaller('HDC');
const desk = threeCCaller('HDC', ['staff', 'service-desk']);
const admin = threeCCaller('HDC', ['staff', 'partnership-admin']);
const kpi1Q3 = { kpiId: 'KPI-1', year: '2019-20', quarter: 3, scope: 'combined', value: 91, rag: null, commentary: '' };

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('KPI writes', () => {
  let stores: Stores;
  const snapshot = async () => ({
    measurements: (await stores.kpiMeasurements.listAll('3c-ict')).map((m) => m.etag).sort(),
    tickets: (await stores.serviceDeskTickets.listAll('3c-ict')).map((t) => t.etag).sort(),
    calendar: (await stores.serviceCalendars.get('3c-ict', 'service-calendar'))?.etag,
    audit: (await stores.audit.listAll('3c-ict')).length,
  });

  beforeEach(async () => {
    stores = await kpiDemoStores();
  });

  it('refuses every write by a member of staff, changing nothing', async () => {
    const before = await snapshot();
    const refusals = [
      putMeasurement(stores, staff, measurementId(kpi1Q3), kpi1Q3, undefined),
      importMeasurements(stores, staff, { csv: 'kpi,year,quarter,scope,value\nKPI-1,2019-20,3,combined,91' }),
      importTickets(stores, staff, readFileSync(DemoTickets.file, 'utf8')),
      replaceServiceCalendar(stores, staff, serviceCalendarSettings.parse({}), undefined),
    ];
    for (const refused of refusals) expect((await failure(refused)).kind).toBe('forbidden');
    expect(await snapshot()).toEqual(before);
  });

  describe('one measurement', () => {
    it('is created at its derived id by the service desk, then edited only with the ETag read', async () => {
      const id = measurementId(kpi1Q3);
      expect(id).toBe('KPI-1:2019-20:Q3:combined');
      const created = await putMeasurement(stores, desk, id, kpi1Q3, undefined);
      expect(created).toMatchObject({ created: true, record: { id, value: 91, source: 'reported' } });
      const edit = { ...kpi1Q3, value: 92, commentary: 'Survey of 120 callers.' };
      expect((await failure(putMeasurement(stores, desk, id, edit, undefined))).kind).toBe('precondition-required');
      expect((await failure(putMeasurement(stores, desk, id, edit, '"stale"'))).kind).toBe('precondition-failed');
      const edited = await putMeasurement(stores, desk, id, edit, created.etag);
      expect(edited.record).toMatchObject({ value: 92, commentary: 'Survey of 120 callers.' });
      const audit = (await stores.audit.listAll('3c-ict')).map((a) => a.record.action);
      expect(audit.filter((action) => action === 'kpi.measurement.put')).toHaveLength(2);
    });

    it('refuses a wrong id, an unknown KPI or council, a percentage over 100 and a computed measurement', async () => {
      expect((await failure(putMeasurement(stores, desk, 'kpi-1-q3', kpi1Q3, undefined))).message).toMatch(
        /takes the id KPI-1:2019-20:Q3:combined/,
      );
      const bad = await failure(
        putMeasurement(stores, desk, 'x', { ...kpi1Q3, kpiId: 'KPI-9', scope: 'PCC', value: 120 }, undefined),
      );
      expect(bad.problems.map((p) => p.path)).toEqual(['body.kpiId', 'body.scope']);
      const over = await failure(putMeasurement(stores, desk, 'x', { ...kpi1Q3, value: 120 }, undefined));
      expect(over.problems).toEqual([{ path: 'body.value', message: '120 is not a percentage between 0 and 100' }]);
      const computed = await stores.kpiMeasurements.get('3c-ict', 'KPI-3b:2019-20:Q2:combined:computed');
      const edit = { ...kpi1Q3, kpiId: 'KPI-3b', quarter: 2 };
      const refused = await failure(
        putMeasurement(stores, desk, 'KPI-3b:2019-20:Q2:combined:computed', edit, computed?.etag),
      );
      expect(refused.kind).toBe('conflict');
    });
  });

  describe('a measurements file', () => {
    it('names each bad line and writes nothing', async () => {
      const before = await snapshot();
      const csv = [
        'kpi,year,quarter,scope,value,rag,commentary',
        'KPI-1,2019-20,Q3,combined,91%,green,Fine',
        'KPI-9,2019-20,3,combined,80,,',
        'KPI-2,2019-20,3,XYZ,99.9,,',
        'KPI-7,2019-20,3,combined,"£50,000",,',
        'KPI-3b,2019-2020,3,combined,88,,',
        'KPI-1,2019-20,3,combined,92,,',
      ].join('\n');
      const refused = await failure(importMeasurements(stores, desk, { csv }));
      expect(refused.message).toBe('The measurements have bad rows; nothing was imported.');
      expect(refused.problems).toEqual([
        { path: 'line 3', message: "kpiId: no KPI KPI-9 in this partnership's plan" },
        { path: 'line 4', message: 'scope: XYZ is not combined or one of CCC, HDC, SCDC' },
        { path: 'line 5', message: 'quarter: KPI-7 is annual: leave the quarter empty' },
        { path: 'line 6', message: 'year: a financial year is written like 2020-21' },
        {
          path: 'line 6',
          message: 'year: the second part of a financial year is the year after the first, as in 2020-21',
        },
        { path: 'line 7', message: 'the same KPI, period and scope as line 2' },
      ]);
      expect(await snapshot()).toEqual(before);
    });

    it('updates the stored measurement of the same KPI, period and scope, and creates the others', async () => {
      const csv = [
        'kpi,year,quarter,scope,value,rag,commentary',
        'KPI-1,2019-20,2,combined,94,,Corrected',
        'KPI-1,2019-20,3,combined,91,,',
        'KPI-7,2019-20,,combined,"£52,000",,Saved',
      ].join('\n');
      expect(await importMeasurements(stores, desk, { csv })).toEqual({
        rows: 3,
        created: 2,
        updated: 1,
        unchanged: 0,
      });
      const kpi1 = await stores.kpiMeasurements.get('3c-ict', 'KPI-1:2019-20:Q2:combined');
      expect(kpi1?.record).toMatchObject({ value: 94, commentary: 'Corrected', source: 'imported' });
      expect((await stores.kpiMeasurements.get('3c-ict', 'KPI-7:2019-20:year:combined'))?.record.value).toBe(52_000);
      expect(await importMeasurements(stores, desk, { csv })).toEqual({
        rows: 3,
        created: 0,
        updated: 0,
        unchanged: 3,
      });
    });

    it('reads JSON too, naming bad entries by index', async () => {
      const refused = await failure(
        importMeasurements(stores, admin, { json: { measurements: [kpi1Q3, { ...kpi1Q3, quarter: 7 }] } }),
      );
      expect(refused.problems).toEqual([
        { path: 'measurements.1', message: 'quarter: Too big: expected number to be <=4' },
      ]);
      expect(await importMeasurements(stores, admin, { json: [kpi1Q3] })).toMatchObject({ created: 1 });
    });
  });

  describe('the ticket export', () => {
    it('writes nothing when a row is bad', async () => {
      const before = await snapshot();
      const csv = readFileSync(DemoTickets.file, 'utf8').replace(',P3,request,', ',P9,request,');
      const refused = await failure(importTickets(stores, desk, csv));
      expect(refused.problems).toEqual([{ path: 'line 2', message: 'the priority "P9" is not P1, P2, P3 or P4' }]);
      expect(await snapshot()).toEqual(before);
    });

    it('loads the same file twice without writing anything the second time', async () => {
      const before = await snapshot();
      const result = await importTickets(stores, desk, readFileSync(DemoTickets.file, 'utf8'), () => NOW);
      expect(result).toEqual({ rows: 193, created: 0, updated: 0, unchanged: 193, measurementsWritten: 0 });
      expect(await snapshot()).toEqual(before);
    });

    it('recomputes the KPIs when a later export changes a ticket', async () => {
      const header = 'reference,priority,type,logged,responded,resolved,council,resolver group';
      const first = readFileSync(DemoTickets.file, 'utf8').split('\n')[2] as string; // INC0019204, met
      const [reference, priority, type, logged, responded] = first.split(',');
      expect(reference).toBe('INC0019204');
      const late = [reference, priority, type, logged, responded, '2019-09-30 16:00', 'SCDC', 'ict'].join(',');
      const result = await importTickets(stores, desk, `${header}\n${late}\n`, () => NOW);
      expect(result).toMatchObject({ rows: 1, updated: 1 });
      const kpi4b = await stores.kpiMeasurements.get('3c-ict', 'KPI-4b:2019-20:Q2:combined:computed');
      expect(kpi4b?.record).toMatchObject({ value: 90.7, basis: { met: 39, counted: 43 }, source: 'computed' });
    });
  });

  describe('the service calendar', () => {
    it('is read by staff, and replaced by the service desk with If-Match; KPIs follow at once', async () => {
      const view = await getServiceCalendar(stores, staff);
      expect(view).toMatchObject({ isDefault: false, settings: { outageRule: 'full-duration' } });
      expect(view.etag).toEqual(expect.any(String));
      const clipped = serviceCalendarSettings.parse({
        outageRule: 'working-hours-only',
        serviceDeskTargets: { incident: { P3: { respondMinutes: 30, resolveMinutes: 510 } } },
      });
      expect((await failure(replaceServiceCalendar(stores, desk, clipped, undefined))).kind).toBe(
        'precondition-required',
      );
      await getKpiDashboard(stores, staff, { year: '2019-20', quarter: 2 }, () => NOW); // caches the calendar
      const written = await replaceServiceCalendar(stores, desk, clipped, view.etag ?? undefined, () => NOW);
      expect(written.created).toBe(false);
      const dashboard = await getKpiDashboard(stores, staff, { year: '2019-20', quarter: 2 }, () => NOW);
      const value = (code: string) => dashboard.kpis.find((k) => k.code === code)?.value;
      expect(value('KPI-2')).toBe(99.69); // 410 minutes: 30 of the server outage
      expect(value('KPI-3b')).toBeLessThan(86); // stricter P3 targets
      const audit = (await stores.audit.listAll('3c-ict')).map((a) => a.record.action);
      expect(audit).toContain('kpi.calendar.replace');
      expect(audit).toContain('kpi.measurements.compute');
    });

    it('is the default until one is stored, then created without If-Match', async () => {
      const cambs = threeCCaller('HDC', ['staff', 'partnership-admin']);
      const other = { ...cambs, partnershipId: 'cambs-pboro', partnerCode: 'PCC' };
      expect(await getServiceCalendar(stores, other)).toMatchObject({ isDefault: true, etag: null });
      const stale = await failure(replaceServiceCalendar(stores, other, serviceCalendarSettings.parse({}), '"x"'));
      expect(stale.kind).toBe('precondition-failed');
      const created = await replaceServiceCalendar(stores, other, serviceCalendarSettings.parse({}), undefined);
      expect(created.created).toBe(true);
      expect(await getServiceCalendar(stores, other)).toMatchObject({ isDefault: false, etag: created.etag });
    });
  });
});
