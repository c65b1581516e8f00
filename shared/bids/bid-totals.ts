import type { BidShare, BidState } from '../schemas/bids';

/** Amounts per partner code in whole pounds, every council listed (zero included), and their sum. */
export type PartnerAmounts = { byPartner: Record<string, number>; total: number };

export type BidTotals = {
  /** Every bid's shares per partner code, as the plan's TOTAL row adds them: moved to revenue included, drafts not. */
  byPartner: Record<string, number>;
  total: number;
  /** The part of `byPartner` that was moved from capital to revenue. */
  movedToRevenueByPartner: Record<string, number>;
  movedToRevenueTotal: number;
  /** `byPartner` less the shares moved to revenue: what is asked of capital. */
  capital: PartnerAmounts;
  /** Capital shares of bids every share-holding council has approved. */
  approved: PartnerAmounts;
  /** Capital shares of bids still awaiting decisions. */
  submitted: PartnerAmounts;
  /** Capital shares of rejected bids. */
  rejected: PartnerAmounts;
};

type Totalled = { status: BidState; shares: readonly Pick<BidShare, 'partnerCode' | 'amount' | 'movedToRevenue'>[] };

/**
 * Adds up the councils' shares of a set of capital bids, as the plan's TOTAL row does, and splits what stays
 * capital by where the bids stand. Drafts are not bids yet and count nowhere.
 */
export function totalBids(bids: readonly Totalled[], partnerCodes: readonly string[]): BidTotals {
  const amounts = () => new Amounts(partnerCodes);
  const all = amounts();
  const moved = amounts();
  const capital = amounts();
  const byState = { approved: amounts(), submitted: amounts(), rejected: amounts() };
  for (const bid of bids) {
    if (bid.status === 'draft') continue;
    for (const share of bid.shares) {
      all.add(share.partnerCode, share.amount);
      if (share.movedToRevenue) {
        moved.add(share.partnerCode, share.amount);
        continue;
      }
      capital.add(share.partnerCode, share.amount);
      if (bid.status !== 'moved-to-revenue') byState[bid.status].add(share.partnerCode, share.amount);
    }
  }
  return {
    byPartner: all.byPartner,
    total: all.total(),
    movedToRevenueByPartner: moved.byPartner,
    movedToRevenueTotal: moved.total(),
    capital: capital.summary(),
    approved: byState.approved.summary(),
    submitted: byState.submitted.summary(),
    rejected: byState.rejected.summary(),
  };
}

class Amounts {
  readonly byPartner: Record<string, number>;

  constructor(partnerCodes: readonly string[]) {
    this.byPartner = Object.fromEntries(partnerCodes.map((code) => [code, 0]));
  }

  add(code: string, amount: number): void {
    this.byPartner[code] = (this.byPartner[code] ?? 0) + amount;
  }

  total(): number {
    return Object.values(this.byPartner).reduce((sum, amount) => sum + amount, 0);
  }

  summary(): PartnerAmounts {
    return { byPartner: this.byPartner, total: this.total() };
  }
}
