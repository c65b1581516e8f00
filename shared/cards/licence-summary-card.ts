import type { Finding, FindingType } from '../licences/find-waste';
import type { LicenceRun } from '../licences/licence-run';
import { type AdaptiveCard, adaptiveCard, type CardAction, type CardElement } from './parts/adaptive-card';
import { factSet } from './parts/facts';
import { formatDateTime, formatPounds } from './parts/format';
import { cardHeader } from './parts/header';
import { openInTab } from './parts/links';
import { plainText, run, sectionHeading, textBlock } from './parts/text';

export { formatPounds };

const TYPE_LABELS: Record<FindingType, string> = {
  'duplicate-seat': 'Same person licensed in two tenants',
  'leaver-licensed': 'Leavers still licensed',
  'disabled-licensed': 'Disabled accounts still licensed',
  'inactive-licensed': 'No sign-in for a long time',
  'overlapping-skus': 'Overlapping licences on one account',
  'starter-already-licensed': 'Starters already licensed elsewhere',
};

/** The run a summary is made from: its totals, once it has them. */
export type LicenceSummaryRun = Pick<LicenceRun, 'id' | 'finishedAt' | 'startedAt' | 'totals'>;

/** One of the costliest findings, as the card lists it. */
export type LicenceTopFinding = {
  type: FindingType;
  /** Whose seats: the accounts' display names. */
  people: string;
  councils: string[];
  annualCostPence: number;
};

export type LicenceSummaryOptions = {
  /** The tab's base address: adds a button to its licence page. */
  tabUrl?: string;
  /** Where the run's CSV can be downloaded. */
  csvUrl?: string;
  /** A report page of the run, where one is published. */
  reportUrl?: string;
  topFindings?: readonly LicenceTopFinding[];
};

/** The costliest findings first, at most `count`, as the summary card lists them. */
export function topLicenceFindings(findings: readonly Finding[], count = 5): LicenceTopFinding[] {
  return [...findings]
    .sort((a, b) => b.annualCostPence - a.annualCostPence || a.id.localeCompare(b.id))
    .slice(0, count)
    .map((finding) => ({
      type: finding.type,
      people: [...new Set(finding.accounts.map((account) => account.displayName))].join(', '),
      councils: finding.partnerCodes,
      annualCostPence: finding.annualCostPence,
    }));
}

/**
 * The Adaptive Card the bot posts after a run: the total annual waste, each council's share, the count and cost
 * of each kind of finding and the costliest findings, with buttons to the tab's licence page and the CSV. Pure:
 * the run in, the card out.
 */
export function licenceSummaryCard(licenceRun: LicenceSummaryRun, options: LicenceSummaryOptions = {}): AdaptiveCard {
  const { id, finishedAt, startedAt, totals } = licenceRun;
  return adaptiveCard({
    body: [
      ...cardHeader({
        title: 'Licence reconciliation',
        subtitle: `Run ${id}, ${formatDateTime(finishedAt ?? startedAt)}`,
      }),
      ...(totals ? totalsOf(totals, options.topFindings ?? []) : []),
    ],
    actions: linksOf(options),
  });
}

/** Nulls stand for fact sets with nothing in them, which the card leaves out. */
function totalsOf(
  totals: NonNullable<LicenceRun['totals']>,
  top: readonly LicenceTopFinding[],
): (CardElement | null)[] {
  const headline = textBlock(`${formatPounds(totals.annualCostPence)} a year in ${totals.findings} findings`, {
    size: 'Large',
    weight: 'Bolder',
    color: totals.findings > 0 ? 'Attention' : 'Good',
  });
  if (totals.findings === 0) return [headline, textBlock('No seats to recover: every licence is in use.')];
  return [
    headline,
    factSet(
      Object.entries(totals.byPartner).map(([code, partner]) => [
        code,
        `${formatPounds(partner.annualCostPence)} (${partner.count} ${partner.count === 1 ? 'finding' : 'findings'})`,
      ]),
    ),
    factSet(
      Object.entries(totals.byType).map(([type, entry]) => [
        TYPE_LABELS[type as FindingType],
        `${entry?.count ?? 0}, ${formatPounds(entry?.annualCostPence ?? 0)}`,
      ]),
    ),
    ...(top.length > 0
      ? [
          sectionHeading('Costliest findings'),
          ...top.map((finding) =>
            plainText(
              [
                run(`${formatPounds(finding.annualCostPence)} a year`, { weight: 'Bolder' }),
                run(`: ${TYPE_LABELS[finding.type]}, ${finding.people} (${finding.councils.join(', ')})`),
              ],
              { spacing: 'Small' },
            ),
          ),
        ]
      : []),
  ];
}

function linksOf(options: LicenceSummaryOptions): CardAction[] {
  const links: CardAction[] = [];
  if (options.tabUrl) links.push(openInTab(options.tabUrl, 'licences'));
  if (options.csvUrl) links.push({ type: 'Action.OpenUrl', title: 'Download the CSV', url: options.csvUrl });
  if (options.reportUrl) links.push({ type: 'Action.OpenUrl', title: 'Open the report', url: options.reportUrl });
  return links;
}
