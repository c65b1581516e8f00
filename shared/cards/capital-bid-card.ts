import type { CapitalBidDecisionView, CapitalBidShareView, CapitalBidView } from './capital-bid-view';
import { BID_SHARE_VERBS, CAPITAL_BID_CARD, type CapitalBidActionData } from './card-actions';
import type { CardContext, CardViewer } from './card-viewer';
import { type AdaptiveCard, adaptiveCard, type CardElement } from './parts/adaptive-card';
import { commentInput } from './parts/comment-input';
import { decisionButtons } from './parts/decision-buttons';
import { type DecisionEntry, decisionHistory } from './parts/decision-history';
import { factSet } from './parts/facts';
import { countOf, formatDate, formatDateTime, formatFinancialYear, formatWholePounds } from './parts/format';
import { cardHeader, councilNames } from './parts/header';
import { openInTab } from './parts/links';
import { notice } from './parts/notice';
import { refreshFor } from './parts/refresh';
import { plainText, run, sectionHeading, textBlock } from './parts/text';
import { councilsToDecide, standingOf, type ViewerStanding } from './parts/viewer-standing';

const DECISION_LABELS = { approve: 'Approved', reject: 'Rejected' } as const;

/**
 * The card asking each council with a share of a capital bid to approve its share, as one viewer sees it: the
 * shares with the viewer's council marked, the total and footnotes, each council's answer and the outcome;
 * Approve / Reject with a comment for an approver who can decide now; read-only for everyone else.
 */
export function capitalBidCard(view: CapitalBidView, viewer: CardViewer, context: CardContext): AdaptiveCard {
  const open = view.outcome.state === 'awaiting';
  const holders = view.shares.filter((share) => share.amount > 0);
  const asked = holders.map((share) => share.council.code);
  const standing = standingOf(viewer, asked, view.decisions, open);
  const ids: CapitalBidActionData = {
    card: CAPITAL_BID_CARD,
    bidId: view.bidId,
    round: view.round,
    version: view.version,
  };
  return adaptiveCard({
    body: [
      ...cardHeader({
        title: 'Capital bid: approval of each council’s share',
        subtitle: `Bid ${view.bidId}, ${formatFinancialYear(view.year)}, round ${view.round}`,
        councils: `Shares held by ${councilNames(holders.map((share) => share.council)) || 'no council'}`,
      }),
      plainText([run(view.title, { weight: 'Bolder' })], { spacing: 'Medium' }),
      outcomeNotice(view, holders.length),
      ...standingNotice(view, viewer, standing),
      sectionHeading('Shares'),
      factSet(
        [
          ...view.shares.map((share) => shareFact(share, share.council.code === viewer.councilCode)),
          ['Total', formatWholePounds(view.total)],
        ],
        { spacing: 'Small' },
      ),
      factSet(
        [
          ['Year', formatFinancialYear(view.year)],
          ['Submitted', `by ${view.submitted.by}, ${formatDateTime(view.submitted.at)}`],
          ['Round', String(view.round)],
        ],
        { spacing: 'Medium' },
      ),
      ...footnotes(view),
      ...decisionHistory('Decisions', decisionEntries(view, holders, open)),
      ...(standing.kind === 'can-decide' ? decisionControls({ ...ids, councilCode: viewer.councilCode }) : []),
    ],
    actions: [openInTab(context.tabUrl, 'bids', view.bidId)],
    refresh: refreshFor(ids, view.pendingApprovers, councilsToDecide(asked, view.decisions, open)),
  });
}

/** Each share-holding council, with its answer or that it has not answered. */
function decisionEntries(
  view: CapitalBidView,
  holders: readonly CapitalBidShareView[],
  open: boolean,
): DecisionEntry[] {
  return holders.map(({ council }) => {
    const decision = view.decisions.find((entry) => entry.councilCode === council.code);
    if (!decision) return { council, status: open ? 'awaiting approval' : 'no decision' };
    return {
      council,
      status: DECISION_LABELS[decision.decision],
      by: decision.by.name,
      at: decision.at,
      comment: decision.comment,
    };
  });
}

/** The comment, and Approve / Reject for the viewer's council's share. */
function decisionControls(data: CapitalBidActionData): CardElement[] {
  return [
    commentInput('Comment (optional)', 'Why you approve or reject: it is kept with your decision'),
    decisionButtons(
      [
        { title: 'Approve share', verb: BID_SHARE_VERBS.approve, style: 'positive' },
        { title: 'Reject share', verb: BID_SHARE_VERBS.reject, style: 'destructive' },
      ],
      data,
    ),
  ];
}

/** A share as a fact; the viewer's council is marked in words, so the mark does not depend on colour. */
function shareFact(share: CapitalBidShareView, isViewers: boolean): readonly [string, string] {
  const title = `${share.council.name} (${share.council.code})${isViewers ? ', your council' : ''}`;
  const remarks = [
    share.amount === 0 ? 'no share, not asked' : '',
    share.movedToRevenue ? 'moved to revenue' : '',
  ].filter(Boolean);
  const amount = formatWholePounds(share.amount);
  return [title, remarks.length > 0 ? `${amount} (${remarks.join(', ')})` : amount];
}

function outcomeNotice(view: CapitalBidView, holders: number) {
  const { outcome } = view;
  switch (outcome.state) {
    case 'awaiting': {
      const approved = view.decisions.filter((entry) => entry.decision === 'approve').length;
      return notice(
        `Awaiting approval: ${approved} of ${countOf(holders, 'council')} approved`,
        'neutral',
        'The bid is approved when every council with a share approves it, and rejected when one rejects it.',
      );
    }
    case 'approved':
      return notice(`Outcome: approved ${formatDate(outcome.at)}`, 'good');
    case 'rejected':
      return notice(
        `Outcome: rejected ${formatDate(outcome.at)}`,
        'attention',
        'The submitter can re-scope the bid and submit it again.',
      );
    case 'moved-to-revenue':
      return notice(
        `Outcome: moved to revenue ${formatDate(outcome.at)}`,
        'warning',
        outcome.by ? `Marked by ${outcome.by}.` : undefined,
      );
  }
}

function standingNotice(
  view: CapitalBidView,
  viewer: CardViewer,
  standing: ViewerStanding<CapitalBidDecisionView>,
): CardElement[] {
  const share = view.shares.find((entry) => entry.council.code === viewer.councilCode);
  const councilName = share ? `${share.council.name} (${share.council.code})` : viewer.councilCode;
  const amount = share ? formatWholePounds(share.amount) : '';
  switch (standing.kind) {
    case 'can-decide':
      return [notice(`Your approval of the ${councilName} share, ${amount}, is needed`, 'neutral')];
    case 'decided': {
      const { decision } = standing;
      const what = `${DECISION_LABELS[decision.decision]} the ${amount} share, ${formatDateTime(decision.at)}`;
      return [
        notice(
          standing.byViewer ? `You decided: ${what}` : `${councilName}: ${what}, by ${decision.by.name}`,
          'neutral',
        ),
      ];
    }
    case 'council-waiting':
      return [
        textBlock(`Your council’s share: ${amount}. Awaiting its bid approvers; only they can decide.`, {
          weight: 'Bolder',
          spacing: 'Medium',
        }),
      ];
    case 'council-closed':
      return [textBlock(`Your council’s share: ${amount}. No decision is needed now.`, { spacing: 'Medium' })];
    case 'not-asked':
      return [
        textBlock(
          share
            ? `${councilName} has no share of this bid and is not asked: this card is for information.`
            : `${viewer.councilCode} has no share of this bid: this card is for information.`,
          { spacing: 'Medium' },
        ),
      ];
  }
}

/** The plan's notes on the bid and on its shares, as written. */
function footnotes(view: CapitalBidView): CardElement[] {
  const notes = [
    ...view.shares.flatMap((share) => (share.note?.trim() ? [`${share.council.code}: ${share.note}`] : [])),
    ...view.notes.filter((note) => note.trim()),
  ];
  if (notes.length === 0) return [];
  return [sectionHeading('Notes'), ...notes.map((note) => plainText(note, { spacing: 'None' }))];
}
