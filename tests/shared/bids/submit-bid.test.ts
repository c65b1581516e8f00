import { beforeEach, describe, expect, it } from 'vitest';
import { decideShare } from '../../../shared/bids/decide-share';
import { draftBid } from '../../../shared/bids/draft-bid';
import { submitBid } from '../../../shared/bids/submit-bid';
import { councilsToDecide } from '../../../shared/bids/who-must-act';
import type { Stores } from '../../../shared/stores/stores';
import {
  admin,
  approver,
  auditActions,
  bidStores,
  clock,
  draftInput,
  NOW,
  outsider,
  staff,
  WIFI,
} from './bid-fixtures';

describe('submitBid', () => {
  let stores: Stores;
  let id: string;
  let etag: string;
  beforeEach(async () => {
    stores = await bidStores();
    const { bid } = await draftBid(stores, admin, draftInput(WIFI), clock);
    id = bid.record.id;
    etag = bid.etag;
  });

  it('starts round 1 with the amounts as submitted, asking only the councils with a non-zero share', async () => {
    const { bid, recorded } = await submitBid(stores, admin, { id, etag }, clock);
    expect(recorded).toBe(true);
    expect(bid.record.status).toBe('submitted');
    expect(bid.record.rounds).toEqual([
      {
        number: 1,
        submittedAt: NOW.toISOString(),
        submittedBy: expect.objectContaining({ name: 'Sam Smith', partnerCode: 'HDC' }),
        title: 'WIFI Access Point replacement',
        shares: bid.record.shares,
        total: 18_468,
        comment: null,
        outcome: null,
        closedAt: null,
      },
    ]);
    expect(councilsToDecide(bid.record)).toEqual(['HDC', 'SCDC']);
    expect(await auditActions(stores)).toEqual(['bid.draft', 'bid.submit']);
  });

  it('answers a second submit (a double click, even with the old ETag) with the bid as it stands', async () => {
    const first = await submitBid(stores, admin, { id, etag }, clock);
    const again = await submitBid(stores, admin, { id, etag }, clock);
    expect(again).toEqual({ bid: first.bid, recorded: false });
    expect(await auditActions(stores)).toEqual(['bid.draft', 'bid.submit']);
  });

  it('refuses a stale If-Match on a draft changed since (412)', async () => {
    await expect(submitBid(stores, admin, { id, etag: '"old"' }, clock)).rejects.toMatchObject({
      kind: 'precondition-failed',
    });
    expect((await stores.bids.get('p3', id))?.record.status).toBe('draft');
  });

  it('refuses a bid whose every share is zero, and a rejected bid (409: resubmit it)', async () => {
    const empty = await draftBid(stores, admin, draftInput({ CCC: 0, HDC: 0, SCDC: 0 }), clock);
    await expect(submitBid(stores, admin, { id: empty.bid.record.id }, clock)).rejects.toMatchObject({
      kind: 'conflict',
    });
    await submitBid(stores, admin, { id }, clock);
    await decideShare(stores, approver.SCDC, { id, decision: 'reject', comment: 'Not this year' }, clock);
    await expect(submitBid(stores, admin, { id }, clock)).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('resubmit'),
    });
  });

  it('is for partnership administrators of the partnership only', async () => {
    await expect(submitBid(stores, staff, { id }, clock)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(submitBid(stores, outsider, { id }, clock)).rejects.toMatchObject({ kind: 'not-found' });
    expect((await stores.bids.get('p3', id))?.record.status).toBe('draft');
  });
});
