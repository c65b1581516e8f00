import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_DELIVERY_ATTEMPTS } from '../../../shared/bot/delivery-retry';
import { requestToleration } from '../../../shared/risks/request-toleration';
import {
  claimNotice,
  markNoticeDelivered,
  NOTICE_LEASE_MS,
  releaseNotice,
  undeliveredNotices,
} from '../../../shared/risks/toleration-notices';
import { updateRisk } from '../../../shared/risks/update-risk';
import { tolerationRequestInput } from '../../../shared/schemas/risk-tolerations';
import type { Stores } from '../../../shared/stores/stores';
import { admin, at, HDC_RISK, JOINT_RISK, storesWithRisks } from './toleration-fixtures';

describe('the notices outbox', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await storesWithRisks();
  });

  it('hands the bot what is undelivered, oldest first, and lets one sender claim each notice', async () => {
    await requestToleration(stores, admin, tolerationRequestInput.parse({ riskId: JOINT_RISK.id }), at(0));
    await requestToleration(stores, admin, tolerationRequestInput.parse({ riskId: HDC_RISK.id }), at(1));
    const pending = await undeliveredNotices(stores, 'p3', at(2)());
    expect(pending.map((n) => n.record.riskId)).toEqual([JOINT_RISK.id, HDC_RISK.id]);
    const [first] = pending;
    if (!first) throw new Error('no notice');
    const claimed = await claimNotice(stores, first, at(2)());
    expect(claimed).not.toBeNull();
    expect(await claimNotice(stores, first, at(2)())).toBeNull();
    expect((await undeliveredNotices(stores, 'p3', at(2)())).map((n) => n.record.riskId)).toEqual([HDC_RISK.id]);
    if (claimed) await markNoticeDelivered(stores, claimed, at(3)());
    const stored = await stores.riskNotices.get('p3', first.record.id);
    expect(stored?.record).toMatchObject({ deliveredAt: at(3)().toISOString(), claimedUntil: null });
  });

  it('lets a later sender take over a notice whose sender died holding it, once the lease ran out', async () => {
    await requestToleration(stores, admin, tolerationRequestInput.parse({ riskId: HDC_RISK.id }), at(0));
    const [notice] = await undeliveredNotices(stores, 'p3', at(0)());
    if (!notice) throw new Error('no notice');
    expect(await claimNotice(stores, notice, at(0)())).not.toBeNull();
    const justBefore = new Date(at(0)().getTime() + NOTICE_LEASE_MS - 1);
    expect(await undeliveredNotices(stores, 'p3', justBefore)).toEqual([]);
    const after = new Date(at(0)().getTime() + NOTICE_LEASE_MS);
    expect((await undeliveredNotices(stores, 'p3', after)).map((n) => n.record.id)).toEqual([notice.record.id]);
  });

  it('waits out a growing back-off after each failed delivery, and gives up after the last attempt', async () => {
    await requestToleration(stores, admin, tolerationRequestInput.parse({ riskId: HDC_RISK.id }), at(0));
    let now = at(0)();
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      const [notice] = await undeliveredNotices(stores, 'p3', now);
      if (!notice) throw new Error(`no notice to try at attempt ${attempt}`);
      const claimed = await claimNotice(stores, notice, now);
      expect(claimed?.record.attempts).toBe(attempt);
      if (!claimed) return;
      await releaseNotice(stores, claimed, now);
      const backOff = Date.parse((await stores.riskNotices.get('p3', notice.record.id))?.record.claimedUntil ?? '');
      expect(backOff - now.getTime()).toBe(Math.min(60_000 * 2 ** (attempt - 1), 6 * 3_600_000));
      expect(await undeliveredNotices(stores, 'p3', new Date(backOff - 1))).toEqual([]);
      now = new Date(backOff);
    }
    expect(await undeliveredNotices(stores, 'p3', new Date(now.getTime() + 86_400_000))).toEqual([]);
  });

  it('tells the bot to update the cards when the text or rating of a risk under decision changes, and only then', async () => {
    await requestToleration(stores, admin, tolerationRequestInput.parse({ riskId: JOINT_RISK.id }), at(0));
    const changes = async () =>
      (await stores.riskNotices.listAll('p3')).filter((n) => n.record.reason === 'risk-changed').length;
    let risk = await stores.risks.get('p3', JOINT_RISK.id);
    risk = await updateRisk(stores, admin, JOINT_RISK.id, { category: JOINT_RISK.category }, risk?.etag);
    expect(await changes()).toBe(0);
    await updateRisk(stores, admin, JOINT_RISK.id, { probability: 'Likely' }, risk.etag);
    expect(await changes()).toBe(1);
    let other = await stores.risks.get('p3', HDC_RISK.id);
    other = await updateRisk(stores, admin, HDC_RISK.id, { impact: 'High' }, other?.etag);
    expect(await changes()).toBe(1);
  });
});
