import { beforeEach, describe, expect, it } from 'vitest';
import { decideShare } from '../../../shared/bids/decide-share';
import { resubmitBid } from '../../../shared/bids/resubmit-bid';
import { councilsToDecide } from '../../../shared/bids/who-must-act';
import type { Stores } from '../../../shared/stores/stores';
import { admin, approver, auditActions, bidStores, clock, draftInput, NOW, person, submittedBid } from './bid-fixtures';

const RESCOPED = draftInput({ CCC: 0, HDC: 9_000, SCDC: 4_000 }).shares;

describe('resubmitBid', () => {
  let stores: Stores;
  let id: string;
  let etag: string;
  beforeEach(async () => {
    stores = await bidStores();
    id = (await submittedBid(stores)).record.id;
    await decideShare(stores, approver.HDC, { id, decision: 'approve', comment: 'Fine' }, clock);
    const rejected = await decideShare(stores, approver.SCDC, { id, decision: 'reject', comment: 'Too much' }, clock);
    etag = rejected.bid.etag;
  });

  it('re-scopes a rejected bid into round 2, keeping round 1 and its decisions; every council decides afresh', async () => {
    const { bid, recorded } = await resubmitBid(
      stores,
      admin,
      { id, etag, shares: RESCOPED, comment: 'SCDC share reduced' },
      clock,
    );
    expect(recorded).toBe(true);
    expect(bid.record).toMatchObject({ status: 'submitted', total: 13_000 });
    expect(bid.record.rounds.map((r) => [r.number, r.total, r.outcome])).toEqual([
      [1, 18_468, 'rejected'],
      [2, 13_000, null],
    ]);
    expect(bid.record.rounds[1]).toMatchObject({ comment: 'SCDC share reduced', submittedAt: NOW.toISOString() });
    expect(bid.record.decisions.map((d) => [d.round, d.partnerCode, d.decision])).toEqual([
      [1, 'HDC', 'approve'],
      [1, 'SCDC', 'reject'],
    ]);
    expect(councilsToDecide(bid.record)).toEqual(['HDC', 'SCDC']);

    const hdc = await decideShare(stores, approver.HDC, { id, decision: 'approve', round: 2 }, clock);
    expect(hdc.recorded).toBe(true);
    const scdc = await decideShare(stores, approver.SCDC, { id, decision: 'approve', round: 2 }, clock);
    expect(scdc.bid.record.status).toBe('approved');
    expect(scdc.bid.record.decisions.filter((d) => d.round === 2).map((d) => d.asDecided.amount)).toEqual([
      9_000, 4_000,
    ]);
    const staleCard = await decideShare(
      stores,
      approver.SCDC,
      { id, decision: 'reject', comment: 'x', round: 1 },
      clock,
    );
    expect(staleCard.reason).toBe('stale-round');
  });

  it('needs the ETag read (428, 412) and records one round for a double click', async () => {
    await expect(resubmitBid(stores, admin, { id, etag: undefined, shares: RESCOPED }, clock)).rejects.toMatchObject({
      kind: 'precondition-required',
    });
    await expect(resubmitBid(stores, admin, { id, etag: '"stale"', shares: RESCOPED }, clock)).rejects.toMatchObject({
      kind: 'precondition-failed',
    });
    const first = await resubmitBid(stores, admin, { id, etag, shares: RESCOPED }, clock);
    const again = await resubmitBid(stores, admin, { id, etag, shares: RESCOPED }, clock);
    expect(again).toEqual({ bid: first.bid, recorded: false });
    expect((await auditActions(stores)).filter((a) => a === 'bid.resubmit')).toHaveLength(1);
    const different = draftInput({ CCC: 0, HDC: 1, SCDC: 1 }).shares;
    await expect(
      resubmitBid(stores, admin, { id, etag: first.bid.etag, shares: different }, clock),
    ).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('lets the submitter resubmit without the admin role, and refuses anyone else (403)', async () => {
    const submitter = { ...admin, roles: ['staff'] as const };
    const { bid } = await resubmitBid(stores, submitter, { id, etag, shares: RESCOPED }, clock);
    expect(bid.record.rounds[1]?.submittedBy?.objectId).toBe(admin.userId);
    const other = person('HDC', ['staff', 'bid-approver'], 'Someone else');
    await expect(resubmitBid(stores, other, { id, etag: bid.etag, shares: RESCOPED }, clock)).rejects.toMatchObject({
      kind: 'forbidden',
    });
  });

  it('refuses amounts that do not list every council, nothing to decide, and a bid not rejected', async () => {
    await expect(
      resubmitBid(stores, admin, { id, etag, shares: draftInput({ HDC: 1 }).shares }, clock),
    ).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(
      resubmitBid(stores, admin, { id, etag, shares: draftInput({ CCC: 0, HDC: 0, SCDC: 0 }).shares }, clock),
    ).rejects.toMatchObject({ kind: 'conflict' });
    const pending = await submittedBid(stores);
    await expect(
      resubmitBid(stores, admin, { id: pending.record.id, etag: pending.etag, shares: RESCOPED }, clock),
    ).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('only a rejected bid') });
  });
});
