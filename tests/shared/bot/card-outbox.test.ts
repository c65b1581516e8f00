import { beforeEach, describe, expect, it } from 'vitest';
import { loadDemoDatasets } from '../../../local/seed/demo-datasets';
import { seedDemoData } from '../../../local/seed/seed-demo-data';
import { decideShare } from '../../../shared/bids/decide-share';
import { BID_DELIVERY_GRACE_MS, bidsWithCardsToDeliver, sendBidCards } from '../../../shared/bot/bid-cards';
import { deliverCardOutbox } from '../../../shared/bot/card-outbox';
import { requestToleration } from '../../../shared/risks/request-toleration';
import { createMemoryStores } from '../../../shared/stores/memory/memory-stores';
import type { Stores } from '../../../shared/stores/stores';
import { approver, bidStores, clock, NOW, submittedBid, WIFI } from '../bids/bid-fixtures';
import { admin, storesWithRisks } from '../risks/toleration-fixtures';
import { fakeMessenger, objectIdOf, withApprovers } from './delivery-fixtures';

const context = { tabUrl: 'https://hub.example.org/' };
const AFTER_GRACE = new Date(NOW.getTime() + BID_DELIVERY_GRACE_MS);

describe('the card outbox: what the delivery after an event did not get out', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await bidStores();
    await withApprovers(stores);
  });

  it('keeps a submitted bid whose cards were never sent (the process stopped first) until the outbox sends them', async () => {
    const bid = await submittedBid(stores, WIFI);
    // Within the grace period the submit's own delivery may still be under way: the outbox leaves it alone.
    expect(await bidsWithCardsToDeliver(stores, 'p3', NOW)).toEqual([]);
    expect(await bidsWithCardsToDeliver(stores, 'p3', AFTER_GRACE)).toEqual([bid.record.id]);
    const { messenger, calls } = fakeMessenger();
    const report = await deliverCardOutbox(stores, messenger, 'p3', AFTER_GRACE, context);
    expect(report.bids).toEqual({ delivered: [bid.record.id], failed: [] });
    expect(calls.map((call) => [call.kind, call.to]).sort()).toEqual([
      ['send', '29:HDC'],
      ['send', '29:SCDC'],
    ]);
    expect(await bidsWithCardsToDeliver(stores, 'p3', AFTER_GRACE)).toEqual([]);
    calls.length = 0;
    await deliverCardOutbox(stores, messenger, 'p3', AFTER_GRACE, context);
    expect(calls).toEqual([]);
  });

  it('posts nothing twice when the timer runs while a submit is still delivering its cards', async () => {
    const bid = await submittedBid(stores, WIFI);
    const { messenger, calls } = fakeMessenger();
    await Promise.all([
      sendBidCards(stores, messenger, 'p3', bid.record.id, NOW, context),
      deliverCardOutbox(stores, messenger, 'p3', NOW, context),
    ]);
    expect(calls.filter((call) => call.kind === 'send')).toHaveLength(2);
  });

  it('tries a failed bid again after its back-off, and brings its copies up to date after a decision nobody delivered', async () => {
    const bid = await submittedBid(stores, WIFI);
    const { messenger, calls, state } = fakeMessenger();
    state.failSends = true;
    expect((await sendBidCards(stores, messenger, 'p3', bid.record.id, AFTER_GRACE, context)).failed).toHaveLength(2);
    expect(await bidsWithCardsToDeliver(stores, 'p3', AFTER_GRACE)).toEqual([]);
    const afterBackOff = new Date(AFTER_GRACE.getTime() + 60_000);
    expect(await bidsWithCardsToDeliver(stores, 'p3', afterBackOff)).toEqual([bid.record.id]);
    state.failSends = false;
    await deliverCardOutbox(stores, messenger, 'p3', afterBackOff, context);
    expect(await bidsWithCardsToDeliver(stores, 'p3', afterBackOff)).toEqual([]);

    const hdc = { ...approver.HDC, userId: objectIdOf('HDC') };
    await decideShare(stores, hdc, { id: bid.record.id, decision: 'approve' }, clock);
    expect(await bidsWithCardsToDeliver(stores, 'p3', afterBackOff)).toEqual([bid.record.id]);
    calls.length = 0;
    await deliverCardOutbox(stores, messenger, 'p3', afterBackOff, context);
    expect(calls.map((call) => [call.kind, call.to]).sort()).toEqual([
      ['update', '29:HDC'],
      ['update', '29:SCDC'],
    ]);
  });

  it('never sends the plan’s imported bids, which were not submitted through the workflow', async () => {
    const demo = createMemoryStores();
    const threeC = loadDemoDatasets().filter((dataset) => dataset.partnership.id === '3c-ict');
    await seedDemoData(demo, threeC);
    const imported = await demo.bids.listAll('3c-ict');
    expect(imported.filter(({ record }) => record.status === 'submitted').length).toBeGreaterThan(0);
    expect(await bidsWithCardsToDeliver(demo, '3c-ict', AFTER_GRACE)).toEqual([]);
  });

  it('delivers the risk notices left undelivered too', async () => {
    const risky = await storesWithRisks();
    await withApprovers(risky);
    await requestToleration(
      risky,
      admin,
      { riskId: 'risk-hdc-firewalls', recommendedResponse: 'tolerate', note: '', responses: ['tolerate', 'treat'] },
      clock,
    );
    const { messenger, calls } = fakeMessenger();
    const report = await deliverCardOutbox(risky, messenger, 'p3', NOW, context);
    expect(report.riskNotices.delivered).toHaveLength(1);
    expect(calls.map((call) => [call.kind, call.to])).toEqual([['send', '29:HDC']]);
  });
});
