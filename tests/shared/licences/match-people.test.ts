import { describe, expect, it } from 'vitest';
import {
  accountKey,
  type LicensedAccount,
  normalisedEmails,
  normalisedName,
} from '../../../shared/licences/licensed-account';
import { matchPeople } from '../../../shared/licences/match-people';

const CITY = 'tenant-city';
const HUNTS = 'tenant-hunts';
const SCAMBS = 'tenant-scambs';

let next = 0;
function account(tenantId: string, overrides: Partial<LicensedAccount> = {}): LicensedAccount {
  next += 1;
  return {
    tenantId,
    partnerCode: tenantId.slice(7).toUpperCase(),
    id: `u${next}`,
    displayName: `Person ${next}`,
    givenName: null,
    surname: null,
    userPrincipalName: `p${next}@${tenantId}.example`,
    emails: [`p${next}@${tenantId}.example`],
    employeeId: null,
    onPremisesImmutableId: null,
    accountEnabled: true,
    skuIds: ['e3'],
    employeeLeaveDateTime: null,
    ...overrides,
  };
}

const none = { confirmed: [], rejected: [] };

describe('normalising what accounts are compared on', () => {
  it('reads smtp proxy addresses, any case, ignoring other address types', () => {
    expect(
      normalisedEmails('Jo.Baker@Hunts.example', ['SMTP:jo.baker@hunts.example', 'smtp:JB@city.example', 'x500:/o=x']),
    ).toEqual(['jo.baker@hunts.example', 'jb@city.example']);
  });

  it('ignores case, accents, punctuation and word order in names, and refuses single words', () => {
    const name = (displayName: string) => normalisedName({ displayName, givenName: null, surname: null });
    expect(name('Zoë  O’Brien')).toBe(name('obrien zoe'));
    expect(name('Baker, Jo-Anne')).toBe(name('Jo Anne Baker'));
    expect(name('Reception')).toBeNull();
  });
});

describe('matchPeople', () => {
  it('matches one person across tenants by employee id, with high confidence and the reason', () => {
    const a = account(CITY, { employeeId: 'E1234' });
    const b = account(HUNTS, { employeeId: ' e1234 ' });
    const [person, ...rest] = matchPeople([a, b, account(SCAMBS)], none);
    expect(rest).toEqual([]);
    expect(person?.accounts.map(accountKey).sort()).toEqual([accountKey(a), accountKey(b)].sort());
    expect(person).toMatchObject({ strength: 'employee-id', confidence: 'high', reasons: ['same employee id E1234'] });
  });

  it('joins three tenants through different keys into one person, keeping the strongest', () => {
    const city = account(CITY, { onPremisesImmutableId: 'imm-1' });
    const hunts = account(HUNTS, { onPremisesImmutableId: 'imm-1', emails: ['jo@shared.example'] });
    const scambs = account(SCAMBS, { emails: ['jo@shared.example', 'other@scambs.example'] });
    const people = matchPeople([city, hunts, scambs], none);
    expect(people).toHaveLength(1);
    expect(people[0]?.accounts).toHaveLength(3);
    expect(people[0]?.strength).toBe('immutable-id');
    expect(people[0]?.reasons).toHaveLength(2);
  });

  it('matches by email with medium confidence', () => {
    const people = matchPeople(
      [account(CITY, { emails: ['a@x.example'] }), account(HUNTS, { emails: ['a@x.example'] })],
      none,
    );
    expect(people[0]).toMatchObject({ strength: 'email', confidence: 'medium' });
  });

  it('does not match accounts within one tenant', () => {
    expect(matchPeople([account(CITY, { employeeId: '7' }), account(CITY, { employeeId: '7' })], none)).toEqual([]);
  });

  it('offers a name-only likeness as a candidate, which a confirmation turns into a match and a rejection removes', () => {
    const a = account(CITY, { displayName: 'Chris Lee' });
    const b = account(HUNTS, { displayName: 'Lee, Chris' });
    const [candidate] = matchPeople([a, b], none);
    expect(candidate).toMatchObject({ strength: 'name', confidence: 'candidate', confirmed: false });

    const pair: [string, string] = [accountKey(a), accountKey(b)];
    const [confirmed] = matchPeople([a, b], { confirmed: [pair], rejected: [] });
    expect(confirmed).toMatchObject({ confidence: 'high', confirmed: true });
    expect(matchPeople([a, b], { confirmed: [], rejected: [[pair[1], pair[0]]] })).toEqual([]);
  });

  it('keeps a rejected pair apart even when a strong key links them', () => {
    const a = account(CITY, { employeeId: '42' });
    const b = account(HUNTS, { employeeId: '42' });
    expect(matchPeople([a, b], { confirmed: [], rejected: [[accountKey(a), accountKey(b)]] })).toEqual([]);
  });
});
