import { describe, expect, it } from 'vitest';
import { findWaste, type WasteInput } from '../../../shared/licences/find-waste';
import type { LicensedAccount } from '../../../shared/licences/licensed-account';
import { matchPeople } from '../../../shared/licences/match-people';
import type { PriceList } from '../../../shared/licences/price-list';
import { account, shortSkuPrices } from './licence-fixtures';

const prices: PriceList = {
  ...shortSkuPrices,
  skus: [
    ...shortSkuPrices.skus,
    { skuId: 'free', skuPartNumber: 'FLOW_FREE', name: 'Power Automate Free', monthlyPence: 0, paid: false },
  ],
};
const NOW = new Date('2026-11-22T09:00:00Z');

function run(accounts: LicensedAccount[], overrides: Partial<WasteInput> = {}) {
  return findWaste({
    accounts,
    people: matchPeople(accounts, { confirmed: [], rejected: [] }),
    prices,
    hr: [],
    exclusions: [],
    now: NOW,
    inactiveDays: 90,
    ...overrides,
  });
}

describe('findWaste', () => {
  it('finds nothing in properly licensed, unlicensed and free-only accounts', () => {
    expect(run([account('CCC'), account('HDC', { skuIds: [] }), account('SCDC', { skuIds: ['free'] })])).toEqual([]);
  });

  it('counts the spare seat of a person licensed in two councils, keeping the one in use', () => {
    const city = account('CCC', { employeeId: 'E7', lastSignInDateTime: '2026-11-01T08:00:00Z' });
    const hunts = account('HDC', { employeeId: 'E7', skuIds: ['e5'], lastSignInDateTime: '2026-11-21T08:00:00Z' });
    const [finding, ...rest] = run([city, hunts]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      type: 'duplicate-seat',
      partnerCodes: ['CCC', 'HDC'],
      skuPartNumbers: ['SPE_E3'],
      annualCostPence: 39_600,
      confidence: 'high',
    });
    expect(finding?.recommendedAction).toMatch(/Keep the seat in HDC/);
  });

  it('reports a leaver (by leave date or by the HR feed), a disabled account and an inactive one once each', () => {
    const leaver = account('CCC', { employeeLeaveDateTime: '2026-10-31T17:00:00Z', employeeId: 'L1' });
    const hrLeaver = account('HDC', { employeeId: 'H9', accountEnabled: false });
    const disabled = account('SCDC', { accountEnabled: false });
    const inactive = account('HDC', { lastSignInDateTime: '2026-06-01T08:00:00Z' });
    const never = account('HDC', { lastSignInDateTime: null });
    const unknown = account('HDC', { lastSignInDateTime: undefined });
    const findings = run([leaver, hrLeaver, disabled, inactive, never, unknown], {
      hr: [
        {
          employeeNumber: 'H9',
          name: 'H',
          workEmail: 'h@hdc.example',
          partnerCode: 'HDC',
          startDate: null,
          leaveDate: '2026-09-30',
        },
      ],
    });
    expect(findings.map((f) => [f.type, f.accounts[0]?.id])).toEqual([
      ['leaver-licensed', leaver.id],
      ['leaver-licensed', hrLeaver.id],
      ['disabled-licensed', disabled.id],
      ['inactive-licensed', inactive.id],
      ['inactive-licensed', never.id],
    ]);
    expect(findings.every((f) => f.annualCostPence === 39_600)).toBe(true);
  });

  it('does not count a leaver again as a duplicate seat', () => {
    const city = account('CCC', { employeeId: 'E8' });
    const hunts = account('HDC', { employeeId: 'E8', accountEnabled: false });
    expect(run([city, hunts]).map((f) => f.type)).toEqual(['disabled-licensed']);
  });

  it('finds overlapping products on one account and costs the included one', () => {
    const [finding] = run([account('CCC', { skuIds: ['e3', 'e5', 'f3'] })]);
    expect(finding).toMatchObject({ type: 'overlapping-skus', skuPartNumbers: ['SPE_E3'], annualCostPence: 39_600 });
  });

  it('warns about a starter who already holds a seat at another council', () => {
    const elsewhere = account('CCC', { emails: ['new.starter@shared.example'] });
    const [finding] = run([elsewhere], {
      hr: [
        {
          employeeNumber: 'S1',
          name: 'New Starter',
          workEmail: 'New.Starter@shared.example',
          partnerCode: 'HDC',
          startDate: '2026-12-01',
          leaveDate: null,
        },
      ],
    });
    expect(finding).toMatchObject({
      type: 'starter-already-licensed',
      partnerCodes: ['CCC', 'HDC'],
      confidence: 'medium',
    });
  });

  it('leaves out people with a live exclusion, and brings them back when it expires', () => {
    const city = account('CCC', { employeeId: 'X1' });
    const hunts = account('HDC', { employeeId: 'X1' });
    const personId = matchPeople([city, hunts], { confirmed: [], rejected: [] })[0]?.id as string;
    const exclusion = (expiresAt: string) => [{ personOrAccountKey: personId, reason: 'Works for both', expiresAt }];
    expect(run([city, hunts], { exclusions: exclusion('2027-03-31T00:00:00Z') })).toEqual([]);
    expect(run([city, hunts], { exclusions: exclusion('2026-11-01T00:00:00Z') }).map((f) => f.type)).toEqual([
      'duplicate-seat',
    ]);
  });

  it('does not report a name-only candidate as waste', () => {
    expect(run([account('CCC', { displayName: 'Sam Jones' }), account('HDC', { displayName: 'Sam Jones' })])).toEqual(
      [],
    );
  });
});
