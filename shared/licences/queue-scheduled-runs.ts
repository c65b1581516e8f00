import { DomainError } from '../errors';
import type { ReconcilerDeps } from './reconciler-deps';
import { requestRun } from './request-run';

/**
 * The weekly schedule: queues a run for every partnership set up for one. One partnership that cannot run
 * (already running, or its store unreachable) never keeps the others from theirs; each outcome is logged.
 */
export async function queueScheduledRuns(
  deps: Pick<ReconcilerDeps, 'stores' | 'lease' | 'queue' | 'now' | 'log'>,
  partnershipIds: readonly string[],
): Promise<{ queued: string[]; skipped: { partnershipId: string; reason: string }[] }> {
  const queued: string[] = [];
  const skipped: { partnershipId: string; reason: string }[] = [];
  for (const partnershipId of partnershipIds) {
    try {
      const run = await requestRun(deps, partnershipId, 'schedule', null);
      queued.push(run.id);
      deps.log(`queued licence run ${run.id} for ${partnershipId}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      skipped.push({ partnershipId, reason });
      deps.log(
        `no licence run queued for ${partnershipId}${error instanceof DomainError ? '' : ' (error)'}: ${reason}`,
      );
    }
  }
  return { queued, skipped };
}
