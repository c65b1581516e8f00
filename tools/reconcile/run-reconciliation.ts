import { createSeatDirectory } from '../../shared/graph/graph-seat-directory';
import { assessSeats } from '../../shared/licences/assess-seats';
import type { TenantProgress } from '../../shared/licences/licence-run';
import { readTenantSeats, type TenantStart } from '../../shared/licences/read-tenant-seats';
import type { TenantConnection } from '../../shared/schemas/licences';
import type { LoadedConfig } from './reconcile-config';

/** What the command prints last: the run's totals, enough to compare runs or check a tenant set-up. */
export type ReconcileSummary = {
  tenants: number;
  accounts: number;
  findings: number;
  byType: Record<string, { count: number; annualCostPence: number }>;
  annualCostPence: number;
  annualCostGbp: number;
};

/** A progress line at most this often per tenant, besides the first and last. */
const PROGRESS_EVERY_MS = 2000;

/**
 * One reconciliation of the configured tenants, all read at once, with nothing stored: no previous run, so a
 * full scan of each. `readTenantSeats` runs the sign-in pass when the last one is at least `signInPassEveryDays`
 * old; a start saying sign-ins were read just now, with no snapshot to delta from, gives a full scan with the
 * pass either always (0 days) or never (10,000 days) due.
 */
export async function runReconciliation(
  config: LoadedConfig,
  options: { env: Readonly<Record<string, string | undefined>>; now: Date; log: (line: string) => void },
): Promise<ReconcileSummary> {
  const { now, log } = options;
  const policy = { now, fullScanEveryDays: 28, signInPassEveryDays: config.signIns ? 0 : 10_000 };
  const start: TenantStart = {
    deltaLink: '',
    fullScanAt: now.toISOString(),
    signInsReadAt: now.toISOString(),
    loadSnapshot: async () => null,
  };
  log(
    `Reading ${config.tenants.length} tenants (${config.tenants.map((t) => t.partnerCode).join(', ')}), ` +
      `sign-in activity ${config.signIns ? 'included' : 'skipped: no account can be found inactive'}.`,
  );

  const seats = await Promise.all(
    config.tenants.map(async (connection) => {
      const directory = createSeatDirectory(connection, options.env);
      const tenant = await readTenantSeats(directory, start, policy, progressLogger(connection, log)).catch(
        (error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          throw new Error(`Reading ${connection.partnerCode} failed: ${reason}`, { cause: error });
        },
      );
      log(`${connection.partnerCode}: done, ${tenant.usersRead} users read, ${tenant.accounts.length} seats.`);
      return tenant;
    }),
  );

  const { totals } = assessSeats({
    accounts: seats.flatMap((tenant) => tenant.accounts),
    prices: config.prices,
    hr: config.hr,
    decisions: { confirmed: [], rejected: [] },
    exclusions: [],
    now,
    inactiveDays: config.inactiveDays,
  });
  const byType = Object.fromEntries(
    Object.entries(totals.byType).flatMap(([type, entry]) => (entry ? [[type, entry]] : [])),
  );
  return {
    tenants: seats.length,
    accounts: totals.accounts,
    findings: totals.findings,
    byType,
    annualCostPence: totals.annualCostPence,
    annualCostGbp: Math.round(totals.annualCostPence) / 100,
  };
}

/** Logs each phase as it starts, then users read at most every couple of seconds. */
function progressLogger(connection: TenantConnection, log: (line: string) => void) {
  const state: Pick<TenantProgress, 'phase' | 'usersRead' | 'usersExpected'> = {
    phase: 'waiting',
    usersRead: 0,
    usersExpected: null,
  };
  let loggedAt = 0;
  return (progress: Partial<TenantProgress>) => {
    const phaseChanged = progress.phase !== undefined && progress.phase !== state.phase;
    Object.assign(state, progress);
    if (!phaseChanged && Date.now() - loggedAt < PROGRESS_EVERY_MS) return;
    loggedAt = Date.now();
    const what = state.phase === 'sign-ins' ? 'sign-in activity' : 'seats';
    const of = state.usersExpected === null ? '' : ` of ${state.usersExpected}`;
    log(`${connection.partnerCode}: ${what}, ${state.usersRead}${of} users read`);
  };
}
