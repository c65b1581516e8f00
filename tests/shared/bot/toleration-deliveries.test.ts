import { beforeEach, describe, expect, it } from 'vitest';
import { postedCopies } from '../../../shared/bot/posted-cards';
import { deliverTolerationNotices } from '../../../shared/bot/toleration-cards';
import { decideToleration } from '../../../shared/risks/decide-toleration';
import { requestToleration } from '../../../shared/risks/request-toleration';
import {
  claimNotice,
  NOTICE_LEASE_MS,
  queueNotice,
  undeliveredNotices,
} from '../../../shared/risks/toleration-notices';
import type { Stores } from '../../../shared/stores/stores';
import { threeCouncils } from '../../support/memory-partnership';
import { admin, approver, storesWithRisks, T0 } from '../risks/toleration-fixtures';
import { type Call, fakeMessenger, objectIdOf, withApprovers } from './delivery-fixtures';

const P = threeCouncils.id;
const context = { tabUrl: 'https://hub.example.org/' };
const request = {
  recommendedResponse: 'tolerate' as const,
  note: '',
  responses: ['tolerate' as const, 'treat' as const],
};
describe('delivering risk toleration notices as cards', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await storesWithRisks();
    await withApprovers(stores);
  });

  it('posts one card per approver of each council, even when two senders deliver at once', async () => {
    const { messenger, calls } = fakeMessenger();
    await requestToleration(stores, admin, { riskId: 'risk-joint-witness-host', ...request }, () => T0);
    const reports = await Promise.all([
      deliverTolerationNotices(stores, messenger, P, T0, context),
      deliverTolerationNotices(stores, messenger, P, T0, context),
    ]);
    expect(reports.flatMap((report) => report.failed)).toEqual([]);
    expect(reports.flatMap((report) => report.delivered)).toHaveLength(1);
    expect(calls.map((call) => [call.kind, call.to]).sort()).toEqual([
      ['send', '29:CCC'],
      ['send', '29:HDC'],
      ['send', '29:SCDC'],
    ]);
    const id = 'tol-risk-joint-witness-host-r1';
    expect((await postedCopies(stores, P, 'risk-toleration', id)).map((copy) => copy.partnerCode).sort()).toEqual([
      'CCC',
      'HDC',
      'SCDC',
    ]);
  });

  it('updates every posted copy after a decision, each with its holder’s view, and sends nothing new', async () => {
    const { messenger, calls } = fakeMessenger();
    await requestToleration(stores, admin, { riskId: 'risk-joint-witness-host', ...request }, () => T0);
    await deliverTolerationNotices(stores, messenger, P, T0, context);
    calls.length = 0;
    const city = { ...approver('CCC'), userId: objectIdOf('CCC') };
    const decided = await decideToleration(
      stores,
      city,
      'tol-risk-joint-witness-host-r1',
      { response: 'tolerate', comment: 'Fine' },
      { channel: 'teams-card', now: () => T0 },
    );
    expect(decided.result).toBe('recorded');
    await deliverTolerationNotices(stores, messenger, P, T0, context);
    expect(calls.map((call) => [call.kind, call.to]).sort()).toEqual([
      ['update', '29:CCC'],
      ['update', '29:HDC'],
      ['update', '29:SCDC'],
    ]);
    const buttons = (call: Call | undefined) => (JSON.stringify(call?.card).match(/"verb":"tolerate"/g) ?? []).length;
    expect(buttons(calls.find((call) => call.to === '29:CCC'))).toBe(0);
    expect(buttons(calls.find((call) => call.to === '29:HDC'))).toBe(1);
  });

  it('leaves a notice it could not deliver for a delivery after its back-off, which sends it once', async () => {
    const { messenger, calls, state } = fakeMessenger();
    await requestToleration(stores, admin, { riskId: 'risk-hdc-firewalls', ...request }, () => T0);
    state.failSends = true;
    const failed = await deliverTolerationNotices(stores, messenger, P, T0, context);
    expect(failed.failed).toHaveLength(1);
    expect((await stores.riskNotices.listAll(P)).map((notice) => notice.record.deliveredAt)).toEqual([null]);
    state.failSends = false;
    // Not before its back-off: a minute after the first failure.
    expect(await deliverTolerationNotices(stores, messenger, P, T0, context)).toEqual({ delivered: [], failed: [] });
    const delivered = await deliverTolerationNotices(stores, messenger, P, new Date(T0.getTime() + 60_000), context);
    expect(delivered).toMatchObject({ delivered: [expect.any(String)], failed: [] });
    expect(calls.map((call) => [call.kind, call.to])).toEqual([['send', '29:HDC']]);
  });

  it('delivers a notice whose sender crashed after claiming it, once its lease has run out', async () => {
    const { messenger, calls } = fakeMessenger();
    await requestToleration(stores, admin, { riskId: 'risk-hdc-firewalls', ...request }, () => T0);
    const [notice] = await undeliveredNotices(stores, P, T0);
    if (!notice) throw new Error('no notice');
    expect(await claimNotice(stores, notice, T0)).not.toBeNull(); // ... and the sender dies here
    expect(await deliverTolerationNotices(stores, messenger, P, T0, context)).toEqual({ delivered: [], failed: [] });
    expect(calls).toEqual([]);
    const later = new Date(T0.getTime() + NOTICE_LEASE_MS);
    expect((await deliverTolerationNotices(stores, messenger, P, later, context)).delivered).toEqual([
      notice.record.id,
    ]);
    expect(calls.map((call) => [call.kind, call.to])).toEqual([['send', '29:HDC']]);
    expect((await stores.riskNotices.get(P, notice.record.id))?.record.deliveredAt).toBe(later.toISOString());
  });

  it('sends a reminder’s text once, though the card updates of its first attempt failed and were tried again', async () => {
    const { messenger, calls, state } = fakeMessenger();
    await requestToleration(stores, admin, { riskId: 'risk-hdc-firewalls', ...request }, () => T0);
    await deliverTolerationNotices(stores, messenger, P, T0, context);
    const round = (await stores.riskTolerations.listAll(P))[0]?.record;
    if (!round) throw new Error('no round');
    await queueNotice(
      stores,
      round,
      { kind: 'expiry-reminder', reason: 'reminder', key: 'reminder-7', daysBeforeExpiry: 7 },
      T0,
    );
    calls.length = 0;
    state.failUpdates = true;
    expect((await deliverTolerationNotices(stores, messenger, P, T0, context)).failed).toHaveLength(1);
    state.failUpdates = false;
    const later = new Date(T0.getTime() + 60_000);
    expect((await deliverTolerationNotices(stores, messenger, P, later, context)).delivered).toHaveLength(1);
    expect(calls.filter((call) => call.kind === 'text').map((call) => call.to)).toEqual(['29:HDC']);
    expect(calls.filter((call) => call.kind === 'update').map((call) => call.to)).toEqual(['29:HDC']);
  });
});
