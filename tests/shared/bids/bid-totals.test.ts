import { describe, expect, it } from 'vitest';
import { totalBids } from '../../../shared/bids/bid-totals';
import { capitalBid } from '../../../shared/schemas/bids';

const bid = (id: string, shares: [string, number, boolean?][]) =>
  capitalBid.parse({
    id,
    year: '2020-21',
    title: id,
    shares: shares.map(([partnerCode, amount, movedToRevenue]) => ({ partnerCode, amount, movedToRevenue })),
    total: shares.reduce((sum, [, amount]) => sum + amount, 0),
  });

describe('totalBids', () => {
  it('adds each council share, lists councils with no share as zero, and totals the lot', () => {
    const totals = totalBids(
      [
        bid('wifi', [
          ['SCDC', 6_768],
          ['CCC', 0],
          ['HDC', 11_700],
        ]),
        bid('call-management', [
          ['SCDC', 2_820],
          ['CCC', 7_305],
          ['HDC', 4_875, true],
        ]),
      ],
      ['CCC', 'HDC', 'SCDC', 'ECDC'],
    );
    expect(totals.byPartner).toEqual({ CCC: 7_305, HDC: 16_575, SCDC: 9_588, ECDC: 0 });
    expect(totals.total).toBe(33_468);
    expect(totals.movedToRevenueByPartner).toEqual({ CCC: 0, HDC: 4_875, SCDC: 0, ECDC: 0 });
  });

  it('is all zeros with no bids', () => {
    expect(totalBids([], ['CCC', 'PCC'])).toEqual({
      byPartner: { CCC: 0, PCC: 0 },
      total: 0,
      movedToRevenueByPartner: { CCC: 0, PCC: 0 },
    });
  });
});
