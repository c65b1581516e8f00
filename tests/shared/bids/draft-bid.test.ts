import { beforeEach, describe, expect, it } from 'vitest';
import { draftBid } from '../../../shared/bids/draft-bid';
import type { Stores } from '../../../shared/stores/stores';
import { admin, approver, auditActions, bidStores, clock, draftInput, NOW, staff, WIFI } from './bid-fixtures';

describe('draftBid', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await bidStores();
  });

  it('drafts a bid with every council in the partnership order, the total as the sum, asking nobody yet', async () => {
    const { bid, recorded } = await draftBid(
      stores,
      admin,
      draftInput(WIFI, { notes: ['From the 2019 survey'] }),
      clock,
    );
    expect(recorded).toBe(true);
    expect(bid.record).toMatchObject({
      status: 'draft',
      origin: 'hub',
      year: '2021-22',
      total: 18_468,
      notes: ['From the 2019 survey'],
      draftedBy: { name: 'Sam Smith', objectId: 'oid-Sam Smith', partnerCode: 'HDC' },
      draftedAt: NOW.toISOString(),
      rounds: [],
      decisions: [],
    });
    expect(bid.record.shares.map((s) => [s.partnerCode, s.amount, s.movedToRevenue])).toEqual([
      ['CCC', 0, false],
      ['HDC', 11_700, false],
      ['SCDC', 6_768, false],
    ]);
    expect((await stores.bids.get('p3', bid.record.id))?.etag).toBe(bid.etag);
    expect(await auditActions(stores)).toEqual(['bid.draft']);
  });

  it('refuses amounts that miss a council, name another, repeat one or do not add up, naming each, writing nothing', async () => {
    const input = draftInput(
      { CCC: 10, SCDC: 5, PCC: 1 },
      { total: 99, shares: [...draftInput({ CCC: 10, SCDC: 5, PCC: 1 }).shares, { partnerCode: 'CCC', amount: 2 }] },
    );
    const error = await draftBid(stores, admin, input, clock).catch((e) => e);
    expect(error).toMatchObject({ kind: 'invalid-input' });
    expect(error.problems).toEqual([
      { path: 'shares.2.partnerCode', message: expect.stringContaining('PCC is not a council of Three Councils') },
      { path: 'shares.3.partnerCode', message: 'CCC is listed twice' },
      { path: 'shares', message: expect.stringContaining('HDC is missing') },
      { path: 'total', message: 'the total 99 differs from the sum of the shares, 18' },
    ]);
    expect(await stores.bids.listAll('p3')).toEqual([]);
    expect(await auditActions(stores)).toEqual([]);
  });

  it('takes a total that equals the sum of the shares', async () => {
    const { bid } = await draftBid(stores, admin, draftInput(WIFI, { total: 18_468 }), clock);
    expect(bid.record.total).toBe(18_468);
  });

  it('is for partnership administrators only (403), whatever other role the caller holds', async () => {
    for (const caller of [staff, approver.HDC]) {
      await expect(draftBid(stores, caller, draftInput(WIFI), clock)).rejects.toMatchObject({ kind: 'forbidden' });
    }
    expect(await stores.bids.listAll('p3')).toEqual([]);
  });

  it('with its own id, answers a retry of the same draft with the draft made, and refuses another bid under it', async () => {
    const input = draftInput(WIFI, { id: 'bid-wifi-2021' });
    const first = await draftBid(stores, admin, input, clock);
    const again = await draftBid(stores, admin, input, clock);
    expect(again).toEqual({ ...first, recorded: false });
    expect(await stores.bids.listAll('p3')).toHaveLength(1);
    expect(await auditActions(stores)).toEqual(['bid.draft']);

    const other = draftInput({ ...WIFI, CCC: 1 }, { id: 'bid-wifi-2021' });
    await expect(draftBid(stores, admin, other, clock)).rejects.toMatchObject({ kind: 'conflict' });
    const twoAtOnce = await Promise.all(
      [1, 2].map(() => draftBid(stores, admin, draftInput(WIFI, { id: 'bid-x' }), clock)),
    );
    expect(twoAtOnce.map((write) => write.recorded).sort()).toEqual([false, true]);
  });
});
