import type { PendingApprover } from '../cards/card-viewer';
import type { RiskTolerationOutcomeView, RiskTolerationView } from '../cards/risk-toleration-view';
import type { TolerationView } from './toleration-view';

/**
 * A round as the risk toleration card shows it. The card always shows the risk as it stands now (or as it was asked
 * about, if it has left the register); `pendingApprovers` come from the bot, which knows the approvers' Teams ids.
 */
export function toCardView(view: TolerationView, pendingApprovers: PendingApprover[] = []): RiskTolerationView {
  const risk = view.riskNow ?? view.requestedSnapshot;
  return {
    tolerationId: view.id,
    riskId: view.riskId,
    round: view.round,
    councils: view.councils.map((council) => ({ code: council.partnerCode, name: council.name })),
    joint: view.partnerCodes.length > 1,
    risk: {
      category: risk.category,
      text: risk.risk,
      mitigation: risk.mitigation,
      recommendation: risk.recommendation,
      probability: risk.probability,
      impact: risk.impact,
      score: risk.score,
      level: risk.level,
      version: risk.version,
    },
    request: {
      by: view.requestedBy?.name ?? null,
      at: view.requestedAt,
      reviewDays: view.reviewDays,
      recommendedResponse: view.recommendedResponse,
      note: view.note,
      responses: view.responses,
    },
    changedSinceRequest: view.status === 'awaiting' && view.riskChangedSinceRequest,
    decisions: view.councils.flatMap((council) =>
      council.decision
        ? [
            {
              councilCode: council.partnerCode,
              response: council.decision.response,
              by: { userId: council.decision.decidedBy.objectId, name: council.decision.decidedBy.name },
              at: council.decision.decidedAt,
              comment: council.decision.comment,
              onEarlierVersion: council.outOfDate,
            },
          ]
        : [],
    ),
    outcome: outcomeOf(view),
    expiresAt: view.expiresAt,
    pendingApprovers,
  };
}

function outcomeOf(view: TolerationView): RiskTolerationOutcomeView {
  if (view.status === 'decided' && view.outcome && view.decidedAt) {
    return { state: 'decided', response: view.outcome, at: view.decidedAt };
  }
  if (view.status === 'withdrawn' && view.withdrawnAt) return { state: 'withdrawn', at: view.withdrawnAt };
  if (view.status === 'expired' && view.expiredAt) return { state: 'expired', at: view.expiredAt };
  return { state: 'awaiting' };
}
