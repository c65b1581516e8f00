import type { InvocationContext, Timer } from '@azure/functions';
import { DEFAULT_TOLERATION_REVIEW_SCHEDULE } from '../../shared/config/settings';
import { reviewTolerations } from '../../shared/risks/review-tolerations';
import { deliverRiskNotices } from '../bot/approval-notices';
import { timerFunction } from '../registry';
import { getRuntime } from '../runtime';

/** Daily: reminds approvers of tolerations about to expire and asks the councils again about expired ones. */
async function reviewTolerationsDaily(_timer: Timer, context: InvocationContext): Promise<void> {
  const runtime = getRuntime();
  for (const partnershipId of await runtime.tolerationPartnerships()) {
    const outcome = await reviewTolerations(runtime.stores, partnershipId);
    context.log(
      `toleration review of ${partnershipId}: ${outcome.reminded.length} reminded, ${outcome.expired.length} expired and asked again, ${outcome.failed.length} failed`,
    );
    for (const failure of outcome.failed) context.warn(`toleration ${failure.tolerationId}: ${failure.reason}`);
    await deliverRiskNotices(runtime, partnershipId, (line) => context.warn(line));
  }
}

export const reviewTolerationsFunction = timerFunction('reviewRiskTolerations', {
  // Read at registration, when app settings are already in the environment; start-up validation checks it.
  schedule: process.env.TOLERATION_REVIEW_SCHEDULE ?? DEFAULT_TOLERATION_REVIEW_SCHEDULE,
  handler: reviewTolerationsDaily,
});
