import { beforeEach, describe, expect, it } from 'vitest';
import { draftBid } from '../../../shared/bids/draft-bid';
import { submitBid } from '../../../shared/bids/submit-bid';
import { updateDraft } from '../../../shared/bids/update-draft';
import type { Stores } from '../../../shared/stores/stores';
import { admin, approver, auditActions, bidStores, clock, draftInput, WIFI } from './bid-fixtures';

describe('updateDraft', () => {
  let stores: Stores;
  let id: string;
  let etag: string;
  beforeEach(async () => {
    stores = await bidStores();
    const { bid } = await draftBid(stores, admin, draftInput(WIFI), clock);
    id = bid.record.id;
    etag = bid.etag;
  });

  it('changes the draft with the current ETag, recomputes the total and audits the write', async () => {
    const changes = { title: 'WIFI refresh', shares: draftInput({ CCC: 100, HDC: 200, SCDC: 0 }).shares };
    const { bid, recorded } = await updateDraft(stores, admin, { id, changes, etag }, clock);
    expect(recorded).toBe(true);
    expect(bid.etag).not.toBe(etag);
    expect(bid.record).toMatchObject({ title: 'WIFI refresh', total: 300, status: 'draft' });
    expect(bid.record.shares.map((s) => s.amount)).toEqual([100, 200, 0]);
    expect(await auditActions(stores)).toEqual(['bid.draft', 'bid.update-draft']);
  });

  it('needs an If-Match (428), refuses a stale one (412) and keeps the newer change', async () => {
    await expect(
      updateDraft(stores, admin, { id, changes: { title: 'x' }, etag: undefined }, clock),
    ).rejects.toMatchObject({
      kind: 'precondition-required',
    });
    await updateDraft(stores, admin, { id, changes: { title: 'Newer' }, etag }, clock);
    await expect(updateDraft(stores, admin, { id, changes: { title: 'Older' }, etag }, clock)).rejects.toMatchObject({
      kind: 'precondition-failed',
    });
    expect((await stores.bids.get('p3', id))?.record.title).toBe('Newer');
  });

  it('records nothing for the same change sent twice (a double click with the old ETag)', async () => {
    const first = await updateDraft(stores, admin, { id, changes: { title: 'Newer' }, etag }, clock);
    const again = await updateDraft(stores, admin, { id, changes: { title: 'Newer' }, etag }, clock);
    expect(again).toEqual({ bid: first.bid, recorded: false });
    expect(await auditActions(stores)).toEqual(['bid.draft', 'bid.update-draft']);
  });

  it('refuses a total that differs from the shares, and any change once submitted (409)', async () => {
    await expect(updateDraft(stores, admin, { id, changes: { total: 1 }, etag }, clock)).rejects.toMatchObject({
      kind: 'invalid-input',
      problems: [{ path: 'total', message: expect.stringContaining('18468') }],
    });
    const submitted = await submitBid(stores, admin, { id }, clock);
    await expect(
      updateDraft(stores, admin, { id, changes: { title: 'x' }, etag: submitted.bid.etag }, clock),
    ).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('is for partnership administrators only (403)', async () => {
    await expect(updateDraft(stores, approver.HDC, { id, changes: { title: 'x' }, etag }, clock)).rejects.toMatchObject(
      {
        kind: 'forbidden',
      },
    );
    expect((await stores.bids.get('p3', id))?.etag).toBe(etag);
  });
});
