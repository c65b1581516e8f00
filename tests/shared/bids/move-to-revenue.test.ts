import { beforeEach, describe, expect, it } from 'vitest';
import { decideShare } from '../../../shared/bids/decide-share';
import { draftBid } from '../../../shared/bids/draft-bid';
import { listBids } from '../../../shared/bids/list-bids';
import { moveToRevenue } from '../../../shared/bids/move-to-revenue';
import { councilsToDecide } from '../../../shared/bids/who-must-act';
import type { Stores } from '../../../shared/stores/stores';
import {
  admin,
  approver,
  auditActions,
  bidStores,
  clock,
  draftInput,
  financeAdmin,
  financeOf,
  NOW,
  staff,
  submittedBid,
} from './bid-fixtures';

const CALL_MANAGEMENT = { SCDC: 2_820, CCC: 7_305, HDC: 4_875 };

describe('moveToRevenue', () => {
  let stores: Stores;
  let id: string;
  beforeEach(async () => {
    stores = await bidStores();
    id = (await submittedBid(stores, CALL_MANAGEMENT)).record.id;
  });

  it("moves the caller's council's share, as the plan's footnote does: out of capital and no longer asked", async () => {
    const { bid, recorded } = await moveToRevenue(
      stores,
      financeOf('HDC'),
      { id, partnerCode: 'HDC', note: 'Below the capital threshold' },
      clock,
    );
    expect(recorded).toBe(true);
    expect(bid.record.shares.find((s) => s.partnerCode === 'HDC')?.movedToRevenue).toBe(true);
    expect(bid.record.revenueMoves).toEqual([
      {
        round: 1,
        partnerCode: 'HDC',
        amount: 4_875,
        movedAt: NOW.toISOString(),
        movedBy: expect.objectContaining({ name: 'Finance of HDC', partnerCode: 'HDC' }),
        note: 'Below the capital threshold',
      },
    ]);
    expect(bid.record.status).toBe('submitted');
    expect(councilsToDecide(bid.record)).toEqual(['CCC', 'SCDC']);

    const { totals } = await listBids(stores, staff, { year: '2021-22' });
    expect(totals.byPartner).toEqual(CALL_MANAGEMENT);
    expect(totals.movedToRevenueByPartner).toEqual({ CCC: 0, HDC: 4_875, SCDC: 0 });
    expect(totals.capital.byPartner).toEqual({ CCC: 7_305, HDC: 0, SCDC: 2_820 });
    expect(totals.submitted.total).toBe(10_125);
  });

  it('settles a bid that waited only for the moved share: approved by the councils that decided', async () => {
    await decideShare(stores, approver.CCC, { id, decision: 'approve' }, clock);
    await decideShare(stores, approver.SCDC, { id, decision: 'approve' }, clock);
    const { bid } = await moveToRevenue(stores, financeOf('HDC'), { id, partnerCode: 'HDC' }, clock);
    expect(bid.record.status).toBe('approved');
    expect(bid.record.rounds[0]?.outcome).toBe('approved');
    const { totals } = await listBids(stores, staff, { year: '2021-22' });
    expect(totals.approved).toEqual({ byPartner: { CCC: 7_305, HDC: 0, SCDC: 2_820 }, total: 10_125 });
  });

  it('moves the whole bid for a finance approver who is also a partnership admin: the bid is moved to revenue', async () => {
    const { bid } = await moveToRevenue(stores, financeAdmin, { id, wholeBid: true }, clock);
    expect(bid.record.status).toBe('moved-to-revenue');
    expect(bid.record.shares.every((s) => s.movedToRevenue)).toBe(true);
    expect(bid.record.revenueMoves.map((m) => m.partnerCode)).toEqual(['CCC', 'HDC', 'SCDC']);
    expect(councilsToDecide(bid.record)).toEqual([]);
    const { totals } = await listBids(stores, staff, { year: '2021-22' });
    expect(totals.capital.total).toBe(0);
    expect(totals.movedToRevenueTotal).toBe(15_000);
  });

  it('records nothing when the share is already moved', async () => {
    const first = await moveToRevenue(stores, financeOf('HDC'), { id, partnerCode: 'HDC' }, clock);
    const again = await moveToRevenue(stores, financeOf('HDC'), { id, partnerCode: 'HDC' }, clock);
    expect(again).toEqual({ bid: first.bid, recorded: false });
    expect((await auditActions(stores)).filter((a) => a === 'bid.move-to-revenue')).toHaveLength(1);
  });

  it("refuses another council's share and the whole bid to a council's finance approver, and other roles (403)", async () => {
    await expect(moveToRevenue(stores, financeOf('CCC'), { id, partnerCode: 'HDC' }, clock)).rejects.toMatchObject({
      kind: 'forbidden',
      message: "A finance approver of CCC moves CCC's share only.",
    });
    await expect(moveToRevenue(stores, financeOf('CCC'), { id, wholeBid: true }, clock)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    for (const caller of [admin, approver.HDC, staff]) {
      await expect(moveToRevenue(stores, caller, { id, partnerCode: 'HDC' }, clock)).rejects.toMatchObject({
        kind: 'forbidden',
      });
    }
    expect((await stores.bids.get('p3', id))?.record.revenueMoves).toEqual([]);
  });

  it('refuses a zero share, a council outside the partnership, a draft and a rejected bid', async () => {
    const wifi = (await submittedBid(stores, { SCDC: 6_768, CCC: 0, HDC: 11_700 })).record.id;
    await expect(moveToRevenue(stores, financeAdmin, { id: wifi, partnerCode: 'CCC' }, clock)).rejects.toMatchObject({
      kind: 'conflict',
    });
    await expect(moveToRevenue(stores, financeAdmin, { id, partnerCode: 'PCC' }, clock)).rejects.toMatchObject({
      kind: 'invalid-input',
    });
    const draft = await draftBid(stores, admin, draftInput(CALL_MANAGEMENT), clock);
    await expect(
      moveToRevenue(stores, financeAdmin, { id: draft.bid.record.id, wholeBid: true }, clock),
    ).rejects.toMatchObject({ kind: 'conflict' });
    await decideShare(stores, approver.CCC, { id, decision: 'reject', comment: 'No' }, clock);
    await expect(moveToRevenue(stores, financeAdmin, { id, wholeBid: true }, clock)).rejects.toMatchObject({
      kind: 'conflict',
    });
  });
});
