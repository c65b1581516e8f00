import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plantedCases } from '../../../../local/tenants/graph/planted-cases';
import { Population } from '../../../../local/tenants/graph/population';
import { findWaste, type HrRecord } from '../../../../shared/licences/find-waste';
import { toLicensedAccount } from '../../../../shared/licences/graph-user';
import type { LicensedAccount } from '../../../../shared/licences/licensed-account';
import { matchPeople } from '../../../../shared/licences/match-people';
import { licencePriceList } from '../../../../shared/schemas/licences';

const root = join(__dirname, '..', '..', '..', '..');
const prices = licencePriceList.parse(
  JSON.parse(readFileSync(join(root, 'local/demo-data/licences/prices.json'), 'utf8')),
);
const NOW = new Date('2026-11-22T09:00:00Z');
const CODES = ['CCC', 'HDC', 'SCDC'] as const;
const tenants = CODES.map((partnerCode, i) => ({
  tenantId: `3c1c000${i + 1}-0000-4000-8000-00000000000${i + 1}`,
  partnerCode,
  domain: `${partnerCode.toLowerCase()}.example`,
  size: 300,
}));
const E3_YEAR = 3080 * 12;

/** Runs the reconciler's pure steps over the whole demo population, as a run will after reading Graph. */
function reconcile(population: Population, hr: HrRecord[]) {
  const accounts: LicensedAccount[] = [];
  population.tenants.forEach((tenant, index) => {
    for (let i = 0; i < population.size(index); i++) {
      const user = population.userAt(index, i);
      const account = toLicensedAccount(user, tenant);
      if (account) accounts.push({ ...account, lastSignInDateTime: user.signInActivity.lastSuccessfulSignInDateTime });
    }
  });
  const people = matchPeople(accounts, { confirmed: [], rejected: [] });
  return { people, findings: findWaste({ accounts, people, prices, hr, exclusions: [], now: NOW, inactiveDays: 90 }) };
}

describe('the demo population and its planted cases', () => {
  const cases = plantedCases(NOW, CODES);
  const population = new Population(tenants, cases, NOW);
  const hr: HrRecord[] = cases.flatMap((c) =>
    (c.hr ?? []).map(({ tenant, ...row }) => ({ ...row, partnerCode: CODES[tenant] as string })),
  );

  it('is deterministic: the same seed gives the same users', () => {
    const again = new Population(tenants, cases, NOW);
    for (const i of [0, 5, 150, 299]) expect(again.userAt(1, i)).toEqual(population.userAt(1, i));
    expect(new Set(Array.from({ length: population.size(0) }, (_, i) => population.userAt(0, i).id)).size).toBe(
      population.size(0),
    );
  });

  it('yields every planted finding, with its councils and cost, and nothing else', () => {
    const { findings } = reconcile(population, hr);
    const expected = cases.flatMap((c) => (c.expected ? [c.expected] : []));
    const summary = (f: { type: string; partnerCodes: string[] }) =>
      `${f.type} ${[...f.partnerCodes].sort().join('/')}`;
    expect(findings.map(summary).sort()).toEqual(expected.map(summary).sort());

    const cost = (type: string, councils: string) =>
      findings.find((f) => summary(f) === `${type} ${councils}`)?.annualCostPence;
    expect(cost('duplicate-seat', 'CCC/HDC')).toBe(E3_YEAR);
    expect(cost('duplicate-seat', 'CCC/HDC/SCDC')).toBe(2 * E3_YEAR);
    expect(cost('leaver-licensed', 'SCDC')).toBe(E3_YEAR);
    expect(cost('overlapping-skus', 'SCDC')).toBe(E3_YEAR);
  });

  it('offers the same-name pair for a person to confirm, without reporting it', () => {
    const { people } = reconcile(population, hr);
    const candidates = people.filter((p) => p.confidence === 'candidate');
    expect(candidates.map((p) => p.accounts.map((a) => a.displayName).join(' & '))).toEqual(['Sam Jones & Sam Jones']);
  });
});
