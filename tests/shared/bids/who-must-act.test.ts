import { describe, expect, it } from 'vitest';
import { councilsToDecide, shareStates } from '../../../shared/bids/who-must-act';
import type { Bid, ShareDecision } from '../../../shared/schemas/bids';

type Shares = [code: string, amount: number, moved?: boolean][];

function bid(
  status: Bid['status'],
  shares: Shares,
  decisions: [round: number, code: string, 'approve' | 'reject'][] = [],
  rounds = 1,
) {
  return {
    status,
    shares: shares.map(([partnerCode, amount, moved]) => ({ partnerCode, amount, movedToRevenue: moved ?? false })),
    rounds: Array.from({ length: status === 'draft' ? 0 : rounds }, (_, i) => ({ number: i + 1 })) as Bid['rounds'],
    decisions: decisions.map(([round, partnerCode, decision]) => ({ round, partnerCode, decision }) as ShareDecision),
  };
}

describe('councilsToDecide', () => {
  it('names the councils with a capital share that have not decided in this round, in the bid order', () => {
    const shares: Shares = [
      ['SCDC', 2_820],
      ['CCC', 7_305],
      ['HDC', 4_875, true],
      ['ECDC', 0],
    ];
    expect(councilsToDecide(bid('submitted', shares))).toEqual(['SCDC', 'CCC']);
    expect(councilsToDecide(bid('submitted', shares, [[1, 'CCC', 'approve']]))).toEqual(['SCDC']);
    expect(
      councilsToDecide(
        bid('submitted', shares, [
          [1, 'CCC', 'approve'],
          [1, 'SCDC', 'approve'],
        ]),
      ),
    ).toEqual([]);
  });

  it('asks again in a new round, and asks nobody of a draft or a settled bid', () => {
    const shares: Shares = [
      ['CCC', 1],
      ['HDC', 1],
    ];
    expect(
      councilsToDecide(
        bid(
          'submitted',
          shares,
          [
            [1, 'CCC', 'reject'],
            [1, 'HDC', 'approve'],
          ],
          2,
        ),
      ),
    ).toEqual(['CCC', 'HDC']);
    for (const status of ['draft', 'approved', 'rejected', 'moved-to-revenue'] as const) {
      expect(councilsToDecide(bid(status, shares))).toEqual([]);
    }
  });
});

describe('shareStates', () => {
  it('tells each share apart: not asked, moved, awaiting, decided, or left undecided by a rejection', () => {
    const shares: Shares = [
      ['A', 0],
      ['B', 5, true],
      ['C', 5],
      ['D', 5],
      ['E', 5],
    ];
    const states = (b: ReturnType<typeof bid>) => shareStates(b).map((s) => s.state);
    expect(states(bid('draft', shares))).toEqual(['not-asked', 'moved-to-revenue', 'draft', 'draft', 'draft']);
    expect(states(bid('submitted', shares, [[1, 'C', 'approve']]))).toEqual([
      'not-asked',
      'moved-to-revenue',
      'approved',
      'awaiting',
      'awaiting',
    ]);
    expect(
      states(
        bid('rejected', shares, [
          [1, 'C', 'approve'],
          [1, 'D', 'reject'],
        ]),
      ),
    ).toEqual(['not-asked', 'moved-to-revenue', 'approved', 'rejected', 'not-decided']);
  });
});
