import type { InvocationContext, Timer } from '@azure/functions';
import { deliverCardOutbox } from '../../shared/bot/card-outbox';
import { timerFunction } from '../registry';
import { getRuntime } from '../runtime';
import { cardContextOf } from './card-context';

/**
 * Every five minutes: the approval cards a request did not get out (a Bot Connector outage, or an instance that
 * stopped between recording a decision and updating the cards) are sent now. Nothing to do while no bot is set up.
 */
async function deliverCardOutboxEveryFewMinutes(_timer: Timer, context: InvocationContext): Promise<void> {
  const runtime = getRuntime();
  if (!runtime.bot) return;
  for (const partnershipId of await runtime.partnershipIds()) {
    // One partnership's failure (its store unreachable, say) is logged and the others are still delivered.
    const outcome = await deliverCardOutbox(
      runtime.stores,
      runtime.bot.messenger,
      partnershipId,
      new Date(),
      cardContextOf(runtime),
    ).catch((error: Error) => {
      context.error(`card outbox of ${partnershipId} not delivered: ${error.message}`);
      return null;
    });
    if (!outcome) continue;
    const { riskNotices, bids } = outcome;
    const sent = riskNotices.delivered.length + bids.delivered.length;
    const failed = [...riskNotices.failed, ...bids.failed];
    if (sent > 0 || failed.length > 0) {
      context.log(
        `card outbox of ${partnershipId}: ${riskNotices.delivered.length} risk notices and ${bids.delivered.length} bids delivered, ${failed.length} failed`,
      );
    }
    for (const failure of failed) context.warn(`card outbox ${failure.id}: ${failure.reason}`);
  }
}

export const deliverCardOutboxFunction = timerFunction('deliverApprovalCardOutbox', {
  schedule: '0 */5 * * * *',
  handler: deliverCardOutboxEveryFewMinutes,
});
