/**
 * What the cards' Action.Execute buttons send the bot: a verb, and data that holds only ids (and a version token),
 * never a record's text or amounts. The bot re-reads the record by these ids and checks the acting user itself;
 * Teams adds the comment input's value beside them (`comment`).
 */
import { REFRESH_VERB } from './parts/refresh';

export { REFRESH_VERB };

export const RISK_TOLERATION_CARD = 'risk-toleration';
export const CAPITAL_BID_CARD = 'capital-bid';

/** The verb of each response to a risk. */
export const RISK_RESPONSE_VERBS = {
  tolerate: 'tolerate',
  treat: 'treat',
  transfer: 'transfer',
  terminate: 'terminate',
} as const;

/** The verbs of a council's answer on its share of a bid. */
export const BID_SHARE_VERBS = { approve: 'approveShare', reject: 'rejectShare' } as const;

/** A risk toleration card's buttons; the refresh action sends the same without `councilCode`. */
export type RiskTolerationActionData = {
  card: typeof RISK_TOLERATION_CARD;
  tolerationId: string;
  riskId: string;
  /** The version of the risk the card showed: a decision on another version records nothing. */
  riskVersion: string;
  /** The council the approver decides for; the bot checks it against who they are. */
  councilCode?: string;
};

/** A capital bid card's buttons; the refresh action sends the same without `councilCode`. */
export type CapitalBidActionData = {
  card: typeof CAPITAL_BID_CARD;
  bidId: string;
  /** The round of approval (a rejected bid can be re-scoped and resubmitted). */
  round: number;
  /** The bid's version (ETag) the card showed. */
  version: string;
  councilCode?: string;
};

/** Every key a card's action data may hold, per card: ids and version tokens only. */
export const ACTION_DATA_KEYS = {
  [RISK_TOLERATION_CARD]: ['card', 'tolerationId', 'riskId', 'riskVersion', 'councilCode'],
  [CAPITAL_BID_CARD]: ['card', 'bidId', 'round', 'version', 'councilCode'],
} as const satisfies Record<string, readonly string[]>;
