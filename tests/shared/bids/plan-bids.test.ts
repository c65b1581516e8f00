import { beforeEach, describe, expect, it } from 'vitest';
import { loadDemoDatasets } from '../../../local/seed/demo-datasets';
import { seedDemoData } from '../../../local/seed/seed-demo-data';
import { decideShare } from '../../../shared/bids/decide-share';
import { getBid } from '../../../shared/bids/get-bid';
import { listBids } from '../../../shared/bids/list-bids';
import { moveToRevenue } from '../../../shared/bids/move-to-revenue';
import type { Caller, Role } from '../../../shared/identity/caller';
import { importPlan } from '../../../shared/plan/import-plan';
import { createMemoryStores } from '../../../shared/stores/memory/memory-stores';
import type { Stores } from '../../../shared/stores/stores';
import { clock } from './bid-fixtures';

const datasets = loadDemoDatasets().filter((dataset) => dataset.partnership.id === '3c-ict');
const threeC = datasets[0]?.partnership;
const as = (code: string, roles: Role[]): Caller => ({
  partnershipId: '3c-ict',
  partnerCode: code,
  roles,
  tenantId: threeC?.partners.find((p) => p.code === code)?.tenantId ?? '',
  userId: `oid-${code}-${roles.join('-')}`,
  name: `${code} ${roles.at(-1)}`,
});
const WIFI = 'bid-2020-21-wifi-access-point-replacement';
const CALL_MANAGEMENT = 'bid-2020-21-call-management-it-service-desk';
/** The plan's capital bids table 2020/21, TOTAL row. */
const PLAN_TOTALS = { SCDC: 195_068, CCC: 344_575, HDC: 264_825 };

/** The 2020/21 bids as the plan import loads them from the demo data built from the business plan. */
describe("the plan's capital bids", () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = createMemoryStores();
    await seedDemoData(stores, datasets);
  });

  it('total per council exactly as the plan prints, with the footnoted HDC shares moved to revenue', async () => {
    const { bids, totals } = await listBids(stores, as('HDC', ['staff']), { year: '2020-21' });
    expect(bids).toHaveLength(10);
    expect(totals.byPartner).toEqual(PLAN_TOTALS);
    expect(totals.total).toBe(804_468);
    expect(totals.movedToRevenueByPartner).toEqual({ CCC: 0, HDC: 22_750, SCDC: 0 });
    expect(totals.capital.byPartner).toEqual({ ...PLAN_TOTALS, HDC: 264_825 - 22_750 });
    expect(totals.submitted).toEqual(totals.capital);
  });

  it('stand as printed: submitted in the plan’s round 1, no submitter; a moved or zero share is not asked', async () => {
    const { bid } = await getBid(stores, as('HDC', ['staff']), { id: CALL_MANAGEMENT });
    expect(bid).toMatchObject({ status: 'submitted', origin: 'plan', round: 1, awaiting: ['SCDC', 'CCC'] });
    expect(bid.rounds).toEqual([
      expect.objectContaining({ number: 1, submittedBy: null, submittedAt: null, outcome: null }),
    ]);
    expect(bid.shareStates.find((s) => s.partnerCode === 'HDC')?.state).toBe('moved-to-revenue');
    const wifi = (await getBid(stores, as('HDC', ['staff']), { id: WIFI })).bid;
    expect(wifi.awaiting).toEqual(['SCDC', 'HDC']);
  });

  it('are decided by their councils without changing the plan totals, and a re-import keeps the decisions', async () => {
    await expect(
      decideShare(stores, as('CCC', ['bid-approver']), { id: WIFI, decision: 'approve' }, clock),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    await decideShare(stores, as('SCDC', ['bid-approver']), { id: WIFI, decision: 'approve' }, clock);
    const approved = await decideShare(stores, as('HDC', ['bid-approver']), { id: WIFI, decision: 'approve' }, clock);
    expect(approved.bid.record.status).toBe('approved');
    await moveToRevenue(stores, as('SCDC', ['finance-approver']), { id: CALL_MANAGEMENT, partnerCode: 'SCDC' }, clock);

    const { totals } = await listBids(stores, as('HDC', ['staff']), { year: '2020-21' });
    expect(totals.byPartner).toEqual(PLAN_TOTALS);
    expect(totals.approved).toEqual({ byPartner: { CCC: 0, HDC: 11_700, SCDC: 6_768 }, total: 18_468 });
    expect(totals.movedToRevenueByPartner).toEqual({ CCC: 0, HDC: 22_750, SCDC: 2_820 });

    const admin = as('HDC', ['partnership-admin']);
    const plan = datasets[0]?.documents[0];
    const result = await importPlan(stores, admin, plan);
    expect(result.counts.bids).toEqual({ created: 0, updated: 0, unchanged: 10 });
    expect((await getBid(stores, admin, { id: WIFI })).bid.status).toBe('approved');
    expect((await getBid(stores, admin, { id: CALL_MANAGEMENT })).bid.revenueMoves).toHaveLength(1);
  });
});
