import { describe, expect, it } from 'vitest';
import { assessSeats } from '../../../shared/licences/assess-seats';
import type { HrRecord } from '../../../shared/licences/find-waste';
import { accountKey, type LicensedAccount } from '../../../shared/licences/licensed-account';
import type { MatchDecisions } from '../../../shared/licences/match-people';
import { account, shortSkuPrices } from './licence-fixtures';

const prices = shortSkuPrices;
const E3_A_YEAR = 39_600;
const F3_A_YEAR = 8_040;
const NOW = new Date('2026-11-22T09:00:00Z');
const NO_DECISIONS: MatchDecisions = { confirmed: [], rejected: [] };

/**
 * Three councils: a person in CCC and HDC by employee id (CCC's E3 is spare), a person in HDC and SCDC by email
 * (SCDC's F3 is spare), a starter at HDC already licensed at SCDC, a disabled SCDC account, two same-named
 * people (a candidate only) and someone properly licensed.
 */
function partnership() {
  const cityE7 = account('CCC', { employeeId: 'E7', lastSignInDateTime: '2026-11-01T08:00:00Z' });
  const huntsE7 = account('HDC', { employeeId: 'E7', skuIds: ['e5'], lastSignInDateTime: '2026-11-21T08:00:00Z' });
  const huntsShared = account('HDC', { emails: ['pat@shared.example'], lastSignInDateTime: '2026-11-21T08:00:00Z' });
  const southShared = account('SCDC', {
    emails: ['pat@shared.example'],
    skuIds: ['f3'],
    lastSignInDateTime: '2026-11-01T08:00:00Z',
  });
  const southStarter = account('SCDC', { emails: ['new.starter@scdc.example'], skuIds: ['f3'] });
  const southDisabled = account('SCDC', { accountEnabled: false });
  const citySam = account('CCC', { displayName: 'Sam Jones' });
  const huntsSam = account('HDC', { displayName: 'Sam Jones' });
  const cityFine = account('CCC');
  const hr: HrRecord[] = [
    {
      employeeNumber: 'S1',
      name: 'New Starter',
      workEmail: 'New.Starter@scdc.example',
      partnerCode: 'HDC',
      startDate: '2026-11-30',
      leaveDate: null,
    },
  ];
  return {
    accounts: [cityE7, huntsE7, huntsShared, southShared, southStarter, southDisabled, citySam, huntsSam, cityFine],
    hr,
    citySam,
    huntsSam,
  };
}

function assess(overrides: Partial<Parameters<typeof assessSeats>[0]> = {}) {
  const { accounts, hr } = partnership();
  return assessSeats({
    accounts,
    prices,
    hr,
    decisions: NO_DECISIONS,
    exclusions: [],
    now: NOW,
    inactiveDays: 90,
    ...overrides,
  });
}

describe('assessSeats', () => {
  it('finds the waste across the tenants', () => {
    const { findings } = assess();
    expect(findings.map((f) => [f.type, f.partnerCodes])).toEqual([
      ['disabled-licensed', ['SCDC']],
      ['duplicate-seat', ['CCC', 'HDC']],
      ['duplicate-seat', ['HDC', 'SCDC']],
      ['starter-already-licensed', ['HDC', 'SCDC']],
    ]);
  });

  it('totals the findings by type, counting only the types found', () => {
    const { totals } = assess();
    expect(totals.findings).toBe(4);
    expect(totals.annualCostPence).toBe(E3_A_YEAR + E3_A_YEAR + F3_A_YEAR + F3_A_YEAR);
    expect(totals.byType).toEqual({
      'duplicate-seat': { count: 2, annualCostPence: E3_A_YEAR + F3_A_YEAR },
      'disabled-licensed': { count: 1, annualCostPence: E3_A_YEAR },
      'starter-already-licensed': { count: 1, annualCostPence: F3_A_YEAR },
    });
  });

  it('counts a finding towards every council it involves, its cost only towards the council that saves it', () => {
    const { totals } = assess();
    expect(totals.byPartner).toEqual({
      // The spare E3 of the employee-id duplicate is CCC's: HDC keeps the seat in use.
      CCC: { count: 1, annualCostPence: E3_A_YEAR },
      // HDC keeps both duplicates' seats, and is the council that need not buy the starter a seat.
      HDC: { count: 3, annualCostPence: F3_A_YEAR },
      // SCDC loses the email duplicate's F3 and the disabled account's E3; the starter's seat there stays.
      SCDC: { count: 3, annualCostPence: F3_A_YEAR + E3_A_YEAR },
    });
    const byPartnerSum = Object.values(totals.byPartner).reduce((sum, p) => sum + p.annualCostPence, 0);
    expect(byPartnerSum).toBe(totals.annualCostPence);
  });

  it('counts accounts, people matched across tenants and candidate matches', () => {
    const { totals } = assess();
    expect(totals).toMatchObject({ accounts: 9, people: 2, candidateMatches: 1 });
  });

  it('takes the administrators’ decisions: a confirmed candidate becomes a person, and its spare seat a finding', () => {
    const { accounts, hr, citySam, huntsSam } = partnership();
    const { findings, totals } = assessSeats({
      accounts,
      prices,
      hr,
      decisions: { confirmed: [[accountKey(citySam), accountKey(huntsSam)]], rejected: [] },
      exclusions: [],
      now: NOW,
      inactiveDays: 90,
    });
    expect(totals).toMatchObject({ people: 3, candidateMatches: 0, findings: 5 });
    expect(totals.byType['duplicate-seat']?.count).toBe(3);
    expect(findings.filter((f) => f.type === 'duplicate-seat').map((f) => f.partnerCodes)).toContainEqual([
      'CCC',
      'HDC',
    ]);
  });

  it('leaves out excluded accounts and their cost', () => {
    const { accounts, hr } = partnership();
    const disabled = accounts.find((a) => !a.accountEnabled) as LicensedAccount;
    const { totals } = assessSeats({
      accounts,
      prices,
      hr,
      decisions: NO_DECISIONS,
      exclusions: [
        { personOrAccountKey: accountKey(disabled), reason: 'Kept for litigation', expiresAt: '2027-01-01' },
      ],
      now: NOW,
      inactiveDays: 90,
    });
    expect(totals.byType['disabled-licensed']).toBeUndefined();
    expect(totals.findings).toBe(3);
    expect(totals.byPartner.SCDC).toEqual({ count: 2, annualCostPence: F3_A_YEAR });
  });

  it('gives zero totals and empty breakdowns when there is no waste', () => {
    const accounts = [account('CCC'), account('HDC')];
    expect(assess({ accounts, hr: [] }).totals).toEqual({
      findings: 0,
      annualCostPence: 0,
      byType: {},
      byPartner: {},
      accounts: 2,
      people: 0,
      candidateMatches: 0,
    });
  });
});
