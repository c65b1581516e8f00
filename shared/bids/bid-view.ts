import type { Bid } from '../schemas/bids';
import { councilsToDecide, currentRound, type ShareState, shareStates } from './who-must-act';

/** A bid as the API answers it: the record with its history, and where it stands now. */
export type BidView = Bid & {
  /** The round the councils are deciding in (0 for a draft). */
  round: number;
  /** The councils still to decide, in the bid's order. */
  awaiting: string[];
  shareStates: { partnerCode: string; amount: number; state: ShareState }[];
};

export function viewOf(bid: Bid): BidView {
  return { ...bid, round: currentRound(bid), awaiting: councilsToDecide(bid), shareStates: shareStates(bid) };
}
