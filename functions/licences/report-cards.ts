import { sendLicenceReportCards } from '../../shared/bot/licence-report-cards';
import type { LicenceRun } from '../../shared/licences/licence-run';
import type { Runtime } from '../../shared/runtime';
import type { Stored } from '../../shared/stores/record-store';
import { cardContextOf } from '../bot/card-context';

/**
 * What a reconciliation calls after a scheduled run's report is mailed: the bot posts each council's summary card
 * to its licence administrators who installed the app. Undefined while no bot is configured. A failure is logged,
 * never the run's.
 */
export function reportCardPoster(
  runtime: Pick<Runtime, 'bot' | 'stores' | 'settings'>,
  log: (line: string) => void,
): ((run: Stored<LicenceRun>) => Promise<void>) | undefined {
  const bot = runtime.bot;
  if (!bot) return undefined;
  return async (run) => {
    try {
      const deliveries = await sendLicenceReportCards(runtime.stores, bot.messenger, run, cardContextOf(runtime));
      for (const { partnerCode, sent, notInstalled, failed } of deliveries) {
        log(`[${run.id}] licence card to ${partnerCode}: ${sent} sent, ${notInstalled} without the app`);
        for (const failure of failed) log(`[${run.id}] licence card to ${partnerCode} not sent: ${failure}`);
      }
    } catch (error) {
      log(`[${run.id}] licence cards not posted: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}
