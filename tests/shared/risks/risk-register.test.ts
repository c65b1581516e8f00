import { beforeEach, describe, expect, it } from 'vitest';
import { decideToleration } from '../../../shared/risks/decide-toleration';
import { requestToleration } from '../../../shared/risks/request-toleration';
import { getRiskRegister } from '../../../shared/risks/risk-register';
import { tolerationRequestInput } from '../../../shared/schemas/risk-tolerations';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf } from '../../support/memory-partnership';
import { admin, approver, at, DAY, HDC_RISK, JOINT_RISK, staff, storesWithRisks, T0 } from './toleration-fixtures';

describe('getRiskRegister', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await storesWithRisks();
  });

  it("lists a council's risks, joint ones included, with score, level and where each toleration stands", async () => {
    const { toleration } = await requestToleration(
      stores,
      admin,
      tolerationRequestInput.parse({ riskId: HDC_RISK.id }),
      at(0),
    );
    await decideToleration(
      stores,
      approver('HDC'),
      toleration.id,
      { response: 'tolerate', comment: '' },
      { now: at(1) },
    );
    await requestToleration(stores, admin, tolerationRequestInput.parse({ riskId: JOINT_RISK.id }), at(2));

    const hdc = await getRiskRegister(stores, staff('HDC'), { council: 'HDC' }, at(3));
    expect(hdc.council).toBe('HDC');
    expect(hdc.risks.map((r) => [r.id, r.score, r.level, r.toleration.status])).toEqual([
      [JOINT_RISK.id, 6, 'Medium', 'awaiting-decision'],
      [HDC_RISK.id, null, 'Unrated', 'tolerated'],
    ]);
    expect(hdc.risks[1]?.toleration.expiresAt).toBe(new Date(T0.getTime() + 91 * DAY).toISOString());
    expect(hdc.risks[0]?.toleration.pendingCouncils).toEqual(['CCC', 'HDC', 'SCDC']);
    expect(hdc.counts).toMatchObject({ 'awaiting-decision': 1, tolerated: 1, 'not-requested': 0 });
    expect(hdc.unratedRiskIds).toEqual([HDC_RISK.id]);

    const city = await getRiskRegister(stores, staff('CCC'), { council: 'CCC' }, at(3));
    expect(city.risks.map((r) => r.id)).toEqual([JOINT_RISK.id]);
    const all = await getRiskRegister(stores, staff('SCDC'), {}, at(3));
    expect(all.risks).toHaveLength(2);

    const past = await getRiskRegister(stores, staff('HDC'), { council: 'HDC' }, at(92));
    expect(past.risks[1]?.toleration.status).toBe('expired');
  });

  it('places rated risks on the 4x4 score matrix, likely and high first', async () => {
    const register = await getRiskRegister(stores, staff('HDC'), {}, at(0));
    expect(register.matrix.probabilities).toEqual(['Likely', 'Probable', 'Possible', 'Unlikely']);
    expect(register.matrix.impacts).toEqual(['High', 'Medium', 'Low/Medium', 'Low']);
    expect(register.matrix.cells).toHaveLength(16);
    expect(register.matrix.cells[0]).toMatchObject({ probability: 'Likely', impact: 'High', score: 16, level: 'High' });
    expect(register.matrix.cells.at(-1)).toMatchObject({
      probability: 'Unlikely',
      impact: 'Low',
      score: 1,
      level: 'Low',
    });
    const placed = register.matrix.cells.filter((cell) => cell.riskIds.length > 0);
    expect(placed).toEqual([
      { probability: 'Possible', impact: 'Medium', score: 6, level: 'Medium', riskIds: [JOINT_RISK.id] },
    ]);
  });

  it('refuses a council that is not a partner (400) and shows another partnership nothing', async () => {
    await expect(getRiskRegister(stores, staff('HDC'), { council: 'PCC' })).rejects.toMatchObject({
      kind: 'invalid-input',
      problems: [{ path: 'query.council' }],
    });
    await expect(getRiskRegister(stores, callerOf('PCC', ['staff'], 'other'), {})).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
  });
});
