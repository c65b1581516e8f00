import { createHash } from 'node:crypto';

/** A user as the simulated Graph holds it: every field the reconciler may select. */
export type SimulatedGraphUser = {
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  userPrincipalName: string;
  mail: string;
  proxyAddresses: string[];
  employeeId: string | null;
  onPremisesImmutableId: string | null;
  userType: 'Member' | 'Guest';
  accountEnabled: boolean;
  assignedLicenses: { skuId: string; disabledPlans: string[] }[];
  employeeHireDate: string | null;
  employeeLeaveDateTime: string | null;
  signInActivity: {
    /** The last interactive attempt, successful or not. */
    lastSignInDateTime: string | null;
    lastNonInteractiveSignInDateTime: string | null;
    lastSuccessfulSignInDateTime: string | null;
  };
};

export type PopulationTenant = { tenantId: string; partnerCode: string; domain: string; size: number };

/** The SKUs the population uses, by role; ids are Microsoft's published SKU ids. */
export const POPULATION_SKUS = {
  e3: '05e9a617-0261-4cee-bb44-138d3ef5d965',
  e5: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
  f3: '66b55226-6b4f-492c-910c-a3b7a3c9d993',
  free: 'f30db892-07e9-47e9-837c-80727f46fd3d',
} as const;

/** A case planted on purpose, with what the reconciler must report about it (null: it must report nothing). */
export type PlantedCase = {
  name: string;
  expected: { type: string; partnerCodes: string[] } | null;
  /** The users that make the case, by tenant index. */
  users: { tenant: number; user: Partial<SimulatedGraphUser> & { givenName: string; surname: string } }[];
  /** HR feed rows the case needs. */
  hr?: {
    employeeNumber: string;
    name: string;
    workEmail: string;
    tenant: number;
    startDate: string | null;
    leaveDate: string | null;
  }[];
};

const GIVEN = [
  'Alex',
  'Sam',
  'Jo',
  'Chris',
  'Priya',
  'Tom',
  'Nina',
  'Ben',
  'Fiona',
  'Mike',
  'Sue',
  'Dana',
  'Oliver',
  'Amira',
  'Kwame',
  'Li',
  'Rhys',
  'Megan',
  'Tariq',
  'Hannah',
];
const FAMILY = [
  'Baker',
  'Turner',
  'Shah',
  'Evans',
  'Patel',
  'Clarke',
  'Hill',
  'Grace',
  'Ward',
  'Morley',
  'Okafor',
  'Nguyen',
  'Jones',
  'Williams',
  'Khan',
  'Murphy',
  'Price',
  'Hughes',
  'Lewis',
  'Wright',
];

/**
 * A deterministic population of council users: the same seed always gives the same users. User number i of a
 * tenant is computed on demand, so a benchmark can page through 100,000 users per tenant without holding them.
 * The first users of each tenant are the planted cases (see `plantedCases`), the rest ordinary licensed staff
 * (with some unlicensed members and guests, who are not findings).
 */
export class Population {
  private readonly planted: SimulatedGraphUser[][];
  /** Users changed since the population was made, per tenant, with the version of their last change. */
  private readonly changed: Map<number, { user: SimulatedGraphUser; version: number }>[];
  private latest = 0;

  constructor(
    readonly tenants: readonly PopulationTenant[],
    readonly cases: readonly PlantedCase[],
    readonly now: Date,
  ) {
    this.changed = tenants.map(() => new Map());
    this.planted = tenants.map((tenant, index) =>
      cases.flatMap((c) =>
        c.users.filter((u) => u.tenant === index).map((u, n) => this.plantedUser(tenant, c, n, u.user)),
      ),
    );
  }

  /** The version of the latest change: a delta token remembers it. */
  version(): number {
    return this.latest;
  }

  /** Changes user number `i` of a tenant (a starter, a leaver, a new licence), as a directory changes over time. */
  change(tenantIndex: number, i: number, patch: Partial<SimulatedGraphUser>): void {
    this.latest += 1;
    this.changed[tenantIndex]?.set(i, { user: { ...this.userAt(tenantIndex, i), ...patch }, version: this.latest });
  }

  /** Positions of the users changed after `version`, in order. */
  changedSince(tenantIndex: number, version: number): number[] {
    return [...(this.changed[tenantIndex]?.entries() ?? [])]
      .filter(([, change]) => change.version > version)
      .map(([position]) => position)
      .sort((a, b) => a - b);
  }

  size(tenantIndex: number): number {
    return (this.planted[tenantIndex]?.length ?? 0) + (this.tenants[tenantIndex]?.size ?? 0);
  }

  /** User number `i` of a tenant: planted ones first, then generated staff. */
  userAt(tenantIndex: number, i: number): SimulatedGraphUser {
    const change = this.changed[tenantIndex]?.get(i);
    if (change) return change.user;
    const planted = this.planted[tenantIndex] ?? [];
    if (i < planted.length) return planted[i] as SimulatedGraphUser;
    return this.ordinaryUser(tenantIndex, i - planted.length);
  }

  private ordinaryUser(tenantIndex: number, n: number): SimulatedGraphUser {
    const tenant = this.tenants[tenantIndex] as PopulationTenant;
    const random = hashNumbers(`${tenant.tenantId}:${n}`);
    const givenName = GIVEN[random[0] % GIVEN.length] as string;
    // Family name plus an invented suffix: different people rarely share a whole name, as in a real directory.
    const surname = `${FAMILY[random[1] % FAMILY.length]}${syllables(random[3])}`;
    const alias = `${givenName}.${surname}.${n}`.toLowerCase();
    const kind = random[2] % 100;
    const guest = kind < 3;
    const licensed = !guest && kind >= 12;
    const sku = kind >= 95 ? POPULATION_SKUS.f3 : POPULATION_SKUS.e3;
    const daysSinceSignIn = random[2] % 30;
    return user(tenant, {
      id: uuidFrom(`${tenant.tenantId}:user:${n}`),
      givenName,
      surname,
      userPrincipalName: guest ? `${alias}_partner.example#EXT#@${tenant.domain}` : `${alias}@${tenant.domain}`,
      mail: guest ? `${alias}@partner.example` : `${alias}@${tenant.domain}`,
      employeeId: guest ? null : `${tenant.partnerCode}${String(100000 + n)}`,
      userType: guest ? 'Guest' : 'Member',
      assignedLicenses: licensed ? [{ skuId: sku, disabledPlans: [] }] : [],
      signInActivity: signIn(this.now, daysSinceSignIn),
    });
  }

  private plantedUser(
    tenant: PopulationTenant,
    plantedCase: PlantedCase,
    n: number,
    overrides: Partial<SimulatedGraphUser> & { givenName: string; surname: string },
  ): SimulatedGraphUser {
    const alias = `${overrides.givenName}.${overrides.surname}`.toLowerCase().replace(/[^a-z.]/g, '');
    return user(tenant, {
      id: uuidFrom(`${tenant.tenantId}:planted:${plantedCase.name}:${n}`),
      userPrincipalName: `${alias}@${tenant.domain}`,
      mail: `${alias}@${tenant.domain}`,
      employeeId: null,
      userType: 'Member',
      assignedLicenses: [{ skuId: POPULATION_SKUS.e3, disabledPlans: [] }],
      signInActivity: signIn(this.now, 2),
      ...overrides,
    });
  }
}

function user(
  tenant: PopulationTenant,
  fields: Partial<SimulatedGraphUser> & { id: string; givenName: string; surname: string },
): SimulatedGraphUser {
  const mail = fields.mail ?? `${fields.id}@${tenant.domain}`;
  return {
    displayName: `${fields.givenName} ${fields.surname}`,
    userPrincipalName: mail,
    mail,
    proxyAddresses: [`SMTP:${mail}`],
    employeeId: null,
    onPremisesImmutableId: null,
    userType: 'Member',
    accountEnabled: true,
    assignedLicenses: [],
    employeeHireDate: null,
    employeeLeaveDateTime: null,
    signInActivity: {
      lastSignInDateTime: null,
      lastNonInteractiveSignInDateTime: null,
      lastSuccessfulSignInDateTime: null,
    },
    ...fields,
  };
}

const SYLLABLES = ['an', 'by', 'co', 'den', 'el', 'fa', 'gin', 'ho', 'ir', 'ja', 'ke', 'lo', 'mer', 'no', 'pa', 'ros'];

function syllables(value: number): string {
  return [0, 4, 8, 12].map((shift) => SYLLABLES[(value >>> shift) & 15]).join('');
}

function signIn(now: Date, daysAgo: number): SimulatedGraphUser['signInActivity'] {
  const at = new Date(now.getTime() - daysAgo * 24 * 3600 * 1000).toISOString();
  return { lastSignInDateTime: at, lastNonInteractiveSignInDateTime: at, lastSuccessfulSignInDateTime: at };
}

function hashNumbers(text: string): [number, number, number, number] {
  const digest = createHash('sha256').update(text).digest();
  return [digest.readUInt32BE(0), digest.readUInt32BE(4), digest.readUInt32BE(8), digest.readUInt32BE(12)];
}

/** A version-4-shaped UUID derived from text, so ids are stable across runs. */
export function uuidFrom(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((Number.parseInt(hex[16] as string, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
