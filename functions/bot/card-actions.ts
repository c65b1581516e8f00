import { registerApprovalCards } from '../../shared/bot/approval-cards';
import { CardActionRegistry } from '../../shared/bot/card-actions';
import { getRuntime } from '../runtime';
import { cardContextOf } from './card-context';

/**
 * Every Adaptive Card action the bot answers, by verb: the workflows register their handlers here, as the
 * functions are listed in all-functions.ts, e.g. `cardActions.register('risk.decide', decideFromCard)`.
 */
export const cardActions = new CardActionRegistry();

// Risk tolerations (tolerate, treat, transfer, terminate), bid shares (approveShare, rejectShare), refreshCard.
registerApprovalCards(cardActions, () => cardContextOf(getRuntime()));
