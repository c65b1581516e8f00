import { beforeEach, describe, expect, it } from 'vitest';
import { decideShare } from '../../../shared/bids/decide-share';
import { draftBid } from '../../../shared/bids/draft-bid';
import { listBids } from '../../../shared/bids/list-bids';
import type { Stores } from '../../../shared/stores/stores';
import { admin, approver, bidStores, clock, draftInput, outsider, staff, submittedBid } from './bid-fixtures';

describe('listBids', () => {
  let stores: Stores;
  let wifi: string;
  let telephony: string;
  let rejected: string;
  let draft: string;
  beforeEach(async () => {
    stores = await bidStores();
    wifi = (await submittedBid(stores, { SCDC: 6_768, CCC: 0, HDC: 11_700 })).record.id;
    telephony = (await submittedBid(stores, { SCDC: 0, CCC: 150_000, HDC: 150_000 })).record.id;
    rejected = (await submittedBid(stores, { SCDC: 1, CCC: 1, HDC: 1 })).record.id;
    await decideShare(stores, approver.CCC, { id: rejected, decision: 'reject', comment: 'No' }, clock);
    await decideShare(stores, approver.HDC, { id: telephony, decision: 'approve' }, clock);
    draft = (await draftBid(stores, admin, draftInput({ SCDC: 5, CCC: 5, HDC: 5 }), clock)).bid.record.id;
  });
  const ids = (list: { bids: { id: string }[] }) => list.bids.map((bid) => bid.id);

  it("lists the year's bids but not drafts, each with its round, who must act and the state of each share", async () => {
    const list = await listBids(stores, staff, { year: '2021-22' });
    expect(list.year).toBe('2021-22');
    expect(ids(list)).toEqual([wifi, telephony, rejected]);
    const tel = list.bids.find((bid) => bid.id === telephony);
    expect(tel?.round).toBe(1);
    expect(tel?.awaiting).toEqual(['CCC']);
    expect(tel?.shareStates).toEqual([
      { partnerCode: 'CCC', amount: 150_000, state: 'awaiting' },
      { partnerCode: 'HDC', amount: 150_000, state: 'approved' },
      { partnerCode: 'SCDC', amount: 0, state: 'not-asked' },
    ]);
    expect(list.bids.find((bid) => bid.id === rejected)?.shareStates.map((s) => s.state)).toEqual([
      'rejected',
      'not-decided',
      'not-decided',
    ]);
    expect((await listBids(stores, staff, { year: '2020-21' })).bids).toEqual([]);
  });

  it('filters by state, and by the council that must act (mine: the caller’s)', async () => {
    expect(ids(await listBids(stores, staff, { state: 'draft' }))).toEqual([draft]);
    expect(ids(await listBids(stores, staff, { state: 'rejected' }))).toEqual([rejected]);
    expect(ids(await listBids(stores, approver.CCC, { awaiting: 'mine' }))).toEqual([telephony]);
    expect(ids(await listBids(stores, approver.HDC, { awaiting: 'mine' }))).toEqual([wifi]);
    expect(ids(await listBids(stores, staff, { awaiting: 'SCDC' }))).toEqual([wifi]);
    await expect(listBids(stores, staff, { awaiting: 'PCC' })).rejects.toMatchObject({
      kind: 'invalid-input',
      problems: [{ path: 'query.awaiting', message: expect.stringContaining('PCC is not a council') }],
    });
  });

  it('totals every bid of the year but drafts, whatever the filters, with submitted and rejected capital apart', async () => {
    const { totals } = await listBids(stores, staff, { year: '2021-22', state: 'rejected' });
    expect(totals.byPartner).toEqual({ CCC: 150_001, HDC: 161_701, SCDC: 6_769 });
    expect(totals.submitted.byPartner).toEqual({ CCC: 150_000, HDC: 161_700, SCDC: 6_768 });
    expect(totals.rejected.total).toBe(3);
    expect(totals.approved.total).toBe(0);
  });

  it('shows another partnership none of these bids', async () => {
    await stores.partnerships.create({
      id: 'other',
      partnershipId: 'other',
      name: 'Other',
      sharedServiceName: 'Other IT',
      partners: [
        { code: 'PCC', name: 'P', shortName: 'P', tenantId: '00000000-0000-4000-8000-00000000000a' },
        { code: 'CCC', name: 'C', shortName: 'C', tenantId: '00000000-0000-4000-8000-00000000000b' },
      ],
      sequence: 0,
    });
    const list = await listBids(stores, outsider, {});
    expect(list.bids).toEqual([]);
    expect(list.totals.byPartner).toEqual({ PCC: 0, CCC: 0 });
  });
});
