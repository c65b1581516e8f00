/**
 * What the risk toleration API answers (`shared/risks/risk-register.ts`, `toleration-view.ts`,
 * `shared/schemas/risk-tolerations.ts`), as the tab reads it.
 */

export type RiskResponse = 'tolerate' | 'treat' | 'transfer' | 'terminate';
export type RiskLevel = 'High' | 'Medium' | 'Low' | 'Unrated';

/** Where a risk stands with the councils, from its latest request. */
export type RiskTolerationStatus =
  | 'not-requested'
  | 'awaiting-decision'
  | 'tolerated'
  | 'expired'
  | 'withdrawn'
  | 'treat'
  | 'transfer'
  | 'terminate';

/** `GET /api/risk-register`: one risk with its score and where its toleration stands. */
export type RegisterEntry = {
  id: string;
  partnerCodes: string[];
  joint: boolean;
  /** The partner column as printed ("CCC/HDC/SCDC (joint risk)", "All"). */
  councilLabel: string;
  category: string;
  risk: string;
  mitigation: string;
  recommendation: string;
  probability: string | null;
  impact: string | null;
  score: number | null;
  level: RiskLevel;
  version: string;
  toleration: {
    status: RiskTolerationStatus;
    tolerationId: string | null;
    requestedAt: string | null;
    pendingCouncils: string[];
    decidedAt: string | null;
    expiresAt: string | null;
    riskChangedSinceRequest: boolean;
  };
};

export type MatrixCell = { probability: string; impact: string; score: number; level: RiskLevel; riskIds: string[] };

export type RiskRegister = {
  council: string | null;
  councils: { code: string; name: string }[];
  /** Likely first and High first. */
  matrix: { probabilities: string[]; impacts: string[]; cells: MatrixCell[] };
  unratedRiskIds: string[];
  risks: RegisterEntry[];
  counts: Record<RiskTolerationStatus, number>;
};

/** The risk as it stood when a toleration was requested or a council decided. */
export type RiskSnapshot = {
  councilLabel: string;
  partnerCodes: string[];
  category: string;
  risk: string;
  mitigation: string;
  recommendation: string;
  probability: string | null;
  impact: string | null;
  score: number | null;
  level: RiskLevel;
  version: string;
};

export type TolerationActor = { partnerCode: string; name: string; tenantId: string; objectId: string };

export type TolerationDecision = {
  partnerCode: string;
  response: RiskResponse;
  comment: string;
  decidedAt: string;
  decidedBy: TolerationActor;
  channel: 'teams-card' | 'api';
  riskSnapshot: RiskSnapshot;
};

export type CouncilDecisionState = {
  partnerCode: string;
  name: string;
  decision: TolerationDecision | null;
  /** Decided on an earlier version of the risk: the council is asked again. */
  outOfDate: boolean;
  state: 'pending' | 'decided' | 'not-needed';
};

export type TolerationStatus = 'awaiting' | 'decided' | 'withdrawn' | 'expired';

/** `GET /api/tolerations/{id}` and the items of `GET /api/tolerations`: one request (a round) as it stands. */
export type Toleration = {
  id: string;
  riskId: string;
  round: number;
  partnerCodes: string[];
  recommendedResponse: RiskResponse;
  note: string;
  responses: RiskResponse[];
  reviewDays: number;
  reviewDaysSource: 'request' | 'level';
  reason: 'request' | 'review';
  previousTolerationId: string | null;
  requestedAt: string;
  requestedBy: TolerationActor | null;
  requestedSnapshot: RiskSnapshot;
  decisions: TolerationDecision[];
  supersededDecisions: TolerationDecision[];
  status: TolerationStatus;
  outcome: RiskResponse | null;
  decidedAt: string | null;
  expiresAt: string | null;
  withdrawnAt: string | null;
  withdrawnBy: TolerationActor | null;
  expiredAt: string | null;
  etag: string;
  riskNow: RiskSnapshot | null;
  riskChangedSinceRequest: boolean;
  changedFields: string[];
  councils: CouncilDecisionState[];
  pendingCouncils: string[];
  daysToExpiry: number | null;
};

export type TolerationPage = { items: Toleration[]; continuationToken: string | null };

/** `POST /api/tolerations/{id}/decisions`: recorded, or why nothing was. */
export type DecisionResult = 'recorded' | 'already-decided' | 'closed' | 'risk-changed';
export type DecisionAnswer = { result: DecisionResult; toleration: Toleration };

/** `GET /api/toleration-settings`. */
export type TolerationSettings = { reviewDays: Record<RiskLevel, number>; isDefault: boolean };
