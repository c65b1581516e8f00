import type { Answer } from '../../components/answer-message';
import { formatDateTime } from '../plan/format';
import { listOf, outcomeText, RESPONSE_LABELS } from './risk-format';
import type { DecisionAnswer, RiskResponse } from './risk-types';

/** The API's answer to a decision, as the user reads it: recorded, or why nothing was. */
export function decisionAnswer(
  { result, toleration }: DecisionAnswer,
  council: string,
  response: RiskResponse,
): Answer {
  const category = (toleration.riskNow ?? toleration.requestedSnapshot).category;
  switch (result) {
    case 'recorded':
      return {
        intent: 'success',
        title: `Recorded: ${council} decided ${RESPONSE_LABELS[response]} on "${category}"`,
        text:
          toleration.status === 'awaiting'
            ? `The risk is still awaiting ${listOf(toleration.pendingCouncils)}.`
            : `${outcomeText(toleration)}.`,
      };
    case 'already-decided': {
      const own = toleration.councils.find((c) => c.partnerCode === council)?.decision;
      return {
        intent: 'info',
        title: `Nothing recorded: ${council} had already decided on "${category}"`,
        text: own
          ? `${RESPONSE_LABELS[own.response]}, by ${own.decidedBy.name}, ${formatDateTime(own.decidedAt)}.`
          : undefined,
      };
    }
    case 'closed':
      return {
        intent: 'warning',
        title: `Nothing recorded: the request on "${category}" is closed`,
        text: `${outcomeText(toleration)}.`,
      };
    case 'risk-changed':
      return {
        intent: 'warning',
        title: `Nothing recorded: "${category}" changed since this page showed it`,
        text: 'The page now shows the risk as it stands. Read it again, then decide.',
      };
  }
}
