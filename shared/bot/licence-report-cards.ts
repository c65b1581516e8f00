import type { CardContext } from '../cards/card-viewer';
import { licenceSummaryCard, topLicenceFindings } from '../cards/licence-summary-card';
import type { Finding } from '../licences/find-waste';
import type { LicenceRun, RunTotals } from '../licences/licence-run';
import type { Stores } from '../stores/stores';
import { cardRecipients } from './approvers';
import type { AdaptiveCardJson, BotMessenger } from './bot-messenger';

/** What each council's licence administrators were sent, or why not. */
export type LicenceCardDelivery = { partnerCode: string; sent: number; notInstalled: number; failed: string[] };

/**
 * After a scheduled reconciliation: each council's licence administrators (the approvers listed with the
 * `licence-admin` role) who installed the app get the run's summary card, with that council's figures only: the
 * findings involving it (its own and the cross-tenant ones it shares, as its mailed report has them), the cost to
 * it, its costliest findings, and links to the tab's licence page and the council's CSV. An administrator who has
 * not installed the app is counted, not reached; a failed send is reported, and the others still get theirs.
 */
export async function sendLicenceReportCards(
  stores: Pick<Stores, 'partnerships' | 'approvers' | 'conversationReferences' | 'licenceFindings'>,
  messenger: BotMessenger,
  run: Pick<LicenceRun, 'id' | 'partnershipId' | 'startedAt' | 'finishedAt' | 'totals' | 'inputs'>,
  context: CardContext,
): Promise<LicenceCardDelivery[]> {
  const partnerCodes = [...new Set(run.inputs.tenants.map((tenant) => tenant.partnerCode))];
  const recipients = await cardRecipients(stores, run.partnershipId, partnerCodes, 'licence-admin');
  const deliveries: LicenceCardDelivery[] = [];
  for (const partnerCode of partnerCodes) {
    const admins = recipients.filter((r) => r.partnerCode === partnerCode);
    const reachable = admins.flatMap((r) => (r.conversation ? [r.conversation] : []));
    const delivery: LicenceCardDelivery = {
      partnerCode,
      sent: 0,
      notInstalled: admins.length - reachable.length,
      failed: [],
    };
    deliveries.push(delivery);
    if (reachable.length === 0) continue;
    const findings = await stores.licenceFindings.list(run.partnershipId, run.id, { partnerCode });
    const card = councilLicenceCard(run, partnerCode, findings, context);
    const sent = await Promise.allSettled(reachable.map((conversation) => messenger.sendCard(conversation, card)));
    for (const [index, outcome] of sent.entries()) {
      if (outcome.status === 'fulfilled') delivery.sent += 1;
      else {
        const reason = outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
        delivery.failed.push(`${reachable[index]?.userName ?? 'an administrator'}: ${reason}`);
      }
    }
  }
  return deliveries;
}

/** The summary card as one council sees it: only the findings involving it, costed to it. */
export function councilLicenceCard(
  run: Pick<LicenceRun, 'id' | 'startedAt' | 'finishedAt' | 'totals'>,
  partnerCode: string,
  findings: readonly Finding[],
  context: CardContext,
): AdaptiveCardJson {
  const mine = findings.filter((finding) => finding.partnerCodes.includes(partnerCode));
  const costed = mine.map((finding) => ({ ...finding, annualCostPence: finding.costByPartner[partnerCode] ?? 0 }));
  return licenceSummaryCard(
    {
      id: run.id,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      totals: councilTotals(run, partnerCode, costed),
    },
    {
      tabUrl: context.tabUrl,
      // The tab downloads it with the user's token; a link straight to the API would arrive without one.
      csvUrl: `${context.tabUrl}#/licences/runs/${encodeURIComponent(run.id)}`,
      topFindings: topLicenceFindings(costed),
    },
  );
}

function councilTotals(
  run: Pick<LicenceRun, 'totals'>,
  partnerCode: string,
  costed: readonly Finding[],
): RunTotals | null {
  if (!run.totals) return null;
  const byType: RunTotals['byType'] = {};
  for (const finding of costed) {
    const entry = byType[finding.type] ?? { count: 0, annualCostPence: 0 };
    byType[finding.type] = { count: entry.count + 1, annualCostPence: entry.annualCostPence + finding.annualCostPence };
  }
  const annualCostPence = costed.reduce((sum, finding) => sum + finding.annualCostPence, 0);
  return {
    ...run.totals,
    findings: costed.length,
    annualCostPence,
    byType,
    byPartner: { [partnerCode]: { count: costed.length, annualCostPence } },
  };
}
