import type { Stored } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import type { LicenceRun } from './licence-run';

/**
 * The newest run that succeeded: its findings are the current report and its tenant state is where the next
 * run starts. Failed and unfinished runs are passed over, so a failure never replaces a good report.
 */
export async function latestSucceededRun(
  runs: Stores['licenceRuns'],
  partnershipId: string,
): Promise<Stored<LicenceRun> | null> {
  let continuationToken: string | undefined;
  do {
    const page = await runs.list(partnershipId, { pageSize: 50, newestFirst: true, continuationToken });
    const found = page.items.find((run) => run.status === 'succeeded');
    if (found) return found;
    continuationToken = page.continuationToken ?? undefined;
  } while (continuationToken);
  return null;
}
