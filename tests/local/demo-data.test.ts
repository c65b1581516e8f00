import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatePlanDocument } from '../../shared/plan/validate-plan-document';
import { type DemoDataset, demoDataset } from '../../shared/schemas';

type PlanDocument = DemoDataset['documents'][number];
type Table = NonNullable<PlanDocument['plan']['budget']>;

const load = (name: string): DemoDataset =>
  demoDataset.parse(
    JSON.parse(readFileSync(join(__dirname, '..', '..', 'local', 'demo-data', `${name}.json`), 'utf8')),
  );

const onlyDocument = (dataset: DemoDataset): PlanDocument => {
  expect(dataset.documents).toHaveLength(1);
  return dataset.documents[0] as PlanDocument;
};

const cell = (table: Table | undefined, label: string, column: string) => {
  const row = table?.rows.find((r) => r.label === label);
  expect(row, `row ${label}`).toBeDefined();
  return row?.values[column];
};

/** Every partner code a document or its partnership names. */

const threeC = load('3c-ict');
const cambsPboro = load('cambs-pboro');
const doc = onlyDocument(threeC);

describe('3C ICT demo dataset (Business Plan for ICT Shared Service 2020/21)', () => {
  it('is the 3C ICT partnership hosted by Huntingdonshire, with the 2020-21 plan', () => {
    expect(threeC.partnership.id).toBe('3c-ict');
    expect(threeC.partnership.hostPartnerCode).toBe('HDC');
    expect(threeC.partnership.partners.map((p) => p.code)).toEqual(['CCC', 'HDC', 'SCDC']);
    expect(doc.partnershipId).toBe('3c-ict');
    expect(doc.plan.year).toBe('2020-21');
  });

  it('adds the capital bids up to the printed totals per partner', () => {
    const byPartner = (code: string) =>
      doc.bids.reduce((sum, bid) => sum + (bid.shares.find((s) => s.partnerCode === code)?.amount ?? 0), 0);
    expect(byPartner('SCDC')).toBe(195_068);
    expect(byPartner('CCC')).toBe(344_575);
    expect(byPartner('HDC')).toBe(264_825);
    expect(doc.bids.reduce((sum, bid) => sum + bid.total, 0)).toBe(804_468);
    expect(doc.bids.every((bid) => bid.year === '2020-21')).toBe(true);
    const movedToRevenue = doc.bids.flatMap((b) =>
      b.shares.filter((s) => s.movedToRevenue).map((s) => `${b.title}/${s.partnerCode}`),
    );
    expect(movedToRevenue).toEqual([
      'Call Management IT Service Desk/HDC',
      'Cyber Security Monitoring/HDC',
      'Resource Planning Tool/HDC',
      'Power BI & Analytics/HDC',
    ]);
  });

  it('holds every record the plan prints', () => {
    expect(doc.bids).toHaveLength(10); // the TOTAL row is not a bid
    expect(doc.risks).toHaveLength(34); // Appendix A: 5 joint, 6 HDC, 9 SCDC, 13 CCC, 1 All
    expect(doc.applications).toHaveLength(69); // Appendix B: 31 City, 19 HDC, 12 SCDC, 7 All 3; summary lines excluded
    expect(doc.plan.lowValueApplications.map((l) => [l.partnerCode, l.count])).toEqual([
      ['CCC', 44],
      ['HDC', 31],
      ['SCDC', 17],
    ]);
    expect(doc.catalogue).toHaveLength(40); // Appendix C
    expect(doc.projects).toHaveLength(13); // KPI-6 project table
    expect(doc.kpiDefinitions).toHaveLength(14); // 11 service KPIs and 3 further measures
    expect(doc.kpiDefinitions.filter((k) => k.group === 'service')).toHaveLength(11);
    expect(doc.plan.roadmap).toHaveLength(21); // 3 councils x 7 roadmap activities
    expect(doc.plan.priorities.map((p) => p.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('keeps the printed figures cell for cell', () => {
    expect(cell(doc.plan.budget, 'Baseline Staff', '2019-20')).toBe(3_481_047);
    expect(cell(doc.plan.budget, 'Savings Percentage vs Baseline', '2020-21')).toBe(15);
    expect(doc.plan.budget?.rows.find((r) => r.label === 'Savings Percentage vs Baseline')?.unit).toBe('percent');
    expect(cell(doc.plan.forecastOutturn, 'City', 'varianceIncAuthorisedOverspend')).toBe(-27_206);
    // printed totals are kept even where they are not the sum of the rows
    expect(cell(doc.plan.costByPartner, 'Grand Totals', '2019-20')).toBe(6_508_725);
    expect(cell(doc.plan.digitalFunding, 'Grand Totals', '2020-21')).toBe(600_000);

    const hrPayroll = doc.plan.roadmap.find((a) => a.partnerCode === 'SCDC' && a.activity === 'HR/Payroll system');
    expect(hrPayroll?.costs.find((c) => c.year === '2021-22')).toEqual({
      year: '2021-22',
      capex: 115_000,
      opex: 24_000,
    });

    const kpi7 = doc.kpiDefinitions.find((k) => k.id === 'KPI-7');
    expect(kpi7?.targets.find((t) => t.year === '2020-21')?.value).toBe(50_000);
    expect(kpi7?.unit).toBe('gbp');
  });

  it('measures only KPIs it defines', () => {
    const defined = new Set(doc.kpiDefinitions.map((k) => k.id));
    expect(doc.kpiMeasurements.filter((m) => !defined.has(m.kpiId))).toEqual([]);
  });
});

describe('Cambridgeshire and Peterborough demo dataset (IT Strategy, Appendix 1)', () => {
  const cp = onlyDocument(cambsPboro);

  it('is a two-council partnership with no host, and a little data from the strategy', () => {
    expect(cambsPboro.partnership.id).toBe('cambs-pboro');
    expect(cambsPboro.partnership.hostPartnerCode).toBeUndefined();
    expect(cambsPboro.partnership.partners.map((p) => p.code)).toEqual(['CCC', 'PCC']);
    expect(cp.partnershipId).toBe('cambs-pboro');
    expect(cp.plan.priorities).toHaveLength(6); // the six workstreams of section 11
    expect(cp.applications.length).toBeGreaterThan(0);
    expect(cp.projects.length).toBeGreaterThan(0);
    expect([cp.bids, cp.risks, cp.catalogue, cp.kpiDefinitions, cp.kpiMeasurements]).toEqual([[], [], [], [], []]);
  });
});

describe.each([
  ['3c-ict', threeC],
  ['cambs-pboro', cambsPboro],
])('%s', (_name, dataset) => {
  it('passes the import check of the API: known councils, unique ids, KPIs it defines', () => {
    for (const document of dataset.documents) {
      expect(() => validatePlanDocument(document, dataset.partnership)).not.toThrow();
    }
  });
});

describe('the demo partnerships', () => {
  it('share no tenant', () => {
    const tenants = (dataset: DemoDataset) => dataset.partnership.partners.map((p) => p.tenantId.toLowerCase());
    const shared = tenants(threeC).filter((tenant) => tenants(cambsPboro).includes(tenant));
    expect(shared).toEqual([]);
  });
});
