import { beforeEach, describe, expect, it } from 'vitest';
import { decideToleration } from '../../../shared/risks/decide-toleration';
import { requestToleration } from '../../../shared/risks/request-toleration';
import { replaceTolerationSettings } from '../../../shared/risks/toleration-settings';
import { withdrawToleration } from '../../../shared/risks/withdraw-toleration';
import { tolerationRequestInput } from '../../../shared/schemas/risk-tolerations';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf } from '../../support/memory-partnership';
import {
  admin,
  approver,
  at,
  HDC_RISK,
  JOINT_RISK,
  snapshotOfWrites,
  storesWithRisks,
  T0,
} from './toleration-fixtures';

const ask = (input: Record<string, unknown>) => tolerationRequestInput.parse(input);

describe('requestToleration', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await storesWithRisks();
  });

  it("opens round 1 awaiting every council of a joint risk, with the risk as it stands and its level's review period", async () => {
    const { created, toleration } = await requestToleration(
      stores,
      admin,
      ask({ riskId: JOINT_RISK.id, note: 'Industry practice' }),
      at(0),
    );
    expect(created).toBe(true);
    expect(toleration).toMatchObject({
      id: 'tol-risk-joint-witness-host-r1',
      riskId: JOINT_RISK.id,
      round: 1,
      status: 'awaiting',
      partnerCodes: ['CCC', 'HDC', 'SCDC'],
      pendingCouncils: ['CCC', 'HDC', 'SCDC'],
      recommendedResponse: 'tolerate',
      responses: ['tolerate', 'treat'],
      note: 'Industry practice',
      reviewDays: 180,
      reviewDaysSource: 'level',
      requestedAt: T0.toISOString(),
      requestedBy: { partnerCode: 'HDC', objectId: admin.userId, tenantId: admin.tenantId },
      requestedSnapshot: { category: 'Witness Host', score: 6, level: 'Medium' },
      riskChangedSinceRequest: false,
    });
    const notices = (await stores.riskNotices.listAll('p3')).map((n) => n.record);
    expect(notices).toEqual([
      expect.objectContaining({
        kind: 'decision-requested',
        reason: 'request',
        tolerationId: toleration.id,
        partnerCodes: ['CCC', 'HDC', 'SCDC'],
        deliveredAt: null,
      }),
    ]);
    const audit = (await stores.audit.listAll('p3')).map((e) => [e.record.action, e.record.target.id]);
    expect(audit).toEqual([['risk.toleration.request', toleration.id]]);
  });

  it('uses the High period for an unrated risk, the period asked for, and the partnership settings', async () => {
    const unrated = await requestToleration(stores, admin, ask({ riskId: HDC_RISK.id }), at(0));
    expect(unrated.toleration).toMatchObject({ reviewDays: 90, reviewDaysSource: 'level' });

    const asked = await requestToleration(stores, admin, ask({ riskId: JOINT_RISK.id, reviewDays: 30 }), at(0));
    expect(asked.toleration).toMatchObject({ reviewDays: 30, reviewDaysSource: 'request' });
    await withdrawToleration(stores, admin, asked.toleration.id, undefined, at(0));

    await replaceTolerationSettings(
      stores,
      admin,
      { reviewDays: { High: 60, Medium: 120, Low: 365, Unrated: 45 } },
      undefined,
    );
    const configured = await requestToleration(stores, admin, ask({ riskId: JOINT_RISK.id }), at(1));
    expect(configured.toleration).toMatchObject({ round: 2, reviewDays: 120, reviewDaysSource: 'level' });
  });

  it('answers the round awaiting decisions when asked again with the same terms, and records nothing', async () => {
    const first = await requestToleration(stores, admin, ask({ riskId: JOINT_RISK.id, reviewDays: 60 }), at(0));
    const before = await snapshotOfWrites(stores);
    const again = await requestToleration(stores, admin, ask({ riskId: JOINT_RISK.id, reviewDays: 60 }), at(0.01));
    expect(again.created).toBe(false);
    expect(again.toleration.id).toBe(first.toleration.id);
    expect(again.toleration.etag).toBe(first.toleration.etag);
    expect(await snapshotOfWrites(stores)).toEqual(before);
  });

  it('opens one round when two identical requests race', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => requestToleration(stores, admin, ask({ riskId: JOINT_RISK.id }), at(0))),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.toleration.id)).size).toBe(1);
    expect(await stores.riskTolerations.listAll('p3')).toHaveLength(1);
    expect(await stores.riskNotices.listAll('p3')).toHaveLength(1);
  });

  it('refuses other terms while a round awaits decisions (409), naming it; after withdrawal it opens round 2', async () => {
    const first = await requestToleration(stores, admin, ask({ riskId: JOINT_RISK.id }), at(0));
    const before = await snapshotOfWrites(stores);
    await expect(
      requestToleration(
        stores,
        admin,
        ask({ riskId: JOINT_RISK.id, responses: ['tolerate', 'treat', 'transfer'] }),
        at(1),
      ),
    ).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining(first.toleration.id) });
    expect(await snapshotOfWrites(stores)).toEqual(before);

    const withdrawn = await withdrawToleration(stores, admin, first.toleration.id, undefined, at(1));
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawnBy: { objectId: admin.userId } });
    const second = await requestToleration(
      stores,
      admin,
      ask({ riskId: JOINT_RISK.id, responses: ['tolerate', 'treat', 'transfer'], recommendedResponse: 'transfer' }),
      at(1),
    );
    await decideToleration(
      stores,
      approver('CCC'),
      second.toleration.id,
      { response: 'treat', comment: '' },
      { now: at(2) },
    );
    await expect(withdrawToleration(stores, admin, second.toleration.id, undefined, at(3))).rejects.toMatchObject({
      kind: 'conflict',
    });
    expect(await withdrawToleration(stores, admin, first.toleration.id, undefined, at(3))).toMatchObject({
      status: 'withdrawn',
      withdrawnAt: at(1)().toISOString(),
    });
    expect(second.toleration).toMatchObject({
      id: 'tol-risk-joint-witness-host-r2',
      round: 2,
      recommendedResponse: 'transfer',
    });
  });

  it('is for partnership administrators of the partnership only, and a refusal records nothing', async () => {
    const before = await snapshotOfWrites(stores);
    await expect(requestToleration(stores, approver('HDC'), ask({ riskId: HDC_RISK.id }), at(0))).rejects.toMatchObject(
      { kind: 'forbidden' },
    );
    const outsider = callerOf('PCC', ['partnership-admin'], 'other');
    await expect(requestToleration(stores, outsider, ask({ riskId: HDC_RISK.id }), at(0))).rejects.toMatchObject({
      kind: 'not-found',
    });
    await expect(requestToleration(stores, admin, ask({ riskId: 'risk-nope' }), at(0))).rejects.toMatchObject({
      kind: 'not-found',
    });
    expect(await snapshotOfWrites(stores)).toEqual(before);
  });

  it('checks the terms: tolerate and treat always offered, the recommendation among them', () => {
    expect(tolerationRequestInput.safeParse({ riskId: 'r', responses: ['tolerate'] }).success).toBe(false);
    expect(tolerationRequestInput.safeParse({ riskId: 'r', responses: ['tolerate', 'treat', 'treat'] }).success).toBe(
      false,
    );
    expect(tolerationRequestInput.safeParse({ riskId: 'r', recommendedResponse: 'terminate' }).success).toBe(false);
    expect(tolerationRequestInput.safeParse({ riskId: 'r', reviewDays: 0 }).success).toBe(false);
    expect(tolerationRequestInput.safeParse({ riskId: 'r', partnerCodes: ['CCC'] }).success).toBe(false);
  });
});
