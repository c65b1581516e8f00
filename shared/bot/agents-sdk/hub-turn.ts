import type { TurnContext } from '@microsoft/agents-hosting';
import type { CardContext } from '../../cards/card-viewer';
import type { Partner, Partnership } from '../../schemas/partnership';
import type { Stores } from '../../stores/stores';
import type { BotMessenger } from '../bot-messenger';
import type { CardActionRegistry } from '../card-actions';

/**
 * What one turn of the bot needs beyond the activity: the partnership and council the activity's tenant was
 * matched to before the SDK saw it, the stores, the card action verbs. The adapter and the bot are shared by every
 * request of the process; this is handed to each turn through its turn state.
 */
export type HubTurn = {
  partnership: Partnership;
  partner: Partner;
  stores: Stores;
  cardActions: CardActionRegistry;
  /** What the cards the bot answers with link to (the tab). */
  cardContext: CardContext;
  messenger: BotMessenger;
  now: () => Date;
  log: (line: string) => void;
};

const HUB_TURN = Symbol('hub-turn');

export function setHubTurn(context: TurnContext, turn: HubTurn): void {
  context.turnState.set(HUB_TURN, turn);
}

export function hubTurnOf(context: TurnContext): HubTurn {
  const turn = context.turnState.get<HubTurn | undefined>(HUB_TURN);
  if (!turn) throw new Error('A turn reached the bot without the partnership it belongs to.');
  return turn;
}

/** The turn's partnership when the turn carries one (an error handler may see a turn that does not). */
export function hubTurnIfAny(context: TurnContext): HubTurn | undefined {
  return context.turnState.get<HubTurn | undefined>(HUB_TURN);
}
