import type { SeatDirectory, TenantSku } from './gateways';
import type { TenantProgress, TenantState } from './licence-run';
import type { LicensedAccount } from './licensed-account';

/** When a tenant must be read in full and when sign-in activity is due. */
export type ScanPolicy = {
  now: Date;
  fullScanEveryDays: number;
  signInPassEveryDays: number;
  /** Read everything again even if a delta scan would do. */
  forceFull?: boolean;
  /** Aborted when the run is over (another tenant failed): reading stops at the next page. */
  signal?: AbortSignal;
};

/** Where the last good run left a tenant: its delta link and a way to load its accounts. */
export type TenantStart = Pick<TenantState, 'deltaLink' | 'fullScanAt' | 'signInsReadAt'> & {
  loadSnapshot(): Promise<LicensedAccount[] | null>;
};

export type TenantSeats = {
  partnerCode: string;
  tenantId: string;
  scan: 'full' | 'delta';
  accounts: LicensedAccount[];
  usersRead: number;
  deltaLink: string;
  skus: TenantSku[];
  fullScanAt: string;
  signInsReadAt: string | null;
};

const DAY_MS = 24 * 3600 * 1000;

/**
 * Reads one tenant's seats: a delta scan applied to the last good run's accounts when that is recent enough, else
 * a full scan (also when Graph says the delta token expired). Sign-in activity is read in its own pass only when
 * the last one is older than the policy allows, because Graph throttles it hard; in between, each account keeps
 * the sign-in date the last pass found.
 */
export async function readTenantSeats(
  directory: SeatDirectory,
  start: TenantStart | null,
  policy: ScanPolicy,
  report: (progress: Partial<TenantProgress>) => void,
): Promise<TenantSeats> {
  const previous = start ? await start.loadSnapshot() : null;
  const deltaAllowed =
    start &&
    previous &&
    !policy.forceFull &&
    policy.now.getTime() - Date.parse(start.fullScanAt) < policy.fullScanEveryDays * DAY_MS;

  let seats: Omit<TenantSeats, 'signInsReadAt'> | null = null;
  if (deltaAllowed) {
    report({ scan: 'delta', phase: 'seats', usersRead: 0, usersExpected: null });
    const delta = await directory.deltaScan(start.deltaLink, (usersRead) => report({ usersRead }), {
      signal: policy.signal,
    });
    if (delta.kind === 'changes') {
      const byId = new Map(previous.map((account) => [account.id, account]));
      for (const change of delta.changes) {
        if (!change.account) byId.delete(change.id);
        else byId.set(change.id, { ...change.account, lastSignInDateTime: byId.get(change.id)?.lastSignInDateTime });
      }
      seats = {
        ...identity(directory),
        scan: 'delta',
        accounts: [...byId.values()],
        usersRead: delta.usersRead,
        deltaLink: delta.deltaLink,
        skus: delta.skus,
        fullScanAt: start.fullScanAt,
      };
    }
  }
  if (!seats) {
    report({ scan: 'full', phase: 'seats', usersRead: 0, usersExpected: null });
    const full = await directory.fullScan((usersRead, usersExpected) => report({ usersRead, usersExpected }), {
      splitAt: previous ? medianPrefix(previous) : undefined,
      signal: policy.signal,
    });
    if (previous) {
      const lastSignIns = new Map(previous.map((account) => [account.id, account.lastSignInDateTime]));
      for (const account of full.accounts) account.lastSignInDateTime = lastSignIns.get(account.id);
    }
    seats = {
      ...identity(directory),
      scan: 'full',
      accounts: full.accounts,
      usersRead: full.usersRead,
      deltaLink: full.deltaLink,
      skus: full.skus,
      fullScanAt: policy.now.toISOString(),
    };
  }

  const signInsDue =
    !start?.signInsReadAt ||
    policy.now.getTime() - Date.parse(start.signInsReadAt) >= policy.signInPassEveryDays * DAY_MS;
  if (!signInsDue) return { ...seats, signInsReadAt: start?.signInsReadAt ?? null };

  report({ phase: 'sign-ins', usersRead: 0, usersExpected: seats.accounts.length });
  policy.signal?.throwIfAborted();
  const signIns = await directory.readSignIns((usersRead) => report({ usersRead }), { signal: policy.signal });
  for (const account of seats.accounts) {
    if (signIns.has(account.id)) account.lastSignInDateTime = signIns.get(account.id) ?? null;
  }
  return { ...seats, signInsReadAt: policy.now.toISOString() };
}

/**
 * Where to split a full scan so both halves hold about as many seats: the middle userPrincipalName of the last
 * run's seats, cut to a few letters before the "@" (a prefix no UPN equals). Undefined when there were none.
 */
export function medianPrefix(accounts: readonly LicensedAccount[]): string[] | undefined {
  if (accounts.length === 0) return undefined;
  const step = Math.max(1, Math.floor(accounts.length / 1000));
  const sample: string[] = [];
  for (let i = 0; i < accounts.length; i += step)
    sample.push((accounts[i] as LicensedAccount).userPrincipalName.toLowerCase());
  sample.sort();
  const middle = (sample[Math.floor(sample.length / 2)] ?? '').split('@')[0]?.slice(0, 3) ?? '';
  return middle ? [middle] : undefined;
}

const identity = (directory: SeatDirectory) => ({ partnerCode: directory.partnerCode, tenantId: directory.tenantId });
