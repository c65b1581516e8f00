import { beforeEach, describe, expect, it } from 'vitest';
import { decideShare } from '../../../shared/bids/decide-share';
import { draftBid } from '../../../shared/bids/draft-bid';
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
  financeOf,
  NOW,
  outsider,
  secondScdcApprover,
  staff,
  submittedBid,
} from './bid-fixtures';

describe('decideShare', () => {
  let stores: Stores;
  let id: string;
  beforeEach(async () => {
    stores = await bidStores();
    id = (await submittedBid(stores)).record.id;
  });
  const decisionsOf = async () => (await stores.bids.get('p3', id))?.record.decisions ?? [];

  it('records who decided, when, the comment and the bid as they saw it; the bid waits for the other council', async () => {
    const { bid, recorded, reason } = await decideShare(
      stores,
      approver.HDC,
      { id, decision: 'approve', comment: 'Within our programme' },
      clock,
    );
    expect([recorded, reason]).toEqual([true, null]);
    expect(bid.record.status).toBe('submitted');
    expect(bid.record.decisions).toEqual([
      {
        round: 1,
        partnerCode: 'HDC',
        decision: 'approve',
        comment: 'Within our programme',
        decidedAt: NOW.toISOString(),
        decidedBy: {
          partnerCode: 'HDC',
          name: 'Oliver Morley',
          tenantId: approver.HDC.tenantId,
          objectId: 'oid-Oliver Morley',
        },
        channel: 'api',
        asDecided: { title: 'WIFI Access Point replacement', amount: 11_700, total: 18_468, shares: bid.record.shares },
      },
    ]);
    expect(councilsToDecide(bid.record)).toEqual(['SCDC']);
    expect(await auditActions(stores)).toEqual(['bid.draft', 'bid.submit', 'bid.decide']);
  });

  it('approves the bid when every share-holding council has approved; the zero-share council is never asked', async () => {
    await decideShare(stores, approver.HDC, { id, decision: 'approve' }, clock);
    const { bid } = await decideShare(stores, approver.SCDC, { id, decision: 'approve', channel: 'teams-card' }, clock);
    expect(bid.record.status).toBe('approved');
    expect(bid.record.rounds[0]).toMatchObject({ outcome: 'approved', closedAt: NOW.toISOString() });
    expect(bid.record.decisions.map((d) => [d.partnerCode, d.channel])).toEqual([
      ['HDC', 'api'],
      ['SCDC', 'teams-card'],
    ]);
    expect(councilsToDecide(bid.record)).toEqual([]);
  });

  it('refuses a council with a zero share (403) with a clear reason, and records nothing', async () => {
    const error = await decideShare(stores, approver.CCC, { id, decision: 'approve' }, clock).catch((e) => e);
    expect(error).toMatchObject({ kind: 'forbidden' });
    expect(error.message).toBe(
      'CCC has no share in "WIFI Access Point replacement" (£0), so it is not asked to decide it.',
    );
    expect(await decisionsOf()).toEqual([]);
  });

  it('rejects the bid as soon as one council rejects, closing the round; the other is no longer asked', async () => {
    const { bid } = await decideShare(
      stores,
      approver.SCDC,
      { id, decision: 'reject', comment: 'Not this year' },
      clock,
    );
    expect(bid.record.status).toBe('rejected');
    expect(bid.record.rounds[0]).toMatchObject({ outcome: 'rejected', closedAt: NOW.toISOString() });
    expect(councilsToDecide(bid.record)).toEqual([]);
    const late = await decideShare(stores, approver.HDC, { id, decision: 'approve' }, clock);
    expect([late.recorded, late.reason, late.bid.record.status]).toEqual([false, 'bid-settled', 'rejected']);
    expect((await decisionsOf()).map((d) => d.partnerCode)).toEqual(['SCDC']);
  });

  it('records one decision per council: a repeat, a colleague or a change of mind answers the bid as it stands', async () => {
    const first = await decideShare(stores, approver.SCDC, { id, decision: 'approve' }, clock);
    for (const [caller, decision] of [
      [approver.SCDC, 'approve'],
      [secondScdcApprover, 'approve'],
      [secondScdcApprover, 'reject'],
    ] as const) {
      const again = await decideShare(stores, caller, { id, decision, comment: 'again' }, clock);
      expect([again.recorded, again.reason]).toEqual([false, 'already-decided']);
      expect(again.bid).toEqual(first.bid);
    }
    expect(await decisionsOf()).toHaveLength(1);
    expect(await auditActions(stores)).toEqual(['bid.draft', 'bid.submit', 'bid.decide']);
  });

  it('records nothing for a card of an earlier round, or for a share moved to revenue meanwhile', async () => {
    const stale = await decideShare(stores, approver.SCDC, { id, decision: 'approve', round: 2 }, clock);
    expect([stale.recorded, stale.reason]).toEqual([false, 'stale-round']);
    await moveToRevenue(stores, financeOf('SCDC'), { id, partnerCode: 'SCDC' }, clock);
    const moved = await decideShare(stores, approver.SCDC, { id, decision: 'approve', round: 1 }, clock);
    expect([moved.recorded, moved.reason]).toEqual([false, 'share-moved-to-revenue']);
    expect(await decisionsOf()).toEqual([]);
  });

  it("refuses staff, a partnership admin, and an approver naming another council's share (403); a draft is 409", async () => {
    for (const caller of [staff, admin]) {
      await expect(decideShare(stores, caller, { id, decision: 'approve' }, clock)).rejects.toMatchObject({
        kind: 'forbidden',
      });
    }
    await expect(
      decideShare(stores, approver.CCC, { id, decision: 'approve', partnerCode: 'HDC' }, clock),
    ).rejects.toMatchObject({ kind: 'forbidden', message: expect.stringContaining("You decide CCC's share only") });
    const draft = await draftBid(stores, admin, draftInput({ CCC: 1, HDC: 1, SCDC: 1 }), clock);
    await expect(
      decideShare(stores, approver.HDC, { id: draft.bid.record.id, decision: 'approve' }, clock),
    ).rejects.toMatchObject({ kind: 'conflict' });
    expect(await decisionsOf()).toEqual([]);
  });

  it("cannot reach another partnership's bid (404)", async () => {
    await expect(decideShare(stores, outsider, { id, decision: 'approve' }, clock)).rejects.toMatchObject({
      kind: 'not-found',
    });
  });

  it('lets concurrent decisions by different councils all land, re-reading after a lost race', async () => {
    const id3 = (await submittedBid(stores, { CCC: 10, HDC: 20, SCDC: 30 })).record.id;
    const results = await Promise.all(
      (['CCC', 'HDC', 'SCDC'] as const).map((code) =>
        decideShare(stores, approver[code], { id: id3, decision: 'approve' }, clock),
      ),
    );
    expect(results.every((r) => r.recorded)).toBe(true);
    const stored = (await stores.bids.get('p3', id3))?.record;
    expect(stored?.decisions?.map((d) => d.partnerCode).sort()).toEqual(['CCC', 'HDC', 'SCDC']);
    expect(stored?.status).toBe('approved');
  });

  it('records exactly one decision from 50 concurrent attempts by one council', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        decideShare(
          stores,
          i % 2 ? approver.SCDC : secondScdcApprover,
          { id, decision: i % 3 ? 'approve' : 'reject', comment: `try ${i}` },
          clock,
        ),
      ),
    );
    expect(attempts.filter((a) => a.recorded)).toHaveLength(1);
    expect(await decisionsOf()).toHaveLength(1);
    expect((await auditActions(stores)).filter((action) => action === 'bid.decide')).toHaveLength(1);
  });
});
