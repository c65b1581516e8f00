import { describe, expect, it } from 'vitest';
import { totalBids } from '../../../shared/bids/bid-totals';
import { type CapitalBid, capitalBid } from '../../../shared/schemas/bids';

type ShareSpec = [partnerCode: string, amount: number, movedToRevenue?: boolean];

/** A bid parsed by the schema, so defaults (movedToRevenue false, status, notes) apply as they do on import. */
const bid = (id: string, shares: ShareSpec[]): CapitalBid =>
  capitalBid.parse({
    id,
    year: '2020-21',
    title: id,
    shares: shares.map(([partnerCode, amount, movedToRevenue]) =>
      movedToRevenue === undefined ? { partnerCode, amount } : { partnerCode, amount, movedToRevenue },
    ),
    total: shares.reduce((sum, [, amount]) => sum + amount, 0),
  });

const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);

describe('totalBids', () => {
  it('adds each council share across bids, lists councils with no share as zero, and totals the lot', () => {
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
          ['HDC', 4_875],
        ]),
      ],
      ['CCC', 'HDC', 'SCDC', 'ECDC'],
    );
    expect(totals.byPartner).toEqual({ CCC: 7_305, HDC: 16_575, SCDC: 9_588, ECDC: 0 });
    expect(totals.total).toBe(33_468);
  });

  it('counts as moved to revenue only the shares flagged so, and leaves them in the partner totals', () => {
    const totals = totalBids(
      [
        bid('call-management', [
          ['SCDC', 2_820, true],
          ['CCC', 7_305, false],
          ['HDC', 4_875, true],
        ]),
        // movedToRevenue left out: the schema's default (false) applies
        bid('firewalls', [
          ['HDC', 1_000],
          ['SCDC', 500],
        ]),
      ],
      ['CCC', 'HDC', 'SCDC'],
    );
    expect(totals.movedToRevenueByPartner).toEqual({ CCC: 0, HDC: 4_875, SCDC: 2_820 });
    expect(totals.byPartner).toEqual({ CCC: 7_305, HDC: 5_875, SCDC: 3_320 });
    expect(totals.total).toBe(16_500);
  });

  it('is all zeros, every council listed, with no bids', () => {
    const zeros = { byPartner: { CCC: 0, PCC: 0 }, total: 0 };
    expect(totalBids([], ['CCC', 'PCC'])).toEqual({
      byPartner: { CCC: 0, PCC: 0 },
      total: 0,
      movedToRevenueByPartner: { CCC: 0, PCC: 0 },
      movedToRevenueTotal: 0,
      capital: zeros,
      approved: zeros,
      submitted: zeros,
      rejected: zeros,
    });
  });

  it('splits what stays capital by where each bid stands, leaves moved shares out of capital and drafts out of all', () => {
    const withStatus = (status: CapitalBid['status'] | 'draft', b: CapitalBid) => ({ ...b, status });
    const totals = totalBids(
      [
        withStatus(
          'approved',
          bid('wifi', [
            ['SCDC', 6_768],
            ['CCC', 0],
            ['HDC', 11_700],
          ]),
        ),
        withStatus(
          'submitted',
          bid('call-management', [
            ['SCDC', 2_820],
            ['CCC', 7_305],
            ['HDC', 4_875, true],
          ]),
        ),
        withStatus('rejected', bid('av', [['HDC', 30_000]])),
        withStatus(
          'moved-to-revenue',
          bid('power-bi', [
            ['SCDC', 3_760, true],
            ['CCC', 9_740, true],
          ]),
        ),
        withStatus('draft', bid('draft', [['CCC', 1_000_000]])),
      ],
      ['CCC', 'HDC', 'SCDC'],
    );
    expect(totals.byPartner).toEqual({ CCC: 17_045, HDC: 46_575, SCDC: 13_348 });
    expect(totals.total).toBe(76_968);
    expect(totals.movedToRevenueByPartner).toEqual({ CCC: 9_740, HDC: 4_875, SCDC: 3_760 });
    expect(totals.movedToRevenueTotal).toBe(18_375);
    expect(totals.capital).toEqual({ byPartner: { CCC: 7_305, HDC: 41_700, SCDC: 9_588 }, total: 58_593 });
    expect(totals.approved).toEqual({ byPartner: { CCC: 0, HDC: 11_700, SCDC: 6_768 }, total: 18_468 });
    expect(totals.submitted).toEqual({ byPartner: { CCC: 7_305, HDC: 0, SCDC: 2_820 }, total: 10_125 });
    expect(totals.rejected).toEqual({ byPartner: { CCC: 0, HDC: 30_000, SCDC: 0 }, total: 30_000 });
  });

  it('keeps its invariants on many bids: total is the sum of byPartner and of the bid totals, moved never exceeds byPartner', () => {
    let state = 42;
    const next = (below: number) => {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      return state % below;
    };
    const partners = ['CCC', 'HDC', 'SCDC', 'PCC'];
    const bids = Array.from({ length: 60 }, (_, i) => {
      const shares: ShareSpec[] = partners
        .filter(() => next(3) > 0)
        .map((code) => [code, next(250_000), next(4) === 0] as ShareSpec);
      return bid(`bid-${i}`, shares.length > 0 ? shares : [['CCC', 1]]);
    });
    const totals = totalBids(bids, partners);

    expect(Object.keys(totals.byPartner).sort()).toEqual([...partners].sort());
    expect(totals.total).toBe(sum(totals.byPartner));
    expect(totals.total).toBe(bids.reduce((acc, b) => acc + b.total, 0));
    for (const code of partners) {
      const expected = bids.flatMap((b) => b.shares).filter((s) => s.partnerCode === code);
      expect(totals.byPartner[code]).toBe(expected.reduce((acc, s) => acc + s.amount, 0));
      expect(totals.movedToRevenueByPartner[code]).toBe(
        expected.filter((s) => s.movedToRevenue).reduce((acc, s) => acc + s.amount, 0),
      );
      expect(totals.movedToRevenueByPartner[code]).toBeLessThanOrEqual(totals.byPartner[code] ?? 0);
      expect((totals.capital.byPartner[code] ?? 0) + (totals.movedToRevenueByPartner[code] ?? 0)).toBe(
        totals.byPartner[code],
      );
      expect(totals.submitted.byPartner[code]).toBe(totals.capital.byPartner[code]);
    }
  });

  it('does not change the bids it adds up', () => {
    const bids = [bid('wifi', [['CCC', 10, true]])];
    const before = structuredClone(bids);
    totalBids(bids, ['CCC', 'HDC']);
    expect(bids).toEqual(before);
  });
});
