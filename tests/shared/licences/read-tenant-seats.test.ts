import { describe, expect, it } from 'vitest';
import type {
  DeltaScan,
  FullScan,
  OutgoingMail,
  ScanProgress,
  SeatDirectory,
  TenantSku,
} from '../../../shared/licences/gateways';
import type { TenantProgress } from '../../../shared/licences/licence-run';
import type { LicensedAccount } from '../../../shared/licences/licensed-account';
import { readTenantSeats, type ScanPolicy, type TenantStart } from '../../../shared/licences/read-tenant-seats';
import { E3, F3, seat, tenantOf } from './licence-fixtures';

const NOW = new Date('2026-11-22T09:00:00.000Z');
const DAY_MS = 24 * 3600 * 1000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS).toISOString();
const policy = (overrides: Partial<ScanPolicy> = {}): ScanPolicy => ({
  now: NOW,
  fullScanEveryDays: 28,
  signInPassEveryDays: 7,
  ...overrides,
});

const SKUS: TenantSku[] = [{ skuId: E3, skuPartNumber: 'SPE_E3', enabled: 100, consumed: 3 }];
const DELTA_SKUS: TenantSku[] = [{ skuId: E3, skuPartNumber: 'SPE_E3', enabled: 100, consumed: 4 }];

/** A council's directory that answers with canned scans and records which calls were made, in order. */
class FakeSeatDirectory implements SeatDirectory {
  readonly partnerCode = 'HDC';
  readonly tenantId = tenantOf('HDC');
  readonly calls: string[] = [];
  full: FullScan = { accounts: [], usersRead: 0, deltaLink: 'delta-after-full', skus: SKUS };
  delta: DeltaScan = { kind: 'changes', changes: [], usersRead: 0, deltaLink: 'delta-after-delta', skus: DELTA_SKUS };
  signIns = new Map<string, string | null>();
  /** Progress each scan reports before it answers: [usersRead, usersExpected]. */
  pages: [number, number | null][] = [];

  async fullScan(onProgress: ScanProgress): Promise<FullScan> {
    this.calls.push('fullScan');
    for (const [read, expected] of this.pages) onProgress(read, expected);
    return structuredClone(this.full);
  }
  async deltaScan(deltaLink: string, onProgress: ScanProgress): Promise<DeltaScan> {
    this.calls.push(`deltaScan ${deltaLink}`);
    for (const [read, expected] of this.pages) onProgress(read, expected);
    return structuredClone(this.delta);
  }
  async readSignIns(onProgress: ScanProgress): Promise<Map<string, string | null>> {
    this.calls.push('readSignIns');
    for (const [read, expected] of this.pages) onProgress(read, expected);
    return new Map(this.signIns);
  }
  async sendMail(_from: string, _mail: OutgoingMail): Promise<void> {
    this.calls.push('sendMail');
  }
}

/** Where the last good run left the tenant, with a snapshot (or none) and a record of whether it was loaded. */
function startFrom(
  snapshot: LicensedAccount[] | null,
  overrides: Partial<Pick<TenantStart, 'deltaLink' | 'fullScanAt' | 'signInsReadAt'>> = {},
) {
  const loads: number[] = [];
  const start: TenantStart = {
    deltaLink: 'delta-from-last-run',
    fullScanAt: daysAgo(3),
    signInsReadAt: daysAgo(1),
    loadSnapshot: async () => {
      loads.push(1);
      return snapshot ? structuredClone(snapshot) : null;
    },
    ...overrides,
  };
  return { start, loads };
}

const hdc = (overrides: Partial<LicensedAccount> = {}) => seat('HDC', overrides);
const byId = (accounts: readonly LicensedAccount[]) => new Map(accounts.map((account) => [account.id, account]));

async function read(directory: FakeSeatDirectory, start: TenantStart | null, scanPolicy = policy()) {
  const progress: Partial<TenantProgress>[] = [];
  const seats = await readTenantSeats(directory, start, scanPolicy, (p) => progress.push(p));
  return { seats, progress };
}

describe('readTenantSeats: which scan', () => {
  it('reads a tenant never read before in full, then reads its sign-ins', async () => {
    const directory = new FakeSeatDirectory();
    const [active, never, unseen] = [hdc(), hdc(), hdc()];
    directory.full = { accounts: [active, never, unseen], usersRead: 250, deltaLink: 'delta-1', skus: SKUS };
    directory.signIns = new Map([
      [active.id, '2026-11-20T08:00:00Z'],
      [never.id, null],
    ]);

    const { seats } = await read(directory, null);

    expect(directory.calls).toEqual(['fullScan', 'readSignIns']);
    expect(seats).toMatchObject({
      partnerCode: 'HDC',
      tenantId: tenantOf('HDC'),
      scan: 'full',
      usersRead: 250,
      deltaLink: 'delta-1',
      skus: SKUS,
      fullScanAt: NOW.toISOString(),
      signInsReadAt: NOW.toISOString(),
    });
    const accounts = byId(seats.accounts);
    expect(accounts.get(active.id)?.lastSignInDateTime).toBe('2026-11-20T08:00:00Z');
    expect(accounts.get(never.id)?.lastSignInDateTime).toBeNull();
    // Not in the sign-in report at all: still unknown, so it is not taken for "never signed in".
    expect(accounts.get(unseen.id)?.lastSignInDateTime).toBeUndefined();
    expect(seats.accounts.map((a) => a.id)).toEqual([active.id, never.id, unseen.id]);
  });

  it('applies a delta scan to the last run’s accounts when the last full scan is recent', async () => {
    const kept = hdc({ lastSignInDateTime: '2026-11-10T08:00:00Z' });
    const changed = hdc({ lastSignInDateTime: '2026-11-12T08:00:00Z', skuIds: [E3] });
    const removed = hdc({ lastSignInDateTime: '2026-11-13T08:00:00Z' });
    const added = hdc();
    const { start, loads } = startFrom([kept, changed, removed], { fullScanAt: daysAgo(10) });
    const directory = new FakeSeatDirectory();
    // A delta page carries no sign-in activity.
    const { lastSignInDateTime: _notInDelta, ...changedFields } = changed;
    const changedNow: LicensedAccount = { ...changedFields, skuIds: [E3, F3], displayName: 'Renamed Person' };
    directory.delta = {
      kind: 'changes',
      changes: [
        { id: changed.id, account: changedNow },
        { id: removed.id, account: null },
        { id: added.id, account: added },
      ],
      usersRead: 3,
      deltaLink: 'delta-2',
      skus: DELTA_SKUS,
    };

    const { seats } = await read(directory, start);

    expect(loads).toHaveLength(1);
    expect(directory.calls).toEqual(['deltaScan delta-from-last-run']);
    expect(seats).toMatchObject({
      scan: 'delta',
      usersRead: 3,
      deltaLink: 'delta-2',
      skus: DELTA_SKUS,
      // A delta scan does not move the date of the last full scan, so one is still due on time.
      fullScanAt: start.fullScanAt,
      signInsReadAt: start.signInsReadAt,
    });
    const accounts = byId(seats.accounts);
    expect([...accounts.keys()].sort()).toEqual([kept.id, changed.id, added.id].sort());
    expect(accounts.get(kept.id)).toEqual(kept);
    expect(accounts.get(changed.id)).toMatchObject({
      displayName: 'Renamed Person',
      skuIds: [E3, F3],
      lastSignInDateTime: '2026-11-12T08:00:00Z',
    });
    expect(accounts.get(added.id)?.displayName).toBe(added.displayName);
    expect(accounts.get(added.id)?.lastSignInDateTime).toBeUndefined();
  });

  it('falls back to a full scan when Graph says the delta token expired, keeping known sign-ins', async () => {
    const known = hdc({ lastSignInDateTime: '2026-11-15T08:00:00Z' });
    const { start } = startFrom([known]);
    const directory = new FakeSeatDirectory();
    directory.delta = { kind: 'expired' };
    directory.full = {
      accounts: [{ ...known, lastSignInDateTime: undefined }],
      usersRead: 1,
      deltaLink: 'd',
      skus: [],
    };

    const { seats } = await read(directory, start);

    expect(directory.calls).toEqual(['deltaScan delta-from-last-run', 'fullScan']);
    expect(seats.scan).toBe('full');
    expect(seats.deltaLink).toBe('d');
    expect(seats.fullScanAt).toBe(NOW.toISOString());
    expect(seats.accounts[0]?.lastSignInDateTime).toBe('2026-11-15T08:00:00Z');
  });

  it.each([
    ['the last full scan is older than fullScanEveryDays', { fullScanAt: daysAgo(29) }, {}],
    ['the last full scan is exactly fullScanEveryDays old', { fullScanAt: daysAgo(28) }, {}],
    ['a full scan is forced', { fullScanAt: daysAgo(1) }, { forceFull: true }],
  ])('reads in full when %s, carrying sign-ins over from the snapshot', async (_, startOverrides, policyOverrides) => {
    const known = hdc({ lastSignInDateTime: '2026-11-15T08:00:00Z' });
    const neverSignedIn = hdc({ lastSignInDateTime: null });
    const newcomer = hdc();
    const { start } = startFrom([known, neverSignedIn], startOverrides);
    const directory = new FakeSeatDirectory();
    directory.full = {
      accounts: [known, neverSignedIn, newcomer].map((a) => ({ ...a, lastSignInDateTime: undefined })),
      usersRead: 3,
      deltaLink: 'fresh',
      skus: SKUS,
    };

    const { seats } = await read(directory, start, policy(policyOverrides));

    expect(directory.calls).toEqual(['fullScan']);
    expect(seats.scan).toBe('full');
    expect(seats.fullScanAt).toBe(NOW.toISOString());
    expect(seats.deltaLink).toBe('fresh');
    const accounts = byId(seats.accounts);
    expect(accounts.get(known.id)?.lastSignInDateTime).toBe('2026-11-15T08:00:00Z');
    expect(accounts.get(neverSignedIn.id)?.lastSignInDateTime).toBeNull();
    expect(accounts.get(newcomer.id)?.lastSignInDateTime).toBeUndefined();
  });

  it('reads in full when the last run’s snapshot is missing, even though a delta would be allowed', async () => {
    const { start, loads } = startFrom(null, { fullScanAt: daysAgo(1) });
    const directory = new FakeSeatDirectory();
    directory.full = { accounts: [hdc()], usersRead: 1, deltaLink: 'fresh', skus: SKUS };

    const { seats } = await read(directory, start);

    expect(loads).toHaveLength(1);
    expect(directory.calls).toEqual(['fullScan']);
    expect(seats.scan).toBe('full');
    expect(seats.accounts).toHaveLength(1);
    expect(seats.accounts[0]?.lastSignInDateTime).toBeUndefined();
  });
});

describe('readTenantSeats: the sign-in pass', () => {
  it('skips the sign-in pass while the last one is recent, keeping its date', async () => {
    const account = hdc({ lastSignInDateTime: '2026-11-01T08:00:00Z' });
    const { start } = startFrom([account], { signInsReadAt: daysAgo(6) });
    const directory = new FakeSeatDirectory();
    directory.signIns = new Map([[account.id, '2026-11-21T08:00:00Z']]);

    const { seats } = await read(directory, start);

    expect(directory.calls).not.toContain('readSignIns');
    expect(seats.signInsReadAt).toBe(daysAgo(6));
    expect(seats.accounts[0]?.lastSignInDateTime).toBe('2026-11-01T08:00:00Z');
  });

  it('runs the sign-in pass when due, setting each account’s sign-in (null for never) and the date of the pass', async () => {
    const active = hdc({ lastSignInDateTime: '2026-11-01T08:00:00Z' });
    const stopped = hdc({ lastSignInDateTime: '2026-10-01T08:00:00Z' });
    const notReported = hdc({ lastSignInDateTime: '2026-09-01T08:00:00Z' });
    const { start } = startFrom([active, stopped, notReported], { signInsReadAt: daysAgo(7) });
    const directory = new FakeSeatDirectory();
    directory.signIns = new Map([
      [active.id, '2026-11-21T08:00:00Z'],
      [stopped.id, null],
    ]);

    const { seats } = await read(directory, start);

    expect(directory.calls).toEqual(['deltaScan delta-from-last-run', 'readSignIns']);
    expect(seats.signInsReadAt).toBe(NOW.toISOString());
    const accounts = byId(seats.accounts);
    expect(accounts.get(active.id)?.lastSignInDateTime).toBe('2026-11-21T08:00:00Z');
    expect(accounts.get(stopped.id)?.lastSignInDateTime).toBeNull();
    expect(accounts.get(notReported.id)?.lastSignInDateTime).toBe('2026-09-01T08:00:00Z');
  });

  it('runs the sign-in pass when the last run never read sign-ins', async () => {
    const { start } = startFrom([hdc()], { signInsReadAt: null });
    const directory = new FakeSeatDirectory();

    const { seats } = await read(directory, start);

    expect(directory.calls).toContain('readSignIns');
    expect(seats.signInsReadAt).toBe(NOW.toISOString());
  });
});

describe('readTenantSeats: progress', () => {
  it('reports a full scan’s phase, scan and users read, then the sign-in pass against the seats found', async () => {
    const directory = new FakeSeatDirectory();
    directory.full = { accounts: [hdc(), hdc()], usersRead: 200, deltaLink: 'd', skus: SKUS };
    directory.pages = [
      [100, 200],
      [200, 200],
    ];

    const { progress } = await read(directory, null);

    expect(progress).toEqual([
      { scan: 'full', phase: 'seats', usersRead: 0, usersExpected: null },
      { usersRead: 100, usersExpected: 200 },
      { usersRead: 200, usersExpected: 200 },
      { phase: 'sign-ins', usersRead: 0, usersExpected: 2 },
      { usersRead: 100 },
      { usersRead: 200 },
    ]);
  });

  it('reports a delta scan as such, with users read and no sign-in phase when none is due', async () => {
    const { start } = startFrom([hdc()]);
    const directory = new FakeSeatDirectory();
    directory.pages = [[40, null]];

    const { progress } = await read(directory, start);

    expect(progress).toEqual([{ scan: 'delta', phase: 'seats', usersRead: 0, usersExpected: null }, { usersRead: 40 }]);
  });

  it('reports the switch to a full scan after an expired delta token', async () => {
    const { start } = startFrom([hdc()]);
    const directory = new FakeSeatDirectory();
    directory.delta = { kind: 'expired' };

    const { progress } = await read(directory, start);

    expect(progress.map((p) => p.scan).filter(Boolean)).toEqual(['delta', 'full']);
    expect(progress.at(-1)).toEqual({ scan: 'full', phase: 'seats', usersRead: 0, usersExpected: null });
  });
});
