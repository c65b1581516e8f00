import type { Caller } from '../identity/caller';
import type { Stored } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import { licenceScope } from './finding-access';
import type { LicenceRun, RunTotals } from './licence-run';

/** A year of weekly runs, or a couple of months of daily ones: enough for a trend, small enough for one answer. */
export const HISTORY_RUNS = 52;
const PAGE_SIZE = 50;

export type WastePoint = {
  runId: string;
  finishedAt: string;
  annualCostPence: number;
  byPartner: Record<string, number>;
};

/**
 * The trend chart: the annual cost of waste found by each succeeded run, oldest first. A licence administrator
 * gets only their own council's series (its figure counts the cross-tenant findings that would remove one of its
 * seats), never the partnership's total, which would tell them about the other councils' own waste.
 */
export async function wasteHistory(
  stores: Pick<Stores, 'licenceRuns'>,
  caller: Caller,
): Promise<{ points: WastePoint[] }> {
  const scope = licenceScope(caller);
  const runs = await recentSucceededRuns(stores.licenceRuns, caller.partnershipId);
  const points = runs.reverse().map((run): WastePoint => {
    const totals = run.totals as RunTotals;
    const byPartner =
      scope.kind === 'partnership'
        ? Object.fromEntries(Object.entries(totals.byPartner).map(([code, total]) => [code, total.annualCostPence]))
        : { [scope.partnerCode]: totals.byPartner[scope.partnerCode]?.annualCostPence ?? 0 };
    return {
      runId: run.id,
      finishedAt: run.finishedAt ?? run.startedAt,
      annualCostPence: scope.kind === 'partnership' ? totals.annualCostPence : (byPartner[scope.partnerCode] ?? 0),
      byPartner,
    };
  });
  return { points };
}

/** The newest succeeded runs, newest first, reading pages until there are enough or none are left. */
async function recentSucceededRuns(runs: Stores['licenceRuns'], partnershipId: string): Promise<Stored<LicenceRun>[]> {
  const found: Stored<LicenceRun>[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await runs.list(partnershipId, { pageSize: PAGE_SIZE, newestFirst: true, continuationToken });
    found.push(...page.items.filter((run) => run.status === 'succeeded' && run.totals));
    continuationToken = page.continuationToken ?? undefined;
  } while (continuationToken && found.length < HISTORY_RUNS);
  return found.slice(0, HISTORY_RUNS);
}
