import { beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../../shared/identity/caller';
import { decideToleration } from '../../../shared/risks/decide-toleration';
import { loadTolerationView } from '../../../shared/risks/read-tolerations';
import { requestToleration } from '../../../shared/risks/request-toleration';
import { riskVersion } from '../../../shared/risks/risk-score';
import { decisionStateFor } from '../../../shared/risks/toleration-view';
import { updateRisk } from '../../../shared/risks/update-risk';
import { type TolerationDecisionInput, tolerationRequestInput } from '../../../shared/schemas/risk-tolerations';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf } from '../../support/memory-partnership';
import {
  admin,
  approver,
  at,
  DAY,
  HDC_RISK,
  JOINT_RISK,
  snapshotOfWrites,
  staff,
  storesWithRisks,
  T0,
} from './toleration-fixtures';

const tolerate: TolerationDecisionInput = { response: 'tolerate', comment: 'Accepted by the SIRO' };
const treat: TolerationDecisionInput = { response: 'treat', comment: 'Buy a second witness host' };

describe('decideToleration', () => {
  let stores: Stores;
  const request = async (riskId: string, extra: Record<string, unknown> = {}) =>
    (await requestToleration(stores, admin, tolerationRequestInput.parse({ riskId, ...extra }), at(0))).toleration.id;
  const decide = (caller: Caller, id: string, input: TolerationDecisionInput, days = 1, etag?: string) =>
    decideToleration(stores, caller, id, input, { now: at(days), ...(etag ? { etag } : {}) });

  beforeEach(async () => {
    stores = await storesWithRisks();
  });

  it("records a council's toleration with the risk as it stood, and settles a single council's risk", async () => {
    const id = await request(HDC_RISK.id);
    const { result, toleration } = await decide(approver('HDC'), id, tolerate);
    expect(result).toBe('recorded');
    expect(toleration).toMatchObject({
      status: 'decided',
      outcome: 'tolerate',
      decidedAt: at(1)().toISOString(),
      expiresAt: new Date(T0.getTime() + 91 * DAY).toISOString(),
      pendingCouncils: [],
    });
    expect(toleration.decisions).toEqual([
      {
        partnerCode: 'HDC',
        response: 'tolerate',
        comment: 'Accepted by the SIRO',
        decidedAt: at(1)().toISOString(),
        decidedBy: {
          partnerCode: 'HDC',
          name: 'Approver 1 of HDC',
          tenantId: approver('HDC').tenantId,
          objectId: 'approver-HDC-1',
        },
        channel: 'api',
        riskSnapshot: expect.objectContaining({ category: 'Firewalls', risk: HDC_RISK.risk, level: 'Unrated' }),
      },
    ]);
    const audit = (await stores.audit.listAll('p3')).map((e) => [e.record.action, e.record.actor.objectId]);
    expect(audit.at(-1)).toEqual(['risk.toleration.decide', 'approver-HDC-1']);
    const notices = (await stores.riskNotices.listAll('p3')).map((n) => [n.record.kind, n.record.reason]);
    expect(notices).toEqual([
      ['decision-requested', 'request'],
      ['toleration-updated', 'decision'],
    ]);
  });

  it('tolerates a joint risk only once every council involved has tolerated it', async () => {
    const id = await request(JOINT_RISK.id);
    expect((await decide(approver('CCC'), id, tolerate)).toleration).toMatchObject({
      status: 'awaiting',
      pendingCouncils: ['HDC', 'SCDC'],
    });
    const second = await decide(approver('SCDC'), id, tolerate, 2);
    expect(second.toleration).toMatchObject({ status: 'awaiting', outcome: null, pendingCouncils: ['HDC'] });
    expect(second.toleration.councils.map((c) => [c.partnerCode, c.state])).toEqual([
      ['CCC', 'decided'],
      ['HDC', 'pending'],
      ['SCDC', 'decided'],
    ]);
    const last = await decide(approver('HDC'), id, tolerate, 3);
    expect(last.toleration).toMatchObject({ status: 'decided', outcome: 'tolerate', pendingCouncils: [] });
    expect(last.toleration.expiresAt).toBe(new Date(T0.getTime() + (3 + 180) * DAY).toISOString());
  });

  it('makes the outcome treat on the first treat; the councils still to decide then record nothing', async () => {
    const id = await request(JOINT_RISK.id);
    await decide(approver('CCC'), id, tolerate);
    const treated = await decide(approver('HDC'), id, treat, 2);
    expect(treated.result).toBe('recorded');
    expect(treated.toleration).toMatchObject({ status: 'decided', outcome: 'treat', expiresAt: null });
    expect(treated.toleration.councils.map((c) => c.state)).toEqual(['decided', 'decided', 'not-needed']);
    const before = await snapshotOfWrites(stores);
    const late = await decide(approver('SCDC'), id, tolerate, 3);
    expect(late.result).toBe('closed');
    expect(late.toleration.outcome).toBe('treat');
    expect(await snapshotOfWrites(stores)).toEqual(before);
  });

  it('answers a double click, a second approver of the council and a replay with the current state, recording nothing', async () => {
    const id = await request(JOINT_RISK.id);
    await decide(approver('CCC'), id, tolerate);
    const before = await snapshotOfWrites(stores);
    const again = await decide(approver('CCC'), id, tolerate);
    expect(again.result).toBe('already-decided');
    const colleague = await decide(approver('CCC', 2), id, treat);
    expect(colleague.result).toBe('already-decided');
    expect(colleague.toleration.decisions).toHaveLength(1);
    expect(colleague.toleration.decisions[0]).toMatchObject({
      response: 'tolerate',
      decidedBy: { objectId: 'approver-CCC-1' },
    });
    expect(await snapshotOfWrites(stores)).toEqual(before);
    expect(decisionStateFor(colleague.toleration, approver('CCC', 2))).toMatchObject({ kind: 'decided' });
  });

  it('records nothing from a card that showed an earlier version of the risk, and answers the current one', async () => {
    const id = await request(JOINT_RISK.id);
    const shown = riskVersion(JOINT_RISK);
    const risk = await stores.risks.get('p3', JOINT_RISK.id);
    await updateRisk(stores, admin, JOINT_RISK.id, { impact: 'High' }, risk?.etag, at(0.5));
    const before = await snapshotOfWrites(stores);
    const stale = await decide(approver('HDC'), id, { ...tolerate, riskVersion: shown });
    expect(stale.result).toBe('risk-changed');
    expect(stale.toleration).toMatchObject({
      riskChangedSinceRequest: true,
      changedFields: ['impact'],
      riskNow: { impact: 'High', score: 8, level: 'Medium' },
    });
    expect(await snapshotOfWrites(stores)).toEqual(before);
    const current = await decide(approver('HDC'), id, { ...tolerate, riskVersion: stale.toleration.riskNow?.version });
    expect(current.result).toBe('recorded');
    expect(current.toleration.decisions[0]?.riskSnapshot.impact).toBe('High');
  });

  it('marks decisions made before a change of the risk out of date: that council decides again', async () => {
    const id = await request(JOINT_RISK.id);
    await decide(approver('CCC'), id, tolerate);
    const risk = await stores.risks.get('p3', JOINT_RISK.id);
    await updateRisk(stores, admin, JOINT_RISK.id, { probability: 'Likely' }, risk?.etag, at(1.5));
    const changed = await loadTolerationView(stores, 'p3', id, at(1.5)());
    expect(changed.councils[0]).toMatchObject({ partnerCode: 'CCC', state: 'pending', outOfDate: true });
    expect(changed.pendingCouncils).toEqual(['CCC', 'HDC', 'SCDC']);
    expect(decisionStateFor(changed, approver('CCC'))).toEqual({
      kind: 'can-decide',
      partnerCode: 'CCC',
      outOfDate: true,
    });
    const notices = (await stores.riskNotices.listAll('p3')).map((n) => n.record.reason);
    expect(notices).toContain('risk-changed');

    await decide(approver('HDC'), id, tolerate, 2);
    const almost = await decide(approver('SCDC'), id, tolerate, 2);
    expect(almost.toleration).toMatchObject({ status: 'awaiting', pendingCouncils: ['CCC'] });
    const again = await decide(approver('CCC'), id, { response: 'tolerate', comment: 'Still acceptable' }, 3);
    expect(again.toleration).toMatchObject({ status: 'decided', outcome: 'tolerate' });
    expect(again.toleration.supersededDecisions.map((d) => [d.partnerCode, d.riskSnapshot.probability])).toEqual([
      ['CCC', 'Possible'],
    ]);
    expect(again.toleration.decisions.every((d) => d.riskSnapshot.probability === 'Likely')).toBe(true);
  });

  it('refuses staff, an approver of another council, a council code not matching the tenant and another partnership; nothing is recorded', async () => {
    const id = await request(HDC_RISK.id);
    await stores.partnerships.create({
      id: 'other',
      partnershipId: 'other',
      name: 'Other partnership',
      sharedServiceName: 'Other IT',
      partners: [
        { code: 'PCC', name: 'Peterborough', shortName: 'PCC', tenantId: 'other-tenant' },
        { code: 'HDC', name: 'Another HDC', shortName: 'HDC', tenantId: 'other-hdc-tenant' },
      ],
      sequence: 0,
    });
    const before = await snapshotOfWrites(stores);
    const spoofed: Caller = { ...approver('HDC'), tenantId: callerOf('CCC').tenantId };
    for (const [caller, kind] of [
      [staff('HDC'), 'forbidden'],
      [callerOf('HDC', ['staff', 'partnership-admin', 'bid-approver']), 'forbidden'],
      [approver('CCC'), 'forbidden'],
      [spoofed, 'forbidden'],
      [callerOf('PCC', ['risk-approver'], 'other'), 'not-found'],
    ] as const) {
      await expect(decide(caller, id, tolerate), `${caller.name} ${caller.partnerCode}`).rejects.toMatchObject({
        kind,
      });
    }
    expect(await snapshotOfWrites(stores)).toEqual(before);
  });

  it('refuses a response the request does not offer (400) and a stale If-Match (412)', async () => {
    const id = await request(JOINT_RISK.id);
    await expect(decide(approver('HDC'), id, { response: 'terminate', comment: '' })).rejects.toMatchObject({
      kind: 'invalid-input',
      problems: [{ path: 'body.response' }],
    });
    const read = await loadTolerationView(stores, 'p3', id);
    await decide(approver('CCC'), id, tolerate);
    await expect(decide(approver('HDC'), id, tolerate, 1, read.etag)).rejects.toMatchObject({
      kind: 'precondition-failed',
    });
    const fresh = await loadTolerationView(stores, 'p3', id);
    expect((await decide(approver('HDC'), id, tolerate, 1, fresh.etag)).result).toBe('recorded');
  });

  it('records exactly one decision per council when 50 decisions race, and nothing fails', async () => {
    const id = await request(JOINT_RISK.id);
    const councils = ['CCC', 'HDC', 'SCDC'];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => decide(approver(councils[i % 3] as string, i), id, tolerate)),
    );
    expect(results.filter((r) => r.result === 'recorded')).toHaveLength(3);
    const final = await loadTolerationView(stores, 'p3', id);
    expect(final.decisions.map((d) => d.partnerCode).sort()).toEqual(councils);
    expect(final).toMatchObject({ status: 'decided', outcome: 'tolerate' });
    const decides = (await stores.audit.listAll('p3')).filter((e) => e.record.action === 'risk.toleration.decide');
    expect(decides).toHaveLength(3);
  });

  it('tells a viewer what they may do: buttons only for an approver of a council still to decide', async () => {
    const id = await request(JOINT_RISK.id);
    const view = await loadTolerationView(stores, 'p3', id);
    expect(decisionStateFor(view, approver('SCDC'))).toEqual({
      kind: 'can-decide',
      partnerCode: 'SCDC',
      outOfDate: false,
    });
    expect(decisionStateFor(view, staff('SCDC'))).toEqual({ kind: 'not-an-approver' });
    const hdcOnly = await loadTolerationView(stores, 'p3', await request(HDC_RISK.id));
    expect(decisionStateFor(hdcOnly, approver('CCC'))).toEqual({ kind: 'other-council' });
  });
});
