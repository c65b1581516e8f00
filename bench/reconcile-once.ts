import { createSeatDirectory } from '../shared/graph/graph-seat-directory';
import { assessSeats } from '../shared/licences/assess-seats';
import type { PriceList } from '../shared/licences/price-list';
import { readTenantSeats, type TenantSeats, type TenantStart } from '../shared/licences/read-tenant-seats';
import type { TenantConnection } from '../shared/schemas/licences';

export type Reading = {
  seats: TenantSeats[];
  /** Graph HTTP requests per tenant, retries included. */
  requests: number[];
  /** From the start of the reads (tokens included) to the end of `assessSeats`. */
  wallMs: number;
  readMs: number;
  /** This process's CPU time over the reads, and over the whole reconciliation. */
  readCpuMs: number;
  cpuMs: number;
  findings: number;
};

/**
 * One reconciliation of every tenant at once through the real gateway, as a run does it. Fresh directories each
 * time, so each acquires its token as a new run would. A tenant with a previous reading starts a delta scan from
 * its delta link and accounts; sign-ins are never due (read just now, every 10,000 days).
 */
export async function reconcileOnce(
  connections: readonly TenantConnection[],
  env: Readonly<Record<string, string>>,
  prices: PriceList,
  previous: (index: number) => TenantSeats | null,
  log: (line: string) => void,
): Promise<Reading> {
  const now = new Date();
  const policy = { now, fullScanEveryDays: 28, signInPassEveryDays: 10_000 };
  const requests = connections.map(() => 0);
  const directories = connections.map((connection, i) =>
    createSeatDirectory(connection, env, {
      onHttpRequest: () => {
        requests[i] = (requests[i] ?? 0) + 1;
      },
    }),
  );
  const started = performance.now();
  const cpu = process.cpuUsage();
  const seats = await Promise.all(
    directories.map((directory, i) => {
      const last = previous(i);
      const start: TenantStart = {
        deltaLink: last?.deltaLink ?? '',
        fullScanAt: last?.fullScanAt ?? now.toISOString(),
        signInsReadAt: now.toISOString(),
        loadSnapshot: async () => last?.accounts ?? null,
      };
      return readTenantSeats(directory, start, policy, progressLog(directory.partnerCode, log));
    }),
  );
  const readMs = performance.now() - started;
  const readCpuMs = cpuMs(process.cpuUsage(cpu));
  const { totals } = assessSeats({
    accounts: seats.flatMap((tenant) => tenant.accounts),
    prices,
    hr: [],
    decisions: { confirmed: [], rejected: [] },
    exclusions: [],
    now,
    inactiveDays: 90,
  });
  const wallMs = performance.now() - started;
  return { seats, requests, wallMs, readMs, readCpuMs, cpuMs: cpuMs(process.cpuUsage(cpu)), findings: totals.findings };
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

/** A line per tenant about once a second while a scan runs. */
function progressLog(partnerCode: string, log: (line: string) => void) {
  let loggedAt = 0;
  let read = 0;
  return (progress: { usersRead?: number; usersExpected?: number | null }) => {
    read = progress.usersRead ?? read;
    if (Date.now() - loggedAt < 1000) return;
    loggedAt = Date.now();
    log(`    ${partnerCode}: ${read}${progress.usersExpected ? ` of ${progress.usersExpected}` : ''} users read`);
  };
}
