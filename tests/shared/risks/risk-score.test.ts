import { describe, expect, it } from 'vitest';
import { changedFields, levelOfScore, riskScore, riskVersion, snapshotOf } from '../../../shared/risks/risk-score';
import { HDC_RISK, JOINT_RISK } from './toleration-fixtures';

describe('risk score, level and version', () => {
  it('multiplies probability (1-4) by impact (1-4) in the order the register prints them', () => {
    expect(riskScore({ probability: 'Unlikely', impact: 'Low' })).toBe(1);
    expect(riskScore({ probability: 'Possible', impact: 'Medium' })).toBe(6);
    expect(riskScore({ probability: 'Probable', impact: 'Low/Medium' })).toBe(6);
    expect(riskScore({ probability: 'Likely', impact: 'High' })).toBe(16);
    expect(riskScore({ probability: 'Likely', impact: null })).toBeNull();
    expect(riskScore({ probability: null, impact: 'High' })).toBeNull();
  });

  it('bands scores into levels: 1-3 Low, 4-8 Medium, 9-16 High; no score is Unrated', () => {
    expect([1, 3, 4, 8, 9, 16].map(levelOfScore)).toEqual(['Low', 'Low', 'Medium', 'Medium', 'High', 'High']);
    expect(levelOfScore(null)).toBe('Unrated');
    expect(snapshotOf(JOINT_RISK)).toMatchObject({ score: 6, level: 'Medium' });
    expect(snapshotOf(HDC_RISK)).toMatchObject({ score: null, level: 'Unrated' });
  });

  it('gives a new version for any change of text or rating, and the same version for the same content', () => {
    const base = riskVersion(JOINT_RISK);
    expect(riskVersion({ ...JOINT_RISK })).toBe(base);
    for (const change of [
      { risk: `${JOINT_RISK.risk} ` },
      { mitigation: 'None' },
      { recommendation: 'Treat' },
      { category: 'Witness' },
      { probability: 'Likely' as const },
      { impact: null },
    ]) {
      expect(riskVersion({ ...JOINT_RISK, ...change }), JSON.stringify(change)).not.toBe(base);
    }
  });

  it('names the fields that changed between two snapshots', () => {
    const before = snapshotOf(JOINT_RISK);
    const after = snapshotOf({ ...JOINT_RISK, impact: 'High', mitigation: 'A second witness host' });
    expect(changedFields(before, after)).toEqual(['mitigation', 'impact']);
    expect(changedFields(before, snapshotOf(JOINT_RISK))).toEqual([]);
  });
});
