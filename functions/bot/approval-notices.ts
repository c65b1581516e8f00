import { sendBidCards } from '../../shared/bot/bid-cards';
import { deliverTolerationNotices } from '../../shared/bot/toleration-cards';
import type { Runtime } from '../../shared/runtime';
import { cardContextOf } from './card-context';

type Log = (line: string) => void;

/**
 * After a use-case queued risk notices (a request, a decision from the tab, a change, the daily review): the bot
 * delivers the partnership's outbox now. A failure is logged, never the request's: the notice stays undelivered
 * and the next delivery sends it. Nothing happens while no bot is configured.
 */
export async function deliverRiskNotices(
  runtime: Pick<Runtime, 'bot' | 'stores' | 'settings'>,
  partnershipId: string,
  log: Log,
): Promise<void> {
  if (!runtime.bot) return;
  try {
    const report = await deliverTolerationNotices(
      runtime.stores,
      runtime.bot.messenger,
      partnershipId,
      new Date(),
      cardContextOf(runtime),
    );
    for (const failure of report.failed) log(`risk notice ${failure.id} not delivered: ${failure.reason}`);
  } catch (error) {
    log(`risk notices of ${partnershipId} not delivered: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * After a bid was submitted, resubmitted or decided: its card goes to the bid approvers of the councils still to
 * decide, and every posted copy is updated. A failure is logged, never the request's.
 */
export async function deliverBidCards(
  runtime: Pick<Runtime, 'bot' | 'stores' | 'settings'>,
  partnershipId: string,
  bidId: string,
  log: Log,
): Promise<void> {
  if (!runtime.bot) return;
  try {
    const report = await sendBidCards(
      runtime.stores,
      runtime.bot.messenger,
      partnershipId,
      bidId,
      new Date(),
      cardContextOf(runtime),
    );
    for (const failure of report.failed) log(`bid ${bidId} card not delivered: ${failure}`);
  } catch (error) {
    log(`bid ${bidId} cards not delivered: ${error instanceof Error ? error.message : String(error)}`);
  }
}
