import { notFound } from '../errors';
import type { Caller } from '../identity/caller';
import type { Stored } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import { canSeeCouncil, type LicenceScope, licenceScope, visibleCouncils } from './finding-access';
import type { LicenceRun, RunTotals } from './licence-run';

/**
 * A council's own figures of a run, as its licence administrator sees them: the findings that would remove one of
 * its seats and what they cost it a year. The partnership-wide counts (by type, accounts, people, candidate
 * matches) are not there: with the council's own figures they would tell what the other councils' waste is.
 */
export type CouncilRunTotals = Pick<RunTotals, 'findings' | 'annualCostPence' | 'byPartner'>;

/**
 * A run as the API shows it: named fields only, so a field added to the stored run stays on the server until
 * someone decides it may be shown. `tenantState` never leaves (its delta links are bearer-like cursors into each
 * council's directory), nor does the bot's summary card (it carries every council's totals). A licence
 * administrator sees their own council's figures, report and delivery only.
 */
export type RunView = Pick<
  Stored<LicenceRun>,
  | 'id'
  | 'partnershipId'
  | 'sequence'
  | 'trigger'
  | 'requestedBy'
  | 'status'
  | 'startedAt'
  | 'finishedAt'
  | 'inputs'
  | 'progress'
  | 'delivery'
  | 'error'
> & {
  /** The whole run's totals for the partnership's administrator; a council's own for its licence administrator. */
  totals: RunTotals | CouncilRunTotals | null;
  reports: { all?: string; byPartner: Record<string, string> } | null;
};

/** One run of the caller's partnership, with its progress while it runs. */
export async function getRun(stores: Pick<Stores, 'licenceRuns'>, caller: Caller, id: string): Promise<RunView> {
  const scope = licenceScope(caller);
  const run = await stores.licenceRuns.get(caller.partnershipId, id);
  if (!run) throw notFound(`There is no licence run ${id}.`);
  return runView(scope, run.record);
}

/** Shapes a stored run for a caller of this scope. */
export function runView(scope: LicenceScope, run: Stored<LicenceRun>): RunView {
  const { totals, reports } = run;
  return {
    id: run.id,
    partnershipId: run.partnershipId,
    sequence: run.sequence,
    trigger: run.trigger,
    requestedBy: run.requestedBy,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    inputs: run.inputs,
    progress: run.progress,
    totals: totals && totalsFor(scope, totals),
    reports: reports && {
      ...(scope.kind === 'partnership' ? { all: reports.all } : {}),
      byPartner: visibleCouncils(scope, reports.byPartner),
    },
    delivery: (run.delivery ?? []).filter((sent) => canSeeCouncil(scope, sent.partnerCode)),
    error: run.error,
  };
}

/** All of the totals for the partnership; for a council, only its own entry of `byPartner`, as its totals too. */
function totalsFor(scope: LicenceScope, totals: RunTotals): RunTotals | CouncilRunTotals {
  if (scope.kind === 'partnership') return { ...totals, byPartner: { ...totals.byPartner } };
  const own = totals.byPartner[scope.partnerCode] ?? { count: 0, annualCostPence: 0 };
  return {
    findings: own.count,
    annualCostPence: own.annualCostPence,
    byPartner: { [scope.partnerCode]: { count: own.count, annualCostPence: own.annualCostPence } },
  };
}
