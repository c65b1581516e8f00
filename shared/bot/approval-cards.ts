import { BID_SHARE_VERBS, CAPITAL_BID_CARD, REFRESH_VERB, RISK_RESPONSE_VERBS } from '../cards/card-actions';
import type { CardContext } from '../cards/card-viewer';
import { invalidInput } from '../errors';
import type { RiskResponse } from '../schemas/risk-tolerations';
import { bidShareHandler, refreshBidCard } from './bid-cards';
import type { CardActionHandler, CardActionRegistry } from './card-actions';
import { refreshTolerationCard, tolerationDecisionHandler } from './toleration-cards';

/**
 * Registers the approval workflows' card verbs: a response to a risk toleration request, a council's answer on its
 * share of a capital bid, and the refresh both cards ask Teams for (by the card's `card` field). `cardContext` gives
 * the tab's address for the cards' links, read when a card is built.
 */
export function registerApprovalCards(registry: CardActionRegistry, cardContext: () => CardContext): void {
  for (const [response, verb] of Object.entries(RISK_RESPONSE_VERBS)) {
    registry.register(verb, tolerationDecisionHandler(response as RiskResponse, cardContext));
  }
  registry.register(BID_SHARE_VERBS.approve, bidShareHandler('approve', cardContext));
  registry.register(BID_SHARE_VERBS.reject, bidShareHandler('reject', cardContext));
  registry.register(REFRESH_VERB, refreshApprovalCard(cardContext));
}

/** The viewer's own view of the card as the record stands: buttons only for an approver who can decide now. */
function refreshApprovalCard(cardContext: () => CardContext): CardActionHandler {
  return async (action) => {
    const kind = action.data.card;
    if (kind === CAPITAL_BID_CARD) return refreshBidCard(action, cardContext());
    if (kind === 'risk-toleration') return refreshTolerationCard(action, cardContext());
    throw invalidInput('This card does not say which record it shows.');
  };
}
