import { beforeEach, describe, expect, it } from 'vitest';
import { decideToleration } from '../../../shared/risks/decide-toleration';
import { loadTolerationView } from '../../../shared/risks/read-tolerations';
import { requestToleration } from '../../../shared/risks/request-toleration';
import { reviewTolerations } from '../../../shared/risks/review-tolerations';
import { getRiskRegister } from '../../../shared/risks/risk-register';
import { withdrawToleration } from '../../../shared/risks/withdraw-toleration';
import { tolerationRequestInput } from '../../../shared/schemas/risk-tolerations';
import type { Stores } from '../../../shared/stores/stores';
import {
  admin,
  approver,
  at,
  HDC_RISK,
  JOINT_RISK,
  snapshotOfWrites,
  staff,
  storesWithRisks,
} from './toleration-fixtures';

describe('reviewTolerations (the daily review)', () => {
  let stores: Stores;
  const day = (days: number) => at(days)();
  const review = (days: number) => reviewTolerations(stores, 'p3', day(days));
  const reminders = async () =>
    (await stores.riskNotices.listAll('p3'))
      .filter((n) => n.record.kind === 'expiry-reminder')
      .map((n) => [n.record.tolerationId, n.record.daysBeforeExpiry]);

  /** HDC's risk, tolerated on day 0 for `reviewDays` (90 by default: it is unrated). */
  const tolerated = async (extra: Record<string, unknown> = {}) => {
    const { toleration } = await requestToleration(
      stores,
      admin,
      tolerationRequestInput.parse({ riskId: HDC_RISK.id, note: 'Review yearly', ...extra }),
      at(0),
    );
    await decideToleration(
      stores,
      approver('HDC'),
      toleration.id,
      { response: 'tolerate', comment: '' },
      { now: at(0) },
    );
    return toleration.id;
  };

  beforeEach(async () => {
    stores = await storesWithRisks();
  });

  it('reminds 30, 7 and 1 days before expiry, once each, whatever the number of runs', async () => {
    const id = await tolerated();
    expect(await review(59)).toMatchObject({ reminded: [], expired: [] });
    expect((await review(60)).reminded).toEqual([{ tolerationId: id, daysBeforeExpiry: 30 }]);
    const before = await snapshotOfWrites(stores);
    expect((await review(60.5)).reminded).toEqual([]);
    await Promise.all([review(61), review(61)]);
    expect(await snapshotOfWrites(stores)).toEqual(before);
    expect((await review(83)).reminded).toEqual([{ tolerationId: id, daysBeforeExpiry: 7 }]);
    expect((await review(89)).reminded).toEqual([{ tolerationId: id, daysBeforeExpiry: 1 }]);
    expect(await reminders()).toEqual([
      [id, 30],
      [id, 7],
      [id, 1],
    ]);
    const reminder = (await stores.riskNotices.listAll('p3')).find((n) => n.record.kind === 'expiry-reminder');
    expect(reminder?.record).toMatchObject({ partnerCodes: ['HDC'], reason: 'reminder', deliveredAt: null });
    expect((await loadTolerationView(stores, 'p3', id, day(89))).remindersSent).toEqual([30, 7, 1]);
  });

  it('sends only the nearest reminder when the review comes late, and none that would come with the decision', async () => {
    const id = await tolerated();
    expect((await review(85)).reminded).toEqual([{ tolerationId: id, daysBeforeExpiry: 7 }]);
    expect(await reminders()).toEqual([[id, 7]]);
    expect((await loadTolerationView(stores, 'p3', id)).remindersSent).toEqual([30, 7]);

    stores = await storesWithRisks();
    const short = await tolerated({ reviewDays: 20 });
    expect((await review(1)).reminded).toEqual([]);
    expect((await review(13)).reminded).toEqual([{ tolerationId: short, daysBeforeExpiry: 7 }]);
  });

  it('on expiry marks the toleration expired and asks the councils again: the risk awaits a decision', async () => {
    const id = await tolerated({ reviewDays: 45, responses: ['tolerate', 'treat', 'terminate'] });
    const outcome = await review(45);
    expect(outcome.expired).toEqual([{ tolerationId: id, nextTolerationId: 'tol-risk-hdc-firewalls-r2' }]);
    const old = await loadTolerationView(stores, 'p3', id, day(45));
    expect(old).toMatchObject({ status: 'expired', outcome: 'tolerate', expiredAt: day(45).toISOString() });
    const next = await loadTolerationView(stores, 'p3', 'tol-risk-hdc-firewalls-r2', day(45));
    expect(next).toMatchObject({
      round: 2,
      status: 'awaiting',
      reason: 'review',
      previousTolerationId: id,
      requestedBy: null,
      note: 'Review yearly',
      responses: ['tolerate', 'treat', 'terminate'],
      reviewDays: 45,
      reviewDaysSource: 'request',
      pendingCouncils: ['HDC'],
    });
    const notices = (await stores.riskNotices.listAll('p3')).map((n) => [
      n.record.tolerationId,
      n.record.kind,
      n.record.reason,
    ]);
    expect(notices.slice(-2).sort()).toEqual([
      [id, 'toleration-updated', 'expired'],
      ['tol-risk-hdc-firewalls-r2', 'decision-requested', 'review'],
    ]);
    const register = await getRiskRegister(stores, staff('HDC'), { council: 'HDC' }, () => day(45));
    expect(register.risks.find((r) => r.id === HDC_RISK.id)?.toleration).toMatchObject({
      status: 'awaiting-decision',
      tolerationId: 'tol-risk-hdc-firewalls-r2',
      pendingCouncils: ['HDC'],
    });
    const audit = (await stores.audit.listAll('p3')).map((e) => [e.record.action, e.record.actor.name]);
    expect(audit).toContainEqual(['risk.toleration.re-request', 'Daily toleration review']);
    expect(audit).toContainEqual(['risk.toleration.expire', 'Daily toleration review']);

    const before = await snapshotOfWrites(stores);
    await Promise.all([review(46), review(46)]);
    expect(await snapshotOfWrites(stores)).toEqual(before);
  });

  it('re-requests two rounds racing into one, and a level-default period follows the level at the time', async () => {
    const { toleration } = await requestToleration(
      stores,
      admin,
      tolerationRequestInput.parse({ riskId: JOINT_RISK.id }),
      at(0),
    );
    for (const code of ['CCC', 'HDC', 'SCDC']) {
      await decideToleration(
        stores,
        approver(code),
        toleration.id,
        { response: 'tolerate', comment: '' },
        { now: at(0) },
      );
    }
    const results = await Promise.all([review(180), review(180), review(180)]);
    expect(results.flatMap((r) => r.failed)).toEqual([]);
    const rounds = (await stores.riskTolerations.listAll('p3')).map((r) => [r.record.round, r.record.status]);
    expect(rounds).toEqual([
      [1, 'expired'],
      [2, 'awaiting'],
    ]);
    const requested = (await stores.riskNotices.listAll('p3')).filter((n) => n.record.kind === 'decision-requested');
    expect(requested).toHaveLength(2);
    expect((await loadTolerationView(stores, 'p3', 'tol-risk-joint-witness-host-r2')).reviewDaysSource).toBe('level');
  });

  it('lets a later round an administrator asked for take over; a withdrawn one does not', async () => {
    const id = await tolerated();
    const early = await requestToleration(stores, admin, tolerationRequestInput.parse({ riskId: HDC_RISK.id }), at(10));
    expect((await review(60)).reminded).toEqual([]);
    expect((await review(90)).expired).toEqual([{ tolerationId: id, nextTolerationId: null }]);
    expect((await stores.riskTolerations.listAll('p3')).map((r) => r.record.round)).toEqual([1, 2]);

    stores = await storesWithRisks();
    const again = await tolerated();
    const withdrawn = await requestToleration(
      stores,
      admin,
      tolerationRequestInput.parse({ riskId: HDC_RISK.id }),
      at(10),
    );
    await withdrawToleration(stores, admin, withdrawn.toleration.id, undefined, at(11));
    expect((await review(60)).reminded).toEqual([{ tolerationId: again, daysBeforeExpiry: 30 }]);
    expect((await review(90)).expired).toEqual([
      { tolerationId: again, nextTolerationId: 'tol-risk-hdc-firewalls-r3' },
    ]);
    expect(early.toleration.id).toBe('tol-risk-hdc-firewalls-r2');
  });

  it('leaves alone what is not a standing toleration: awaiting, treated and withdrawn rounds', async () => {
    const { toleration } = await requestToleration(
      stores,
      admin,
      tolerationRequestInput.parse({ riskId: JOINT_RISK.id }),
      at(0),
    );
    await decideToleration(stores, approver('CCC'), toleration.id, { response: 'treat', comment: '' }, { now: at(0) });
    await requestToleration(stores, admin, tolerationRequestInput.parse({ riskId: HDC_RISK.id }), at(0));
    const before = await snapshotOfWrites(stores);
    expect(await review(400)).toEqual({ reminded: [], expired: [], failed: [] });
    expect(await snapshotOfWrites(stores)).toEqual(before);
  });
});
