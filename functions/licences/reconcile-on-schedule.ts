import type { InvocationContext, Timer } from '@azure/functions';
import { DEFAULT_RECONCILE_SCHEDULE } from '../../shared/config/settings';
import { queueScheduledRuns } from '../../shared/licences/queue-scheduled-runs';
import { timerFunction } from '../registry';
import { getRuntime } from '../runtime';

/** Queues a reconciliation of every partnership set up for one; each run emails its councils' reports. */
async function reconcileOnSchedule(_timer: Timer, context: InvocationContext): Promise<void> {
  const runtime = getRuntime();
  await queueScheduledRuns(
    { ...runtime.reconciler, log: (line) => context.log(line) },
    await runtime.reconciledPartnerships(),
  );
}

export const reconcileOnScheduleFunction = timerFunction('reconcileLicencesOnSchedule', {
  // Read at registration, when app settings are already in the environment; start-up validation checks it.
  schedule: process.env.LICENCE_RECONCILE_SCHEDULE ?? DEFAULT_RECONCILE_SCHEDULE,
  handler: reconcileOnSchedule,
});
