import { RISK_RESPONSE_VERBS, RISK_TOLERATION_CARD, type RiskTolerationActionData } from './card-actions';
import type { CardContext, CardViewer } from './card-viewer';
import { type AdaptiveCard, adaptiveCard, type CardElement } from './parts/adaptive-card';
import { commentInput } from './parts/comment-input';
import { decisionButtons } from './parts/decision-buttons';
import { type DecisionEntry, decisionHistory } from './parts/decision-history';
import { factSet } from './parts/facts';
import { countOf, formatDate, formatDateTime } from './parts/format';
import { cardHeader, councilNames } from './parts/header';
import { openInTab } from './parts/links';
import { notice } from './parts/notice';
import { refreshFor } from './parts/refresh';
import { labelledText, textBlock } from './parts/text';
import { councilsToDecide, standingOf, type ViewerStanding } from './parts/viewer-standing';
import type { RiskCouncilDecisionView, RiskResponseName, RiskTolerationView } from './risk-toleration-view';

const RESPONSE_LABELS: Record<RiskResponseName, string> = {
  tolerate: 'Tolerate',
  treat: 'Treat',
  transfer: 'Transfer',
  terminate: 'Terminate',
};
const RESPONSE_ORDER: readonly RiskResponseName[] = ['tolerate', 'treat', 'transfer', 'terminate'];

/**
 * The card asking each council of a risk to tolerate it, as one viewer sees it: the risk as it stands, each
 * council's decision so far and the outcome; Tolerate / Treat (and Transfer / Terminate where offered) with a
 * comment for an approver who can decide now; a read-only card for everyone else.
 */
export function riskTolerationCard(view: RiskTolerationView, viewer: CardViewer, context: CardContext): AdaptiveCard {
  const open = view.outcome.state === 'awaiting';
  const asked = view.councils.map((council) => council.code);
  const standing = standingOf(viewer, asked, view.decisions, open);
  const ids: RiskTolerationActionData = {
    card: RISK_TOLERATION_CARD,
    tolerationId: view.tolerationId,
    riskId: view.riskId,
    riskVersion: view.risk.version,
  };
  return adaptiveCard({
    body: [
      ...cardHeader({
        title: 'Risk toleration request',
        subtitle: `Risk ${view.riskId}, review round ${view.round}`,
        councils: `${view.joint ? 'Joint risk of' : 'Risk of'} ${councilNames(view.councils)}`,
      }),
      outcomeNotice(view),
      open && view.changedSinceRequest && standing.kind !== 'can-decide'
        ? notice(
            'Out of date: the risk changed after this request was sent',
            'warning',
            'The card shows the risk as it stands now; decisions still to make are taken on this version.',
          )
        : null,
      ...standingNotice(view, viewer, standing),
      riskFacts(view),
      ...riskTexts(view),
      ...decisionHistory('Decisions', decisionEntries(view, open)),
      ...(standing.kind === 'can-decide' ? decisionControls(view, { ...ids, councilCode: viewer.councilCode }) : []),
    ],
    actions: [openInTab(context.tabUrl, 'risks', view.riskId)],
    refresh: refreshFor(ids, view.pendingApprovers, councilsToDecide(asked, view.decisions, open)),
  });
}

/** Each council of the risk, with its decision or that it has not decided. */
function decisionEntries(view: RiskTolerationView, open: boolean): DecisionEntry[] {
  return view.councils.map((council) => {
    const decision = view.decisions.find((entry) => entry.councilCode === council.code);
    if (!decision) return { council, status: open ? 'awaiting decision' : 'no decision' };
    return {
      council,
      status: RESPONSE_LABELS[decision.response],
      by: decision.by.name,
      at: decision.at,
      comment: decision.comment,
      ...(decision.onEarlierVersion ? { remark: 'Made on an earlier version of the risk.' } : {}),
    };
  });
}

/** The comment and a button per response offered, the recommended one marked positive. */
function decisionControls(view: RiskTolerationView, data: RiskTolerationActionData): CardElement[] {
  const { responses, recommendedResponse } = view.request;
  return [
    commentInput('Comment (optional)', 'Why you decide so: it is kept with your decision'),
    decisionButtons(
      RESPONSE_ORDER.filter((response) => responses.includes(response)).map((response) => ({
        title: RESPONSE_LABELS[response],
        verb: RISK_RESPONSE_VERBS[response],
        ...(response === recommendedResponse ? { style: 'positive' as const } : {}),
      })),
      data,
    ),
  ];
}

function outcomeNotice(view: RiskTolerationView) {
  const { outcome } = view;
  switch (outcome.state) {
    case 'awaiting': {
      const decided = `${view.decisions.length} of ${countOf(view.councils.length, 'council')} decided`;
      return notice(
        `Awaiting decisions: ${decided}`,
        'neutral',
        view.joint ? 'A joint risk is tolerated only when every council involved tolerates it.' : undefined,
      );
    }
    case 'decided':
      if (outcome.response === 'tolerate') {
        const until = view.expiresAt ? ` until ${formatDate(view.expiresAt)}` : '';
        return notice(`Outcome: tolerated${until}`, 'good', `Decided ${formatDateTime(outcome.at)}.`);
      }
      return notice(
        `Outcome: ${RESPONSE_LABELS[outcome.response].toLowerCase()}`,
        outcome.response === 'treat' ? 'attention' : 'warning',
        `The risk is not tolerated. Decided ${formatDateTime(outcome.at)}.`,
      );
    case 'withdrawn':
      return notice(`Withdrawn ${formatDate(outcome.at)}: no decision is needed`, 'neutral');
    case 'expired':
      return notice(`Expired ${formatDate(outcome.at)}: the toleration is back for review`, 'warning');
  }
}

function standingNotice(
  view: RiskTolerationView,
  viewer: CardViewer,
  standing: ViewerStanding<RiskCouncilDecisionView>,
): CardElement[] {
  const council = view.councils.find((entry) => entry.code === viewer.councilCode);
  const councilName = council ? `${council.name} (${council.code})` : viewer.councilCode;
  switch (standing.kind) {
    case 'can-decide':
      return [
        view.changedSinceRequest
          ? notice(
              `Your decision for ${councilName} is needed, and the request is out of date`,
              'warning',
              'The risk changed after you were asked. Read it again before you decide: your decision records the risk as shown here.',
            )
          : notice(
              `Your decision for ${councilName} is needed`,
              'neutral',
              `Recommended: ${RESPONSE_LABELS[view.request.recommendedResponse]}.`,
            ),
      ];
    case 'decided': {
      const { decision } = standing;
      const what = `${RESPONSE_LABELS[decision.response]}, ${formatDateTime(decision.at)}`;
      return [
        notice(
          standing.byViewer ? `You decided: ${what}` : `${councilName} decided: ${what}, by ${decision.by.name}`,
          'neutral',
          decision.onEarlierVersion ? 'That decision was made on an earlier version of the risk.' : undefined,
        ),
      ];
    }
    case 'council-waiting':
      return [
        textBlock(`Awaiting a decision from the risk approvers of ${councilName}. Only they can decide.`, {
          spacing: 'Medium',
        }),
      ];
    case 'council-closed':
      return [textBlock(`No decision from ${councilName} is needed now.`, { spacing: 'Medium' })];
    case 'not-asked':
      return [
        textBlock(`${viewer.councilCode} is not asked about this risk: this card is for information.`, {
          spacing: 'Medium',
        }),
      ];
  }
}

function riskFacts(view: RiskTolerationView) {
  const { risk, request } = view;
  return factSet(
    [
      ['Category', risk.category],
      ['Probability', risk.probability ?? 'Not rated'],
      ['Impact', risk.impact ?? 'Not rated'],
      ['Score', risk.score === null ? 'Unrated' : `${risk.score} (${risk.level})`],
      ['Requested', `${request.by ? `by ${request.by}` : 'by the review, on expiry'}, ${formatDateTime(request.at)}`],
      ['Recommended', RESPONSE_LABELS[request.recommendedResponse]],
      [
        'Responses offered',
        RESPONSE_ORDER.filter((response) => request.responses.includes(response))
          .map((response) => RESPONSE_LABELS[response])
          .join(', '),
      ],
      ['Review period', countOf(request.reviewDays, 'day')],
      ['Toleration expires', view.expiresAt ? formatDate(view.expiresAt) : null],
    ],
    { spacing: 'Medium' },
  );
}

function riskTexts(view: RiskTolerationView): CardElement[] {
  const { risk, request } = view;
  return [
    ...labelledText('Risk', risk.text),
    ...(risk.mitigation.trim() ? labelledText('Mitigation', risk.mitigation) : []),
    ...(risk.recommendation.trim() ? labelledText('Recommendation and next actions', risk.recommendation) : []),
    ...(request.note.trim() ? labelledText('Note with the request', request.note) : []),
  ];
}
