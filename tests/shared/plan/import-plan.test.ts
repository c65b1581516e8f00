import { beforeEach, describe, expect, it } from 'vitest';
import { importPlan } from '../../../shared/plan/import-plan';
import type { PlanImportDocument } from '../../../shared/schemas/plan-import';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf, storesWithPartnership } from '../../support/memory-partnership';

const risk = (id: string, partnerCodes = ['HDC']) => ({
  id,
  partnerCodes,
  joint: partnerCodes.length > 1,
  councilLabel: partnerCodes.join('/'),
  category: 'Firewalls',
  risk: 'Single firewall',
  mitigation: '',
  recommendation: 'Tolerate',
  probability: null,
  impact: null,
});

function document(): PlanImportDocument {
  return {
    partnershipId: 'p3',
    plan: {
      id: '2020-21',
      year: '2020-21',
      title: 'Business Plan 2020/21',
      version: 'V1',
      approvals: [],
      roadmap: [],
      priorities: [{ rank: 1, title: 'Eastnet MLL migration', detail: 'High priority' }],
      lowValueApplications: [],
    },
    bids: [
      {
        id: 'bid-wifi',
        year: '2020-21',
        title: 'WIFI Access Point replacement',
        shares: [
          { partnerCode: 'SCDC', amount: 6_768, movedToRevenue: false },
          { partnerCode: 'CCC', amount: 0, movedToRevenue: false },
          { partnerCode: 'HDC', amount: 11_700, movedToRevenue: false },
        ],
        total: 18_468,
        status: 'submitted',
        notes: [],
      },
    ],
    risks: [risk('risk-b'), risk('risk-a', ['CCC', 'HDC', 'SCDC'])],
    applications: [],
    catalogue: [],
    kpiDefinitions: [],
    kpiMeasurements: [],
    projects: [],
  };
}

describe('importPlan', () => {
  let stores: Stores;
  const admin = callerOf('HDC', ['staff', 'partnership-admin']);
  beforeEach(async () => {
    stores = await storesWithPartnership();
  });

  it('creates every record, keeps document order, and audits each write', async () => {
    const result = await importPlan(stores, admin, document());
    expect(result.counts.risks).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(result.counts.plan).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect((await stores.risks.listAll('p3')).map((r) => r.record.id)).toEqual(['risk-b', 'risk-a']);
    const audit = await stores.audit.listAll('p3');
    expect(audit).toHaveLength(4);
    expect(audit.every((entry) => entry.record.etagBefore === null && entry.record.actor.objectId === 'user-HDC')).toBe(
      true,
    );
  });

  it('changes nothing, not even an ETag, when the same document comes again', async () => {
    await importPlan(stores, admin, document());
    const etags = (await stores.risks.listAll('p3')).map((r) => r.etag);
    const again = await importPlan(stores, admin, document());
    for (const counts of Object.values(again.counts)) expect(counts.created + counts.updated).toBe(0);
    expect((await stores.risks.listAll('p3')).map((r) => r.etag)).toEqual(etags);
    expect(await stores.audit.listAll('p3')).toHaveLength(4);
  });

  it('rewrites only the record that changed', async () => {
    await importPlan(stores, admin, document());
    const changed = document();
    changed.risks[1] = { ...risk('risk-a', ['CCC', 'HDC', 'SCDC']), recommendation: 'Treat' };
    const result = await importPlan(stores, admin, changed);
    expect(result.counts.risks).toEqual({ created: 0, updated: 1, unchanged: 1 });
    expect(result.counts.plan).toEqual({ created: 0, updated: 0, unchanged: 1 });
  });

  it('reports every problem of an invalid document and writes nothing', async () => {
    const bad = document() as any;
    bad.bids[0].total = 1;
    bad.risks.push(risk('risk-c', ['PCC']), risk('risk-b'));
    bad.plan.priorities[0].rank = 'first';
    await expect(importPlan(stores, admin, bad)).rejects.toMatchObject({
      kind: 'invalid-input',
      problems: expect.arrayContaining([expect.objectContaining({ path: 'plan.priorities.0.rank' })]),
    });
    bad.plan.priorities[0].rank = 1;
    const attempt = importPlan(stores, admin, bad);
    await expect(attempt).rejects.toMatchObject({ kind: 'invalid-input' });
    const problems = ((await attempt.catch((error) => error)) as { problems: { path: string }[] }).problems;
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['bids.0.total']));
    expect(await stores.risks.listAll('p3')).toEqual([]);
    expect(await stores.plans.listAll('p3')).toEqual([]);
  });

  it('names unknown councils and repeated ids once the shape is right', async () => {
    const bad = document();
    bad.risks.push(risk('risk-c', ['PCC']), risk('risk-b'));
    await expect(importPlan(stores, admin, bad)).rejects.toMatchObject({
      problems: expect.arrayContaining([
        expect.objectContaining({ path: 'risks.2.partnerCodes.0' }),
        expect.objectContaining({ path: 'risks.3.id' }),
      ]),
    });
    expect(await stores.audit.listAll('p3')).toEqual([]);
  });

  it('refuses callers who are not partnership administrators, and documents of another partnership', async () => {
    await expect(importPlan(stores, callerOf('HDC', ['staff', 'risk-approver']), document())).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(importPlan(stores, admin, { ...document(), partnershipId: 'other' })).rejects.toMatchObject({
      kind: 'forbidden',
    });
    expect(await stores.plans.listAll('p3')).toEqual([]);
  });

  it('refuses a stale If-Match and writes nothing', async () => {
    const first = await importPlan(stores, admin, document());
    const changed = { ...document(), plan: { ...document().plan, title: 'Revised' } };
    await importPlan(stores, admin, changed, { ifMatch: first.planEtag });
    await expect(importPlan(stores, admin, document(), { ifMatch: first.planEtag })).rejects.toMatchObject({
      kind: 'precondition-failed',
    });
    expect((await stores.plans.get('p3', '2020-21'))?.record.title).toBe('Revised');
  });
});
