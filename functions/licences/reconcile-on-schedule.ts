import type { InvocationContext, Timer } from '@azure/functions';
import { DEFAULT_RECONCILE_SCHEDULE } from '../../shared/config/settings';
import { DomainError } from '../../shared/errors';
import { requestRun } from '../../shared/licences/request-run';
import { timerFunction } from '../registry';
import { getRuntime } from '../runtime';

/** Queues a reconciliation of every partnership set up for one; each run emails its councils' reports. */
async function reconcileOnSchedule(_timer: Timer, context: InvocationContext): Promise<void> {
  const runtime = getRuntime();
  const partnerships = await runtime.reconciledPartnerships();
  for (const partnershipId of partnerships) {
    try {
      const run = await requestRun(runtime.reconciler, partnershipId, 'schedule', null);
      context.log(`queued licence run ${run.id} for ${partnershipId}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      context.warn(`no licence run queued for ${partnershipId}: ${error.message}`);
    }
  }
}

export const reconcileOnScheduleFunction = timerFunction('reconcileLicencesOnSchedule', {
  // Read at registration, when app settings are already in the environment; start-up validation checks it.
  schedule: process.env.LICENCE_RECONCILE_SCHEDULE ?? DEFAULT_RECONCILE_SCHEDULE,
  handler: reconcileOnSchedule,
});
