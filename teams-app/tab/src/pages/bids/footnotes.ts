import { formatDate } from '../plan/format';
import type { Bid, BidShare } from './bid-types';

/**
 * The table's footnotes, numbered in order of first use, as the plan prints them: each share's own note
 * ("Originally submitted as Capital bids - Moved to Revenue", "£150k allocated in 19/20") and, for a share moved
 * to revenue here, who moved it and when.
 */
export class Footnotes {
  readonly texts: string[] = [];

  /** The note numbers of one share, adding any note not seen before. */
  of(bid: Bid, share: BidShare): number[] {
    const texts: string[] = [];
    if (share.note) texts.push(share.note);
    if (share.movedToRevenue && !/revenue/i.test(share.note ?? '')) {
      const move = bid.revenueMoves.findLast((m) => m.partnerCode === share.partnerCode);
      texts.push(
        move
          ? `Moved to revenue by ${move.movedBy.name}, ${formatDate(move.movedAt)}${move.note ? `: ${move.note}` : ''}`
          : 'Moved to revenue',
      );
    }
    return texts.map((text) => {
      const index = this.texts.indexOf(text);
      if (index >= 0) return index + 1;
      this.texts.push(text);
      return this.texts.length;
    });
  }
}
