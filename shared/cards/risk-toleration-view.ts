import type { CouncilRef, PendingApprover } from './card-viewer';

/** The Orange Book's responses to a risk. */
export type RiskResponseName = 'tolerate' | 'treat' | 'transfer' | 'terminate';
export type RiskLevelName = 'High' | 'Medium' | 'Low' | 'Unrated';

/** The risk as it stands now: a card always shows the current text and rating. */
export type RiskView = {
  category: string;
  text: string;
  mitigation: string;
  recommendation: string;
  probability: string | null;
  impact: string | null;
  /** Probability times impact, 1 to 16; null while unrated. */
  score: number | null;
  level: RiskLevelName;
  /** A token of the text and rating shown; the buttons send it back so a decision on an old version is refused. */
  version: string;
};

/** One council's decision on the request. */
export type RiskCouncilDecisionView = {
  councilCode: string;
  response: RiskResponseName;
  by: { userId: string; name: string };
  at: string;
  comment: string;
  /** Made on an earlier version of the risk than the one shown. */
  onEarlierVersion: boolean;
};

export type RiskTolerationOutcomeView =
  | { state: 'awaiting' }
  | { state: 'decided'; response: RiskResponseName; at: string }
  | { state: 'withdrawn'; at: string }
  | { state: 'expired'; at: string };

/** What a risk toleration card shows: a request to the councils of a risk, and where it has got to. */
export type RiskTolerationView = {
  tolerationId: string;
  riskId: string;
  /** The review round: 1 for the first request, then one more each time an expired toleration is re-requested. */
  round: number;
  /** Every council the risk belongs to, each asked to decide. */
  councils: CouncilRef[];
  joint: boolean;
  risk: RiskView;
  request: {
    /** Null when the daily review re-requested it on expiry. */
    by: string | null;
    at: string;
    reviewDays: number;
    recommendedResponse: RiskResponseName;
    note: string;
    /** The responses offered: tolerate and treat always, transfer and terminate where offered. */
    responses: RiskResponseName[];
  };
  /** The risk's text or rating changed after the request went out: decisions still to make are out of date. */
  changedSinceRequest: boolean;
  decisions: RiskCouncilDecisionView[];
  outcome: RiskTolerationOutcomeView;
  /** When a toleration runs out and comes back for review. */
  expiresAt: string | null;
  /** Approvers of the asked councils, for Teams to refresh the card for those still to decide. */
  pendingApprovers: PendingApprover[];
};
