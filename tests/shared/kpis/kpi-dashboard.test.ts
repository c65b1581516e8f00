import { beforeAll, describe, expect, it } from 'vitest';
import { getKpiDashboard, getKpiReport, type KpiDashboard } from '../../../shared/kpis/kpi-dashboard';
import { withReadCache } from '../../../shared/stores/cached/with-read-cache';
import type { Stores } from '../../../shared/stores/stores';
import { countingStores, kpiDemoStores, NOW, threeCCaller } from './kpi-fixtures';

const Q2 = { year: '2019-20', quarter: 2 };

describe('the KPI dashboard for Q2 2019/20, from the demo data', () => {
  let stores: Stores;
  let dashboard: KpiDashboard;
  const kpi = (code: string) => {
    const entry = dashboard.kpis.find((k) => k.code === code);
    if (!entry) throw new Error(`no ${code}`);
    return entry;
  };

  beforeAll(async () => {
    stores = await kpiDemoStores();
    dashboard = await getKpiDashboard(stores, threeCCaller('HDC'), Q2, () => NOW);
  });

  it('lists every KPI of the plan in its order, with the period and label', () => {
    expect(dashboard.kpis.map((k) => k.code)).toEqual([
      'KPI-1',
      'KPI-2',
      'KPI-3a',
      'KPI-3b',
      'KPI-4a',
      'KPI-4b',
      'KPI-5a',
      'KPI-5b',
      'KPI-6',
      'KPI-7',
      'KPI-8',
      'FM-1',
      'FM-2',
      'FM-3',
    ]);
    expect(dashboard).toMatchObject({
      label: 'Q2 2019/20',
      firstDay: '2019-07-01',
      lastDay: '2019-09-30',
      council: null,
    });
  });

  it('computes KPI-2 from the demo outage log: 99.57%, as the plan reports, with its working', () => {
    const kpi2 = kpi('KPI-2');
    expect(kpi2).toMatchObject({ value: 99.57, source: 'computed', rag: 'green', scope: 'combined' });
    expect(kpi2.target).toMatchObject({ value: 95 });
    expect(kpi2.reported).toMatchObject({ value: 99.57, rag: 'green', source: 'reported' });
    if (kpi2.computed?.detail.kind !== 'availability') throw new Error('expected the availability working');
    expect(kpi2.computed.detail.working).toMatchObject({
      outageMinutesByArea: { 'network-telephony': 250, email: 60, 'internet-web': 70, 'server-infrastructure': 180 },
      serviceMinutesTotal: 132_600,
      rule: 'full-duration',
      formula: '1 - 560 / (4 x 33,150) = 99.5777%',
    });
    expect(kpi2.commentary).toMatch(/^For Q2, the overall service availability achieved was 99.57%/);
  });

  it('computes KPI-3 to KPI-5 from the ticket export, matching the reported resolution figures', () => {
    expect(kpi('KPI-3b')).toMatchObject({ value: 86, source: 'computed', rag: 'green' });
    expect(kpi('KPI-3b').reported?.value).toBe(86);
    expect(kpi('KPI-4b')).toMatchObject({ value: 93, source: 'computed', rag: 'green' });
    expect(kpi('KPI-5b')).toMatchObject({ value: 93, source: 'computed', rag: 'green' });
    expect(kpi('KPI-3a')).toMatchObject({ value: 94, source: 'computed', reported: null });
    expect(kpi('KPI-3a').commentary).toBe('Computed from the service desk ticket export: 47 of 50 within target.');
    expect(kpi('KPI-4a').computed?.detail).toEqual({ kind: 'service-desk', met: 38, counted: 43 });
  });

  it('shows the trend: earlier quarters as reported, then this one', () => {
    expect(kpi('KPI-3b').trend.map((p) => [p.year, p.quarter, p.value, p.source])).toEqual([
      ['2018-19', 2, null, null],
      ['2018-19', 3, null, null],
      ['2018-19', 4, null, null],
      ['2019-20', 1, 77, 'reported'],
      ['2019-20', 2, 86, 'computed'],
    ]);
    // before the outage log starts there is nothing to compute KPI-2 from, rather than 100%
    expect(kpi('KPI-2').trend.map((p) => p.value)).toEqual([null, null, null, null, 99.57]);
  });

  it('computes KPI-6 from the pipeline beside the reported Amber', () => {
    const kpi6 = kpi('KPI-6');
    expect(kpi6).toMatchObject({ value: 81.8, source: 'computed', rag: 'green' });
    expect(kpi6.reported).toMatchObject({ value: null, rag: 'amber' });
    expect(kpi6.commentary).toMatch(/in-flight projects/);
  });

  it('reports the annual KPIs for the year, and no RAG for a text target', () => {
    expect(kpi('KPI-7')).toMatchObject({ period: { year: '2019-20', quarter: null }, value: null, rag: null });
    expect(kpi('KPI-7').trend.map((p) => p.year)).toEqual(['2015-16', '2016-17', '2017-18', '2018-19', '2019-20']);
    expect(kpi('FM-3')).toMatchObject({ unit: 'text', rag: null, amberTolerance: null });
    expect(kpi('FM-3').target?.text).toBe('Business Case');
    expect(kpi('KPI-1')).toMatchObject({ value: 93, source: 'reported', rag: 'green', amberTolerance: 5 });
  });

  it('gives a council its own figures, and the combined one where it has none', async () => {
    const hdc = await getKpiDashboard(stores, threeCCaller('CCC'), { ...Q2, council: 'HDC' }, () => NOW);
    const hdcKpi = (code: string) => hdc.kpis.find((k) => k.code === code);
    expect(hdcKpi('KPI-2')).toMatchObject({ scope: 'HDC', value: 99.66, source: 'computed' });
    expect(hdcKpi('KPI-3b')).toMatchObject({ scope: 'HDC', value: 88.2, source: 'computed' });
    expect(hdcKpi('KPI-1')).toMatchObject({ scope: 'combined', value: 93 });
    expect(hdcKpi('KPI-1')?.notes).toContain('No figure for HDC; the combined figure is shown.');
    await expect(getKpiDashboard(stores, threeCCaller('CCC'), { ...Q2, council: 'PCC' }, () => NOW)).rejects.toThrow(
      /PCC is not a council of 3C ICT/,
    );
  });

  it('reads each of its six stores once, and nothing more while their read cache answers', async () => {
    const counted = countingStores(stores);
    const cached = withReadCache(counted.stores, 60_000);
    const first = await getKpiDashboard(cached, threeCCaller('HDC'), Q2, () => NOW);
    expect(counted.calls.sort()).toEqual([
      'incidents.listAll',
      'kpiDefinitions.listAll',
      'kpiMeasurements.listAll',
      'partnerships.get',
      'projects.listAll',
      'serviceCalendars.get',
    ]);
    counted.calls.length = 0;
    const scdc = await getKpiDashboard(cached, threeCCaller('HDC'), { ...Q2, council: 'SCDC' }, () => NOW);
    expect(counted.calls).toEqual([]);
    expect(scdc.council).toBe('SCDC');
    // The same question from the same objects is the same answer, computed once.
    expect(await getKpiDashboard(cached, threeCCaller('CCC'), Q2, () => NOW)).toBe(first);
  });
});

describe('the quarterly performance report', () => {
  it('groups the measures under the headings the plan reports to the Shared Services Board, in its order', async () => {
    const report = await getKpiReport(await kpiDemoStores(), threeCCaller('SCDC'), Q2, () => NOW);
    expect(report.title).toBe('KPI performance as of end Q2 2019/20: 3C ICT Shared Service');
    expect(report.sections.map((s) => [s.code, s.title, s.rag])).toEqual([
      ['KPI-1', 'Customer Satisfaction', 'green'],
      ['KPI-2', 'Service Availability', 'green'],
      ['KPI-3', 'Incident Performance', 'green'],
      ['KPI-4', 'Service Desk Response', 'green'],
      ['KPI-5', 'Service/Work Order Request Performance', 'green'],
      ['KPI-6', 'Project Delivery Performance', 'green'],
      ['KPI-7', 'Staff Budget Savings', null],
      ['KPI-8', 'Software and Services Savings', null],
      ['FM-1', 'Customer Satisfaction (Full)', null],
      ['FM-2', 'Deliver high standard of system availability', null],
      ['FM-3', 'Allow people to work flexibly', null],
    ]);
    expect(report.sections[2]?.measures.map((m) => m.code)).toEqual(['KPI-3a', 'KPI-3b']);
    expect(report.council).toBeNull();
  });
});
