import type { CouncilRef, PendingApprover } from './card-viewer';

export type BidShareDecisionName = 'approve' | 'reject';

/** One council's share of a bid, in whole pounds. Only councils with a share above zero are asked. */
export type CapitalBidShareView = {
  council: CouncilRef;
  amount: number;
  movedToRevenue: boolean;
  /** The plan's note on the share ("£150k allocated in 19/20"). */
  note: string | null;
};

/** A share-holding council's answer. */
export type CapitalBidDecisionView = {
  councilCode: string;
  decision: BidShareDecisionName;
  by: { userId: string; name: string };
  at: string;
  comment: string;
};

export type CapitalBidOutcomeView =
  | { state: 'awaiting' }
  | { state: 'approved'; at: string }
  | { state: 'rejected'; at: string }
  | { state: 'moved-to-revenue'; at: string; by: string | null };

/** What a capital bid card shows: a submitted bid, its shares, and each share-holding council's answer. */
export type CapitalBidView = {
  bidId: string;
  /** The bid's version (ETag) as read; the buttons send it back. */
  version: string;
  /** 1 when first submitted; one more each time a rejected bid is re-scoped and resubmitted. */
  round: number;
  title: string;
  /** Financial year, `2020-21`. */
  year: string;
  shares: CapitalBidShareView[];
  total: number;
  /** The bid's footnotes. */
  notes: string[];
  submitted: { by: string; at: string };
  decisions: CapitalBidDecisionView[];
  outcome: CapitalBidOutcomeView;
  /** Bid approvers of the share-holding councils, for Teams to refresh the card for those still to decide. */
  pendingApprovers: PendingApprover[];
};
