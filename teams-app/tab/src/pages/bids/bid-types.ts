/** What the capital bids API answers (`shared/bids/bid-view.ts`, `list-bids.ts`, `shared/schemas/bids.ts`). */

export type BidState = 'draft' | 'submitted' | 'approved' | 'rejected' | 'moved-to-revenue';

export type BidShare = { partnerCode: string; amount: number; movedToRevenue: boolean; note?: string };

export type BidActor = { partnerCode: string; name: string; tenantId: string; objectId: string };

/** One submission of the bid to the councils; a rejected bid resubmitted starts the next. */
export type BidRound = {
  number: number;
  /** Null for the round a business plan carries. */
  submittedAt: string | null;
  submittedBy: BidActor | null;
  title: string;
  shares: BidShare[];
  total: number;
  comment: string | null;
  outcome: 'approved' | 'rejected' | 'moved-to-revenue' | null;
  closedAt: string | null;
};

export type ShareDecision = {
  round: number;
  partnerCode: string;
  decision: 'approve' | 'reject';
  comment: string | null;
  decidedAt: string;
  decidedBy: BidActor;
  channel: 'teams-card' | 'api';
  asDecided: { title: string; amount: number; total: number; shares: BidShare[] };
};

export type RevenueMove = {
  round: number;
  partnerCode: string;
  amount: number;
  movedAt: string;
  movedBy: BidActor;
  note: string | null;
};

export type ShareState =
  | 'not-asked'
  | 'draft'
  | 'awaiting'
  | 'approved'
  | 'rejected'
  | 'moved-to-revenue'
  | 'not-decided';

/** A bid as the API answers it: the record with its history and where it stands now. */
export type Bid = {
  id: string;
  year: string;
  title: string;
  shares: BidShare[];
  total: number;
  notes: string[];
  status: BidState;
  origin: 'plan' | 'hub';
  draftedBy: BidActor | null;
  draftedAt: string | null;
  updatedAt: string | null;
  rounds: BidRound[];
  decisions: ShareDecision[];
  revenueMoves: RevenueMove[];
  /** The round the councils are deciding in (0 for a draft). */
  round: number;
  /** The councils still to decide, in the bid's order. */
  awaiting: string[];
  shareStates: { partnerCode: string; amount: number; state: ShareState }[];
};

export type PartnerAmounts = { byPartner: Record<string, number>; total: number };

export type BidTotals = {
  /** As the plan's TOTAL row: every bid's shares, moved to revenue included, drafts not. */
  byPartner: Record<string, number>;
  total: number;
  movedToRevenueByPartner: Record<string, number>;
  movedToRevenueTotal: number;
  capital: PartnerAmounts;
  approved: PartnerAmounts;
  submitted: PartnerAmounts;
  rejected: PartnerAmounts;
};

/** `GET /api/bids?year=`. */
export type BidList = { year: string | null; currency: 'GBP'; bids: Bid[]; totals: BidTotals };
