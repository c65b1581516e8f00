import { accountKey, type LicensedAccount, normalisedName } from './licensed-account';

/** How sure a match is, strongest first; a name alone is only a candidate for a person to confirm. */
export const MATCH_STRENGTHS = ['employee-id', 'immutable-id', 'email', 'name'] as const;
export type MatchStrength = (typeof MATCH_STRENGTHS)[number];

export type MatchedPerson = {
  /** Stable across runs: built from the account keys. */
  id: string;
  accounts: LicensedAccount[];
  strength: MatchStrength;
  confidence: 'high' | 'medium' | 'candidate';
  reasons: string[];
  /** True when the match rests on a name a person confirmed. */
  confirmed: boolean;
};

export type MatchDecisions = {
  /** Pairs of account keys an administrator confirmed as one person. */
  confirmed: readonly [string, string][];
  /** Pairs of account keys an administrator said are different people. */
  rejected: readonly [string, string][];
};

const CONFIDENCE: Record<MatchStrength, MatchedPerson['confidence']> = {
  'employee-id': 'high',
  'immutable-id': 'high',
  email: 'medium',
  name: 'candidate',
};

/**
 * Finds the people who hold accounts in more than one tenant. Accounts sharing an employee id, an on-premises
 * immutable id or an email address are the same person; accounts sharing only a normalised name become a
 * candidate, unless an administrator confirmed (then matched) or rejected (then left alone) that pair.
 */
export function matchPeople(accounts: readonly LicensedAccount[], decisions: MatchDecisions): MatchedPerson[] {
  const links = new UnionFind<string>();
  const why = new Map<string, { strength: MatchStrength; reason: string }[]>();
  const byKey = new Map(accounts.map((account) => [accountKey(account), account]));
  const rejected = new Set(decisions.rejected.map(pairKey));

  const link = (a: string, b: string, strength: MatchStrength, reason: string) => {
    if (a === b || rejected.has(pairKey([a, b]))) return;
    links.union(a, b);
    const pair = pairKey([a, b]);
    why.set(pair, [...(why.get(pair) ?? []), { strength, reason }]);
  };

  const keyed: [MatchStrength, (account: LicensedAccount) => string[]][] = [
    ['employee-id', (account) => (account.employeeId ? [account.employeeId.trim().toUpperCase()] : [])],
    ['immutable-id', (account) => (account.onPremisesImmutableId ? [account.onPremisesImmutableId] : [])],
    ['email', (account) => account.emails],
  ];
  for (const [strength, keysOf] of keyed) {
    for (const [value, holders] of groupBy(accounts, keysOf)) {
      linkAcrossTenants(holders, (a, b) =>
        link(accountKey(a), accountKey(b), strength, `same ${label(strength)} ${value}`),
      );
    }
  }
  for (const [a, b] of decisions.confirmed) {
    if (byKey.has(a) && byKey.has(b)) link(a, b, 'name', CONFIRMED);
  }

  const people = clusters(links, byKey).map((members) => describe(members, why));
  const matchedKeys = new Set(people.flatMap((person) => person.accounts.map(accountKey)));
  for (const [name, holders] of groupBy(accounts, (account) => {
    const normalised = normalisedName(account);
    return normalised ? [normalised] : [];
  })) {
    const unmatched = holders.filter((account) => !matchedKeys.has(accountKey(account)));
    linkAcrossTenants(unmatched, (a, b) => {
      if (rejected.has(pairKey([accountKey(a), accountKey(b)]))) return;
      people.push({
        id: personId([a, b]),
        accounts: [a, b],
        strength: 'name',
        confidence: 'candidate',
        reasons: [`same name "${name}"`],
        confirmed: false,
      });
    });
  }
  return people;
}

export const pairKey = ([a, b]: readonly [string, string]) => (a < b ? `${a}|${b}` : `${b}|${a}`);

const CONFIRMED = 'confirmed by an administrator';

function describe(
  members: LicensedAccount[],
  why: Map<string, { strength: MatchStrength; reason: string }[]>,
): MatchedPerson {
  const keys = new Set(members.map(accountKey));
  const evidence = [...why.entries()]
    .filter(([pair]) => pair.split('|').every((key) => keys.has(key)))
    .flatMap(([, reasons]) => reasons);
  const strongest = MATCH_STRENGTHS.find((strength) => evidence.some((e) => e.strength === strength)) ?? 'name';
  const confirmed = evidence.some((e) => e.reason === CONFIRMED);
  return {
    id: personId(members),
    accounts: members,
    strength: strongest,
    confidence: confirmed ? 'high' : CONFIDENCE[strongest],
    reasons: [...new Set(evidence.map((e) => e.reason))],
    confirmed,
  };
}

function clusters(links: UnionFind<string>, byKey: Map<string, LicensedAccount>): LicensedAccount[][] {
  const groups = new Map<string, LicensedAccount[]>();
  for (const key of links.members()) {
    const root = links.find(key);
    const account = byKey.get(key);
    if (account) groups.set(root, [...(groups.get(root) ?? []), account]);
  }
  return [...groups.values()].filter((members) => new Set(members.map((m) => m.tenantId)).size > 1);
}

function linkAcrossTenants(holders: LicensedAccount[], onPair: (a: LicensedAccount, b: LicensedAccount) => void): void {
  for (let i = 0; i < holders.length; i++) {
    for (let j = i + 1; j < holders.length; j++) {
      const [a, b] = [holders[i], holders[j]] as [LicensedAccount, LicensedAccount];
      if (a.tenantId !== b.tenantId) onPair(a, b);
    }
  }
}

/** Accounts sharing a key, for keys held by more than one account; a key held once costs no array. */
function groupBy(accounts: readonly LicensedAccount[], keysOf: (account: LicensedAccount) => string[]) {
  const first = new Map<string, LicensedAccount>();
  const shared = new Map<string, LicensedAccount[]>();
  for (const account of accounts) {
    for (const key of keysOf(account)) {
      const holders = shared.get(key);
      if (holders) {
        holders.push(account);
        continue;
      }
      const earlier = first.get(key);
      if (earlier) shared.set(key, [earlier, account]);
      else first.set(key, account);
    }
  }
  return shared;
}

const personId = (accounts: readonly LicensedAccount[]) => accounts.map(accountKey).sort().join('+');

const label = (strength: MatchStrength) =>
  ({ 'employee-id': 'employee id', 'immutable-id': 'on-premises immutable id', email: 'email address', name: 'name' })[
    strength
  ];

/** Disjoint sets with path compression: joins accounts into people in near-linear time. */
class UnionFind<T> {
  private readonly parent = new Map<T, T>();

  find(item: T): T {
    let root = this.parent.get(item) ?? item;
    if (root === item) {
      this.parent.set(item, item);
      return item;
    }
    root = this.find(root);
    this.parent.set(item, root);
    return root;
  }

  union(a: T, b: T): void {
    const [rootA, rootB] = [this.find(a), this.find(b)];
    if (rootA !== rootB) this.parent.set(rootA, rootB);
  }

  members(): T[] {
    return [...this.parent.keys()];
  }
}
