import type { InvocationContext } from '@azure/functions';
import { z } from 'zod';
import { executeRun } from '../../shared/licences/execute-run';
import { queueFunction } from '../registry';
import { getRuntime } from '../runtime';
import { reportCardPoster } from './report-cards';

const message = z.object({ partnershipId: z.string().min(1), runId: z.string().min(1) }).strict();

/** Works through a queued reconciliation, off the request that asked for it; a malformed message is dropped. */
async function runReconciliation(queued: unknown, context: InvocationContext): Promise<void> {
  const parsed = message.safeParse(queued);
  if (!parsed.success) {
    context.error(`Dropped a message that is not a run request: ${JSON.stringify(queued).slice(0, 200)}`);
    return;
  }
  const runtime = getRuntime();
  // The host counts deliveries: a run whose worker keeps dying part-way is given up, not retried for ever.
  const attempt = Number(context.triggerMetadata?.dequeueCount ?? 1);
  const log = (line: string) => context.log(line);
  const postReportCards = reportCardPoster(runtime, log);
  await executeRun(
    { ...runtime.reconciler, log, ...(postReportCards ? { postReportCards } : {}) },
    parsed.data,
    attempt,
  );
}

export const runReconciliationFunction = queueFunction('runLicenceReconciliation', {
  // An app setting, so each deployment (and each test) can have its own queue.
  queueName: '%LICENCE_RUN_QUEUE%',
  connection: 'HUB_STORAGE',
  handler: runReconciliation,
});
