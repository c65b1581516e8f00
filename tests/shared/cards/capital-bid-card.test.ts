import { describe, expect, it } from 'vitest';
import { capitalBidCard } from '../../../shared/cards/capital-bid-card';
import type { CapitalBidView } from '../../../shared/cards/capital-bid-view';
import { ACTION_DATA_KEYS, CAPITAL_BID_CARD } from '../../../shared/cards/card-actions';
import {
  type CardJson,
  executeActions,
  executeButtons,
  factsOf,
  inputOf,
  markdownTexts,
  plainTexts,
} from '../../support/adaptive-card-inspect';
import { adaptiveCardProblems } from '../../support/adaptive-card-validator';
import { expectActionDataOnly, expectShownAsWritten } from './card-expectations';
import { alex, context, fiona, HDC, HOSTILE, jo, mike, oliver, SCDC, telephonyBid } from './card-fixtures';

const cardFor = (view: CapitalBidView, viewer = fiona) => capitalBidCard(view, viewer, context) as CardJson;
const texts = (card: CardJson) => markdownTexts(card).join('\n');
const verbs = (card: CardJson) => executeButtons(card).map((button) => button.verb);

const approvedBy = (viewer: typeof fiona, at = '2026-12-02T11:00:00.000Z') => ({
  councilCode: viewer.councilCode,
  decision: 'approve' as const,
  by: { userId: viewer.userId, name: viewer.name },
  at,
  comment: 'Within the City’s capital programme.',
});

describe('the capital bid card', () => {
  it('asks an approver of a share-holding council to approve or reject its share, with ids only', () => {
    const card = cardFor(telephonyBid());
    expect(executeButtons(card).map(({ title, verb, style }) => ({ title, verb, style }))).toEqual([
      { title: 'Approve share', verb: 'approveShare', style: 'positive' },
      { title: 'Reject share', verb: 'rejectShare', style: 'destructive' },
    ]);
    for (const button of executeButtons(card)) {
      expect(button.data).toEqual({
        card: CAPITAL_BID_CARD,
        bidId: 'bid-2020-21-telephony-core-telephony',
        round: 1,
        version: '"etag-7"',
        councilCode: 'CCC',
      });
    }
    expect(inputOf(card, 'comment')).toMatchObject({ label: 'Comment (optional)', maxLength: 1000 });
    expect(texts(card)).toContain('Your approval of the Cambridge City Council (CCC) share, £150,000, is needed');
    expectActionDataOnly(card, ACTION_DATA_KEYS[CAPITAL_BID_CARD]);
    expect(JSON.stringify(executeActions(card).map((action) => action.data))).not.toMatch(/150|300|Telephony/);
  });

  it('lists every share with the viewer’s council marked in words, the total and the plan’s notes', () => {
    const card = cardFor(telephonyBid());
    expect(factsOf(card)).toEqual({
      'South Cambridgeshire District Council (SCDC)': '£0 (no share, not asked)',
      'Cambridge City Council (CCC), your council': '£150,000',
      'Huntingdonshire District Council (HDC)': '£150,000',
      Total: '£300,000',
      Year: '2020/21',
      Submitted: 'by Sam Smith, 1 Dec 2026, 09:30',
      Round: '1',
    });
    expect(plainTexts(card)).toContain('SCDC: £150k allocated in 19/20');
    expect(plainTexts(card)[0]).toBe('Telephony (Core Telephony)');
    expect(texts(card)).toContain(
      'Shares held by Cambridge City Council (CCC) and Huntingdonshire District Council (HDC)',
    );
    expect(card.actions).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'Open in the tab',
        url: 'https://hub.example.org/tab/#/bids/bid-2020-21-telephony-core-telephony',
      },
    ]);
  });

  it('says when a share was moved to revenue', () => {
    const view = telephonyBid({
      shares: [
        { council: SCDC, amount: 2_820, movedToRevenue: false, note: null },
        {
          council: HDC,
          amount: 4_875,
          movedToRevenue: true,
          note: 'Originally submitted as Capital bids - Moved to Revenue',
        },
      ],
      total: 7_695,
      notes: ['Figures from the 2020/21 plan.'],
    });
    const card = cardFor(view, oliver);
    expect(factsOf(card)['Huntingdonshire District Council (HDC), your council']).toBe('£4,875 (moved to revenue)');
    expect(plainTexts(card)).toEqual(
      expect.arrayContaining([
        'HDC: Originally submitted as Capital bids - Moved to Revenue',
        'Figures from the 2020/21 plan.',
      ]),
    );
  });

  it('sends no buttons to a council with no share, and leaves its approvers out of the refresh', () => {
    const card = cardFor(telephonyBid(), mike);
    expect(executeButtons(card)).toEqual([]);
    expect(texts(card)).toContain(
      'South Cambridgeshire District Council (SCDC) has no share of this bid and is not asked: this card is for information.',
    );
    expect(card.refresh?.userIds).toEqual(['29:oid-fiona', '29:oid-oliver']);
    expect(texts(card)).toContain('Awaiting approval: 0 of 2 councils approved');
  });

  it('shows an approver who decided their own decision, and the others theirs to make', () => {
    const view = telephonyBid({ decisions: [approvedBy(fiona)] });
    const mine = cardFor(view, fiona);
    expect(executeButtons(mine)).toEqual([]);
    expect(texts(mine)).toContain('You decided: Approved the £150,000 share, 2 Dec 2026, 11:00');
    expect(verbs(cardFor(view, oliver))).toEqual(['approveShare', 'rejectShare']);
    expect(cardFor(view, alex).refresh?.userIds).toEqual(['29:oid-oliver']);
    expect(texts(cardFor(view, { ...fiona, userId: 'oid-colleague' }))).toContain(
      'Cambridge City Council (CCC): Approved the £150,000 share, 2 Dec 2026, 11:00, by Fiona Bryant',
    );
    expect(texts(cardFor(view, alex))).toContain('Cambridge City Council (CCC): Approved');
    expect(plainTexts(cardFor(view, alex))).toContain('Comment: Within the City’s capital programme.');
  });

  it('is read-only for staff of a share-holding council', () => {
    const card = cardFor(telephonyBid(), jo);
    expect(executeButtons(card)).toEqual([]);
    expect(texts(card)).toContain('Your council’s share: £150,000. Awaiting its bid approvers; only they can decide.');
  });

  it('shows the outcome to everyone, with no buttons and no refresh', () => {
    const outcomes: [CapitalBidView['outcome'], string][] = [
      [{ state: 'approved', at: '2026-12-05T10:00:00.000Z' }, 'Outcome: approved 5 Dec 2026'],
      [{ state: 'rejected', at: '2026-12-05T10:00:00.000Z' }, 'Outcome: rejected 5 Dec 2026'],
      [
        { state: 'moved-to-revenue', at: '2026-12-05T10:00:00.000Z', by: 'Sagar Roy' },
        'Outcome: moved to revenue 5 Dec 2026',
      ],
    ];
    for (const [outcome, words] of outcomes) {
      for (const viewer of [fiona, oliver, mike, alex]) {
        const card = cardFor(telephonyBid({ outcome, decisions: [approvedBy(fiona)] }), viewer);
        expect(executeButtons(card)).toEqual([]);
        expect(card.refresh).toBeUndefined();
        expect(texts(card)).toContain(words);
      }
    }
    expect(texts(cardFor(telephonyBid({ outcome: outcomes[1]?.[0] }), oliver))).toContain(
      'Your council’s share: £150,000. No decision is needed now.',
    );
  });

  it('shows a bid’s title, notes and comments as written', () => {
    const view = telephonyBid({
      title: HOSTILE,
      notes: [HOSTILE],
      submitted: { by: HOSTILE, at: '2026-12-01T09:30:00.000Z' },
      shares: [
        { council: { code: 'CCC', name: HOSTILE }, amount: 10, movedToRevenue: false, note: HOSTILE },
        { council: HDC, amount: 20, movedToRevenue: false, note: null },
      ],
      total: 30,
      decisions: [{ ...approvedBy(oliver), comment: HOSTILE, by: { userId: oliver.userId, name: HOSTILE } }],
    });
    for (const viewer of [fiona, oliver, mike, alex]) expectShownAsWritten(cardFor(view, viewer), HOSTILE);
  });

  it('is valid for Teams, and sends only ids, for every viewer and state', () => {
    const views = [
      telephonyBid(),
      telephonyBid({ decisions: [approvedBy(fiona)] }),
      telephonyBid({
        decisions: [approvedBy(fiona), approvedBy(oliver)],
        outcome: { state: 'approved', at: '2026-12-05T10:00:00.000Z' },
      }),
      telephonyBid({ outcome: { state: 'rejected', at: '2026-12-05T10:00:00.000Z' } }),
      telephonyBid({ outcome: { state: 'moved-to-revenue', at: '2026-12-05T10:00:00.000Z', by: null } }),
      telephonyBid({ notes: ['Footnote one', ''], round: 2 }),
    ];
    for (const view of views) {
      for (const viewer of [fiona, oliver, mike, alex, jo]) {
        const card = capitalBidCard(view, viewer, context);
        expect(adaptiveCardProblems(card)).toEqual([]);
        expectActionDataOnly(card, ACTION_DATA_KEYS[CAPITAL_BID_CARD]);
      }
    }
  });
});
