import type { CapitalBid } from '../schemas/bids';

export type BidTotals = {
  /** Sum of every bid's share per partner code, in whole pounds; every partner appears, zero included. */
  byPartner: Record<string, number>;
  total: number;
  /** The part of `byPartner` that was moved from capital to revenue. */
  movedToRevenueByPartner: Record<string, number>;
};

/** Adds up the councils' shares of a set of capital bids, as the plan's TOTAL row does. */
export function totalBids(bids: readonly CapitalBid[], partnerCodes: readonly string[]): BidTotals {
  const byPartner = Object.fromEntries(partnerCodes.map((code) => [code, 0]));
  const movedToRevenueByPartner = Object.fromEntries(partnerCodes.map((code) => [code, 0]));
  for (const bid of bids) {
    for (const share of bid.shares) {
      byPartner[share.partnerCode] = (byPartner[share.partnerCode] ?? 0) + share.amount;
      if (share.movedToRevenue) {
        movedToRevenueByPartner[share.partnerCode] = (movedToRevenueByPartner[share.partnerCode] ?? 0) + share.amount;
      }
    }
  }
  const total = Object.values(byPartner).reduce((sum, amount) => sum + amount, 0);
  return { byPartner, total, movedToRevenueByPartner };
}
