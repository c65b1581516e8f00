import type { FindingType } from '../licences/find-waste';
import type { LicenceRun } from '../licences/licence-run';

const TYPE_LABELS: Record<FindingType, string> = {
  'duplicate-seat': 'Same person licensed in two tenants',
  'leaver-licensed': 'Leavers still licensed',
  'disabled-licensed': 'Disabled accounts still licensed',
  'inactive-licensed': 'No sign-in for a long time',
  'overlapping-skus': 'Overlapping licences on one account',
  'starter-already-licensed': 'Starters already licensed elsewhere',
};

/** Pounds for people: £1,234.50. */
export const formatPounds = (pence: number) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(pence / 100);

/**
 * The Adaptive Card (schema 1.5) the bot posts after a run: the total annual waste, each council's share and the
 * kinds of finding, with a button to the report in the tab. Pure: the run in, the card out.
 */
export function licenceSummaryCard(
  run: Pick<LicenceRun, 'id' | 'finishedAt' | 'startedAt' | 'totals'>,
  links: { reportUrl?: string } = {},
): Record<string, unknown> {
  const totals = run.totals;
  const when = new Date(run.finishedAt ?? run.startedAt).toUTCString().replace(' GMT', ' UTC');
  const body: Record<string, unknown>[] = [
    { type: 'TextBlock', text: 'Licence reconciliation', weight: 'Bolder', size: 'Medium', wrap: true },
    { type: 'TextBlock', text: `Run ${run.id}, ${when}`, isSubtle: true, spacing: 'None', wrap: true },
  ];
  if (totals) {
    body.push(
      {
        type: 'TextBlock',
        text: `${formatPounds(totals.annualCostPence)} a year in ${totals.findings} findings`,
        size: 'Large',
        weight: 'Bolder',
        color: totals.findings > 0 ? 'Attention' : 'Good',
        wrap: true,
      },
      {
        type: 'FactSet',
        facts: Object.entries(totals.byPartner).map(([code, partner]) => ({
          title: code,
          value: `${formatPounds(partner.annualCostPence)} (${partner.count} ${partner.count === 1 ? 'finding' : 'findings'})`,
        })),
      },
      {
        type: 'FactSet',
        facts: Object.entries(totals.byType).map(([type, entry]) => ({
          title: TYPE_LABELS[type as FindingType],
          value: `${entry?.count ?? 0}, ${formatPounds(entry?.annualCostPence ?? 0)}`,
        })),
      },
    );
  }
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(links.reportUrl
      ? { actions: [{ type: 'Action.OpenUrl', title: 'Open the report', url: links.reportUrl }] }
      : {}),
  };
}
