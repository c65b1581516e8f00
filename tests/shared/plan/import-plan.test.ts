import { beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors';
import type { Caller } from '../../../shared/identity/caller';
import { importPlan } from '../../../shared/plan/import-plan';
import type { Partnership } from '../../../shared/schemas/partnership';
import type { PlanImportDocument } from '../../../shared/schemas/plan-import';
import type { InfrastructureRisk } from '../../../shared/schemas/risks';
import { createMemoryStores } from '../../../shared/stores/memory/memory-stores';
import { PLAN_COLLECTIONS, type Stores } from '../../../shared/stores/stores';

const PARTNERSHIP = '3c-ict';

const threeC: Partnership = {
  id: PARTNERSHIP,
  partnershipId: PARTNERSHIP,
  name: '3C ICT',
  sharedServiceName: '3C ICT Shared Service',
  hostPartnerCode: 'HDC',
  partners: [
    {
      code: 'CCC',
      name: 'Cambridge City Council',
      shortName: 'City',
      tenantId: '3c1c0001-0000-4000-8000-000000000001',
    },
    { code: 'HDC', name: 'Huntingdonshire DC', shortName: 'HDC', tenantId: '3c1c0002-0000-4000-8000-000000000002' },
    {
      code: 'SCDC',
      name: 'South Cambridgeshire DC',
      shortName: 'SCDC',
      tenantId: '3c1c0003-0000-4000-8000-000000000003',
    },
  ],
};

const caller = (roles: Caller['roles']): Caller => ({
  partnershipId: PARTNERSHIP,
  partnerCode: 'HDC',
  roles,
  tenantId: '3c1c0002-0000-4000-8000-000000000002',
  userId: 'a0000000-0000-4000-8000-0000000000aa',
  name: 'Hannah Admin',
});
const admin = caller(['staff', 'partnership-admin']);

const risk = (id: string, partnerCodes = ['HDC'], recommendation = 'Tolerate'): InfrastructureRisk => ({
  id,
  partnerCodes,
  joint: partnerCodes.length > 1,
  councilLabel: partnerCodes.join('/'),
  category: 'Firewalls',
  risk: 'Single firewall at the data centre',
  mitigation: 'Support contract',
  recommendation,
  probability: 'Possible',
  impact: 'High',
});

/** A small plan touching every collection, in the shape the import takes (defaults written out). */
function planDocument(): PlanImportDocument {
  return {
    partnershipId: PARTNERSHIP,
    plan: {
      id: '2020-21',
      year: '2020-21',
      title: 'Business Plan 2020/21',
      version: 'V1',
      approvals: [{ body: 'Partnership Board', status: 'approved', date: '2020-03-12' }],
      costByPartner: {
        title: 'Cost by partner',
        unit: 'gbp',
        columns: [{ key: '2020-21', label: '2020/21' }],
        rows: [
          { key: 'ccc', label: 'City', partnerCode: 'CCC', isTotal: false, values: { '2020-21': 2_991_556 } },
          { key: 'hdc', label: 'HDC', partnerCode: 'HDC', isTotal: false, values: { '2020-21': 2_084_951 } },
          { key: 'scdc', label: 'SCDC', partnerCode: 'SCDC', isTotal: false, values: { '2020-21': 1_375_465 } },
          { key: 'total', label: 'Total', isTotal: true, values: { '2020-21': 6_451_972 } },
        ],
        notes: [],
      },
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
    risks: [risk('risk-c'), risk('risk-a', ['CCC', 'HDC', 'SCDC']), risk('risk-b', ['SCDC'])],
    applications: [
      {
        id: 'app-academy',
        partnerCodes: ['CCC'],
        councilLabel: 'City',
        serviceArea: 'Revenues and Benefits',
        name: 'Academy',
        supplier: 'Capita',
        supportStatus: null,
        statusNote: null,
      },
    ],
    catalogue: [{ id: 'svc-email', order: 1, name: 'Email', statusArea: 'Email' }],
    kpiDefinitions: [
      {
        id: 'kpi-2',
        code: 'KPI-2',
        title: 'Service availability',
        group: 'service',
        parentCode: null,
        frequency: 'quarterly',
        unit: 'percent',
        direction: 'higher-is-better',
        targets: [{ year: '2020-21', value: 99.5, text: null, printed: '99.5%' }],
        footnotes: [],
      },
    ],
    kpiMeasurements: [
      {
        id: 'kpi-2-2020-21-q1-hdc',
        kpiId: 'kpi-2',
        year: '2020-21',
        quarter: 1,
        scope: 'HDC',
        value: 99.9,
        rag: 'green',
        commentary: '',
      },
    ],
    projects: [
      {
        id: 'p0026',
        number: 'P0026',
        name: 'Eastnet MLL migration',
        deliveryDate: '2020-02-28',
        deliveryDateText: '28 th Feb 2020',
        status: 'in-progress',
        comments: '',
      },
    ],
  };
}

/** A copy of the document to spoil; the import takes `unknown`, so wrong types can be written in. */
const spoilable = (): any => structuredClone(planDocument());

const RECORD_COUNT = Object.fromEntries(PLAN_COLLECTIONS.map((name) => [name, planDocument()[name].length]));

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the import to be refused');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('importPlan', () => {
  let stores: Stores;

  beforeEach(async () => {
    stores = createMemoryStores();
    await stores.partnerships.create({ ...threeC, sequence: 0 });
  });

  /** Everything the import writes: every collection, the plan years and the audit trail. */
  async function everythingStored() {
    const all: Record<string, unknown[]> = {};
    for (const name of PLAN_COLLECTIONS) all[name] = await stores[name].listAll(PARTNERSHIP);
    all.plans = await stores.plans.listAll(PARTNERSHIP);
    all.audit = await stores.audit.listAll(PARTNERSHIP);
    return all;
  }

  async function expectNothingWritten() {
    for (const [name, rows] of Object.entries(await everythingStored())) expect(rows, name).toEqual([]);
  }

  /** The ETag of every stored record, by collection and id. */
  async function etags() {
    const byRecord: Record<string, string | undefined> = {};
    for (const name of PLAN_COLLECTIONS) {
      for (const record of planDocument()[name]) {
        byRecord[`${name}/${record.id}`] = (await stores[name].get(PARTNERSHIP, record.id))?.etag;
      }
    }
    byRecord['plans/2020-21'] = (await stores.plans.get(PARTNERSHIP, '2020-21'))?.etag;
    return byRecord;
  }

  describe('writes', () => {
    it('creates every record on the first import and reports the counts', async () => {
      const result = await importPlan(stores, admin, planDocument());

      expect(result.partnershipId).toBe(PARTNERSHIP);
      expect(result.year).toBe('2020-21');
      for (const name of PLAN_COLLECTIONS) {
        expect(result.counts[name], name).toEqual({ created: RECORD_COUNT[name], updated: 0, unchanged: 0 });
      }
      expect(result.counts.plan).toEqual({ created: 1, updated: 0, unchanged: 0 });

      const storedRisk = await stores.risks.get(PARTNERSHIP, 'risk-a');
      expect(storedRisk?.record).toEqual({
        ...risk('risk-a', ['CCC', 'HDC', 'SCDC']),
        partnershipId: PARTNERSHIP,
        sequence: 1,
      });
      const storedPlan = await stores.plans.get(PARTNERSHIP, '2020-21');
      expect(storedPlan?.record).toEqual({
        ...planDocument().plan,
        documentHash: expect.any(String),
        partnershipId: PARTNERSHIP,
        sequence: 0,
      });
      expect(result.planEtag).toBe(storedPlan?.etag);
      expect(Object.values(await etags()).every((etag) => typeof etag === 'string')).toBe(true);
    });

    it('audits each write: who made it, on what, and the ETag it produced', async () => {
      await importPlan(stores, admin, planDocument());
      const audit = (await stores.audit.listAll(PARTNERSHIP)).map((row) => row.record);
      const total = Object.values(RECORD_COUNT).reduce((a, b) => a + b, 0) + 1;
      expect(audit).toHaveLength(total);
      const current = await etags();
      for (const entry of audit) {
        expect(entry.action).toBe('plan.import');
        expect(entry.actor).toEqual({
          tenantId: admin.tenantId,
          objectId: admin.userId,
          name: admin.name,
          partnerCode: 'HDC',
        });
        expect(entry.etagBefore).toBeNull();
        expect(entry.etagAfter).toBe(current[`${entry.target.kind}/${entry.target.id}`]);
      }
    });

    it('changes nothing, not even an ETag, when the same document is imported again', async () => {
      const first = await importPlan(stores, admin, planDocument());
      const before = await etags();

      const again = await importPlan(stores, admin, planDocument());

      for (const name of PLAN_COLLECTIONS) {
        expect(again.counts[name], name).toEqual({ created: 0, updated: 0, unchanged: RECORD_COUNT[name] });
      }
      expect(again.counts.plan).toEqual({ created: 0, updated: 0, unchanged: 1 });
      expect(again.planEtag).toBe(first.planEtag);
      expect(await etags()).toEqual(before);
      expect(await stores.audit.listAll(PARTNERSHIP)).toHaveLength(Object.values(before).length);
    });

    it('rewrites only the one risk that changed, and the plan year whose ETag stands for the whole import', async () => {
      await importPlan(stores, admin, planDocument());
      const before = await etags();
      const auditBefore = (await stores.audit.listAll(PARTNERSHIP)).length;

      const changed = planDocument();
      changed.risks[1] = risk('risk-a', ['CCC', 'HDC', 'SCDC'], 'Treat: second firewall');
      const result = await importPlan(stores, admin, changed);

      expect(result.counts.risks).toEqual({ created: 0, updated: 1, unchanged: 2 });
      for (const name of PLAN_COLLECTIONS.filter((n) => n !== 'risks')) {
        expect(result.counts[name], name).toEqual({ created: 0, updated: 0, unchanged: RECORD_COUNT[name] });
      }
      expect(result.counts.plan).toEqual({ created: 0, updated: 1, unchanged: 0 });

      const after = await etags();
      const changedEtags = Object.keys(after).filter((key) => after[key] !== before[key]);
      expect(changedEtags.sort()).toEqual(['plans/2020-21', 'risks/risk-a']);
      expect((await stores.risks.get(PARTNERSHIP, 'risk-a'))?.record.recommendation).toBe('Treat: second firewall');

      const audit = (await stores.audit.listAll(PARTNERSHIP)).map((row) => row.record);
      expect(audit).toHaveLength(auditBefore + 2);
      expect(audit.filter((entry) => entry.target.kind === 'risks').at(-1)).toMatchObject({
        target: { kind: 'risks', id: 'risk-a' },
        etagBefore: before['risks/risk-a'],
        etagAfter: after['risks/risk-a'],
      });
    });

    it('keeps document order when records are listed, and follows a new order on the next import', async () => {
      await importPlan(stores, admin, planDocument());
      const page = await stores.risks.list(PARTNERSHIP, { pageSize: 10 });
      expect(page.items.map((r) => r.id)).toEqual(['risk-c', 'risk-a', 'risk-b']);
      expect(page.items.map((r) => r.sequence)).toEqual([0, 1, 2]);

      const reordered = planDocument();
      reordered.risks = [reordered.risks[2], reordered.risks[0], reordered.risks[1]].filter(
        (r): r is InfrastructureRisk => r !== undefined,
      );
      const result = await importPlan(stores, admin, reordered);
      expect(result.counts.risks).toEqual({ created: 0, updated: 3, unchanged: 0 });
      expect((await stores.risks.listAll(PARTNERSHIP)).map((r) => r.record.id)).toEqual(['risk-b', 'risk-c', 'risk-a']);
    });
  });

  describe('invalid documents', () => {
    it('lists every shape problem of the document, with its path, and writes nothing', async () => {
      const bad = spoilable();
      bad.bids[0].total = 1; // differs from the sum of its shares
      bad.risks[0].joint = 'yes'; // wrong type
      bad.projects[0].deliveryDate = '28/02/2020';

      const error = await rejection(importPlan(stores, admin, bad));

      expect(error.kind).toBe('invalid-input');
      expect(error.problems.map((p) => p.path)).toEqual(
        expect.arrayContaining(['bids.0.total', 'risks.0.joint', 'projects.0.deliveryDate']),
      );
      await expectNothingWritten();
    });

    it('lists every unknown council, missing KPI and repeated id once the shape is right, and writes nothing', async () => {
      const bad = planDocument();
      bad.risks.push(risk('risk-pcc', ['HDC', 'PCC']), risk('risk-c'));
      const firstBid = bad.bids[0];
      if (firstBid) firstBid.shares.push({ partnerCode: 'ECDC', amount: 0, movedToRevenue: false });
      const firstMeasurement = bad.kpiMeasurements[0];
      if (firstMeasurement) bad.kpiMeasurements.push({ ...firstMeasurement, id: 'kpi-9-q1', kpiId: 'kpi-9' });

      const error = await rejection(importPlan(stores, admin, bad));

      expect(error.kind).toBe('invalid-input');
      expect(error.problems.map((p) => p.path).sort()).toEqual(
        ['bids.0.shares.3.partnerCode', 'kpiMeasurements.1.kpiId', 'risks.3.partnerCodes.1', 'risks.4.id'].sort(),
      );
      await expectNothingWritten();
    });

    it('lists every problem at once, shape and references together, when a document has both kinds', async () => {
      const bad = spoilable();
      bad.bids[0].total = 1; // differs from the sum of its shares
      bad.risks[0].joint = 'yes'; // wrong type
      bad.risks.push(risk('risk-pcc', ['PCC'])); // unknown partner code
      bad.projects.push({ ...bad.projects[0] }); // repeated id

      const error = await rejection(importPlan(stores, admin, bad));

      expect(error.kind).toBe('invalid-input');
      expect(error.problems.map((p) => p.path)).toEqual(
        expect.arrayContaining(['bids.0.total', 'risks.0.joint', 'risks.3.partnerCodes.0', 'projects.1.id']),
      );
      await expectNothingWritten();
    });

    it('refuses a field the import does not know rather than dropping it', async () => {
      const error = await rejection(importPlan(stores, admin, { ...planDocument(), budgets: [] }));
      expect(error.kind).toBe('invalid-input');
      expect(JSON.stringify(error.problems)).toContain('budgets');
      await expectNothingWritten();
    });
  });

  describe('who may import', () => {
    it('refuses a caller without the partnership-admin role and writes nothing', async () => {
      const error = await rejection(
        importPlan(stores, caller(['staff', 'risk-approver', 'bid-approver', 'licence-admin']), planDocument()),
      );
      expect(error.kind).toBe('forbidden');
      await expectNothingWritten();
    });

    it('refuses a document for another partnership and writes nothing', async () => {
      const error = await rejection(importPlan(stores, admin, { ...planDocument(), partnershipId: 'cambs-pboro' }));
      expect(error.kind).toBe('forbidden');
      await expectNothingWritten();
    });
  });

  describe('If-Match', () => {
    it('imports when the ETag is the stored plan year’s', async () => {
      const first = await importPlan(stores, admin, planDocument());
      const changed = planDocument();
      changed.plan.title = 'Business Plan 2020/21 (revised)';
      const second = await importPlan(stores, admin, changed, { ifMatch: first.planEtag });
      expect(second.counts.plan).toEqual({ created: 0, updated: 1, unchanged: 0 });
      expect(second.planEtag).not.toBe(first.planEtag);
      expect(second.planEtag).toBe((await stores.plans.get(PARTNERSHIP, '2020-21'))?.etag);
    });

    it('refuses a stale ETag with precondition-failed and writes nothing', async () => {
      const first = await importPlan(stores, admin, planDocument());
      const revised = planDocument();
      revised.plan.title = 'Revised by someone else';
      await importPlan(stores, admin, revised, { ifMatch: first.planEtag });
      const before = await everythingStored();

      const mine = planDocument();
      mine.risks[0] = risk('risk-c', ['HDC'], 'Treat');
      const error = await rejection(importPlan(stores, admin, mine, { ifMatch: first.planEtag }));

      expect(error.kind).toBe('precondition-failed');
      expect(await everythingStored()).toEqual(before);
    });

    it('refuses an ETag when there is no plan year stored yet', async () => {
      const error = await rejection(importPlan(stores, admin, planDocument(), { ifMatch: '"made-up"' }));
      expect(error.kind).toBe('precondition-failed');
      await expectNothingWritten();
    });

    it('refuses the ETag an administrator read once another import has changed records since', async () => {
      // Two administrators read the plan at the same ETag.
      const read = await importPlan(stores, admin, planDocument());
      // The first imports a change to one risk only; the plan year itself is the same.
      const theirs = planDocument();
      theirs.risks[0] = risk('risk-c', ['HDC'], 'Treat: replaced by theirs');
      await importPlan(stores, admin, theirs, { ifMatch: read.planEtag });
      // The second, still holding the ETag read before, must not overwrite that change unknowingly.
      const error = await rejection(importPlan(stores, admin, planDocument(), { ifMatch: read.planEtag }));
      expect(error.kind).toBe('precondition-failed');
      expect((await stores.risks.get(PARTNERSHIP, 'risk-c'))?.record.recommendation).toBe('Treat: replaced by theirs');
    });
  });
});
