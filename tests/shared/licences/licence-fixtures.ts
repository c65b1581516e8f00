import type { Finding, FindingType } from '../../../shared/licences/find-waste';
import type { LicenceFiles } from '../../../shared/licences/gateways';
import type { LicenceRun, RunStatus } from '../../../shared/licences/licence-run';
import type { LicensedAccount } from '../../../shared/licences/licensed-account';
import type { PriceList } from '../../../shared/licences/price-list';
import type { Stored } from '../../../shared/stores/record-store';

/** Reports and snapshots kept in maps: the use-cases' view of the blob container, for unit tests. */
export class MemoryLicenceFiles implements LicenceFiles {
  readonly reports = new Map<string, string>();
  readonly snapshots = new Map<string, LicensedAccount[]>();
  readonly snapshotReads: string[] = [];

  async writeReport(name: string, csv: string): Promise<void> {
    this.reports.set(name, csv);
  }
  async readReport(name: string): Promise<string | null> {
    return this.reports.get(name) ?? null;
  }
  async writeSnapshot(name: string, accounts: readonly LicensedAccount[]): Promise<void> {
    this.snapshots.set(name, structuredClone([...accounts]));
  }
  async readSnapshot(name: string): Promise<LicensedAccount[] | null> {
    this.snapshotReads.push(name);
    const accounts = this.snapshots.get(name);
    return accounts ? structuredClone(accounts) : null;
  }
}

export const PARTNERS = ['CCC', 'HDC', 'SCDC'] as const;
export const tenantOf = (code: string) =>
  ({ CCC: '3c1c0001-0000-4000-8000-000000000001', HDC: '3c1c0002-0000-4000-8000-000000000002' })[code] ??
  '3c1c0003-0000-4000-8000-000000000003';

/** A run of partnership p3 starting at `day` (1 = 2026-11-01), succeeded unless told otherwise. */
export function licenceRun(day: number, overrides: Partial<LicenceRun> = {}): Stored<LicenceRun> {
  const date = `2026-11-${String(day).padStart(2, '0')}`;
  const id = `run-${date}`;
  const status: RunStatus = overrides.status ?? 'succeeded';
  return {
    id,
    partnershipId: 'p3',
    sequence: Date.parse(`${date}T02:00:00Z`),
    trigger: 'schedule',
    requestedBy: null,
    status,
    startedAt: `${date}T02:00:00.000Z`,
    finishedAt: status === 'running' ? null : `${date}T02:30:00.000Z`,
    inputs: {
      tenants: PARTNERS.map((code) => ({
        partnerCode: code,
        tenantId: tenantOf(code),
        graphBaseUrl: 'https://graph.microsoft.com',
      })),
      priceListSource: 'test prices',
      priceListEtag: null,
      hrRecords: 0,
      exclusions: 0,
      decisions: 0,
      inactiveDays: 90,
      forceFull: false,
    },
    progress: [],
    totals:
      status === 'succeeded'
        ? {
            findings: 3,
            annualCostPence: 100_000 + day,
            byType: { 'duplicate-seat': { count: 3, annualCostPence: 100_000 + day } },
            byPartner: {
              CCC: { count: 2, annualCostPence: 40_000 + day },
              HDC: { count: 1, annualCostPence: 30_000 + day },
              SCDC: { count: 1, annualCostPence: 50_000 + day },
            },
            accounts: 30,
            people: 27,
            candidateMatches: 1,
          }
        : null,
    tenantState:
      status === 'succeeded'
        ? PARTNERS.map((code) => ({
            partnerCode: code,
            tenantId: tenantOf(code),
            deltaLink: `https://graph.microsoft.com/v1.0/users/delta?$deltatoken=secret-${code}-${day}`,
            snapshot: `p3/${id}/${code}.jsonl.gz`,
            fullScanAt: `${date}T02:00:00.000Z`,
            signInsReadAt: null,
            accounts: 10,
          }))
        : [],
    reports:
      status === 'succeeded'
        ? {
            all: `p3/${id}/all.csv`,
            byPartner: Object.fromEntries(PARTNERS.map((code) => [code, `p3/${id}/${code}.csv`])),
          }
        : null,
    summaryCard: null,
    delivery: [],
    error: status === 'failed' ? 'Graph answered 503' : null,
    ...overrides,
  };
}

/** A finding involving the councils named, costing `pence` a year. */
export function finding(
  id: string,
  partnerCodes: string[],
  type: FindingType = 'duplicate-seat',
  pence = 39_600,
): Finding {
  return {
    id,
    type,
    partnerCodes,
    accounts: partnerCodes.map((code, i) => ({
      tenantId: tenantOf(code),
      partnerCode: code,
      id: `${id}-user-${i}`,
      userPrincipalName: `${id}-${i}@${code.toLowerCase()}.example`,
      displayName: `Person ${id}`,
      skuPartNumbers: ['SPE_E3'],
    })),
    skuPartNumbers: ['SPE_E3'],
    annualCostPence: pence,
    costByPartner: { [partnerCodes[partnerCodes.length - 1] as string]: pence },
    confidence: type === 'duplicate-seat' ? 'high' : null,
    reasons: ['test'],
    recommendedAction: 'Remove a seat.',
  };
}

export const prices: PriceList & { source: string } = {
  currency: 'GBP',
  source: 'test list, November 2026',
  skus: [
    {
      skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965',
      skuPartNumber: 'SPE_E3',
      name: 'Microsoft 365 E3',
      monthlyPence: 3_080,
      paid: true,
      family: 'm365',
      rank: 3,
    },
    {
      skuId: '66b55226-6b4f-492c-910c-a3b7a3c9d993',
      skuPartNumber: 'SPE_F1',
      name: 'Microsoft 365 F3',
      monthlyPence: 670,
      paid: true,
    },
    {
      skuId: 'f30db892-07e9-47e9-837c-80727f46fd3d',
      skuPartNumber: 'FLOW_FREE',
      name: 'Power Automate Free',
      monthlyPence: 0,
      paid: false,
    },
  ],
};
export const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
export const F3 = '66b55226-6b4f-492c-910c-a3b7a3c9d993';
export const FLOW_FREE = 'f30db892-07e9-47e9-837c-80727f46fd3d';

let next = 0;
/** A seat in a council's tenant, as a run's snapshot keeps it. */
export function seat(partnerCode: string, overrides: Partial<LicensedAccount> = {}): LicensedAccount {
  next += 1;
  const domain = `${partnerCode.toLowerCase()}.example`;
  return {
    tenantId: tenantOf(partnerCode),
    partnerCode,
    id: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`,
    displayName: `Someone ${next}`,
    givenName: null,
    surname: null,
    userPrincipalName: `someone.${next}@${domain}`,
    emails: [`someone.${next}@${domain}`],
    employeeId: null,
    onPremisesImmutableId: null,
    accountEnabled: true,
    skuIds: [E3],
    employeeLeaveDateTime: null,
    ...overrides,
  };
}

/** A price list whose SKU ids are short names (e3, e5, f3), for use-case tests that build accounts with `account`. */
export const shortSkuPrices: PriceList = {
  currency: 'GBP',
  skus: [
    {
      skuId: 'e3',
      skuPartNumber: 'SPE_E3',
      name: 'Microsoft 365 E3',
      monthlyPence: 3_300,
      paid: true,
      family: 'm365',
      rank: 3,
    },
    {
      skuId: 'e5',
      skuPartNumber: 'SPE_E5',
      name: 'Microsoft 365 E5',
      monthlyPence: 5_180,
      paid: true,
      family: 'm365',
      rank: 5,
    },
    { skuId: 'f3', skuPartNumber: 'SPE_F1', name: 'Microsoft 365 F3', monthlyPence: 670, paid: true },
  ],
};

let nextAccount = 0;
/** An enabled account with an E3 (short SKU ids), signed in on 2026-11-20, numbered u1, u2, … in each test file. */
export function account(partnerCode: string, overrides: Partial<LicensedAccount> = {}): LicensedAccount {
  nextAccount += 1;
  const next = nextAccount;
  return {
    tenantId: `tenant-${partnerCode}`,
    partnerCode,
    id: `u${next}`,
    displayName: `Person ${next}`,
    givenName: null,
    surname: null,
    userPrincipalName: `p${next}@${partnerCode.toLowerCase()}.example`,
    emails: [`p${next}@${partnerCode.toLowerCase()}.example`],
    employeeId: null,
    onPremisesImmutableId: null,
    accountEnabled: true,
    skuIds: ['e3'],
    employeeLeaveDateTime: null,
    lastSignInDateTime: '2026-11-20T08:00:00Z',
    ...overrides,
  };
}
