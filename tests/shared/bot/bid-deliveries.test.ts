import { beforeEach, describe, expect, it } from 'vitest';
import { decideShare } from '../../../shared/bids/decide-share';
import { sendBidCards } from '../../../shared/bot/bid-cards';
import type { Stores } from '../../../shared/stores/stores';
import { approver, bidStores, clock, NOW, submittedBid, WIFI } from '../bids/bid-fixtures';
import { fakeMessenger, objectIdOf, withApprovers } from './delivery-fixtures';

const context = { tabUrl: 'https://hub.example.org/' };

describe('sending capital bid cards', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await bidStores();
    await withApprovers(stores);
  });

  it('sends the card only to the councils with a share, once, and updates the copies after a decision', async () => {
    const { messenger, calls } = fakeMessenger();
    const bid = await submittedBid(stores, WIFI);
    const first = await sendBidCards(stores, messenger, 'p3', bid.record.id, NOW, context);
    expect(first).toEqual({ sent: 2, updated: 0, failed: [] });
    expect(calls.map((call) => [call.kind, call.to]).sort()).toEqual([
      ['send', '29:HDC'],
      ['send', '29:SCDC'],
    ]);
    calls.length = 0;
    const hdc = { ...approver.HDC, userId: objectIdOf('HDC') };
    expect((await decideShare(stores, hdc, { id: bid.record.id, decision: 'approve' }, clock)).recorded).toBe(true);
    expect(await sendBidCards(stores, messenger, 'p3', bid.record.id, NOW, context)).toEqual({
      sent: 0,
      updated: 2,
      failed: [],
    });
    const verbs = (to: string) => JSON.stringify(calls.find((call) => call.to === to)?.card).match(/approveShare/g);
    expect(verbs('29:HDC')).toBeNull();
    expect(verbs('29:SCDC')).toHaveLength(1);
    expect(calls.some((call) => call.to === '29:CCC')).toBe(false);
  });
});
