import { describe, expect, it } from 'vitest';
import { ACTION_DATA_KEYS, RISK_TOLERATION_CARD } from '../../../shared/cards/card-actions';
import { riskTolerationCard } from '../../../shared/cards/risk-toleration-card';
import type { RiskTolerationView } from '../../../shared/cards/risk-toleration-view';
import {
  type CardJson,
  executeButtons,
  factsOf,
  inputOf,
  markdownTexts,
  plainTexts,
} from '../../support/adaptive-card-inspect';
import { adaptiveCardProblems } from '../../support/adaptive-card-validator';
import { expectActionDataOnly, expectShownAsWritten } from './card-expectations';
import { alex, CCC, context, fiona, fionaTolerated, HDC, HOSTILE, jo, jointRisk, mike, oliver } from './card-fixtures';

const cardFor = (view: RiskTolerationView, viewer = fiona) => riskTolerationCard(view, viewer, context) as CardJson;
const texts = (card: CardJson) => markdownTexts(card).join('\n');
const verbs = (card: CardJson) => executeButtons(card).map((button) => button.verb);

const oliverTreated = {
  councilCode: 'HDC',
  response: 'treat',
  by: { userId: oliver.userId, name: oliver.name },
  at: '2026-12-04T09:00:00.000Z',
  comment: 'Treat: the links need testing first.',
  onEarlierVersion: false,
} as const;

describe('the risk toleration card', () => {
  it('asks an approver who can decide, with the responses offered, a comment and ids only', () => {
    const card = cardFor(jointRisk());
    expect(executeButtons(card).map(({ title, verb, style }) => ({ title, verb, style }))).toEqual([
      { title: 'Tolerate', verb: 'tolerate', style: 'positive' },
      { title: 'Treat', verb: 'treat', style: undefined },
    ]);
    for (const button of executeButtons(card)) {
      expect(button.data).toEqual({
        card: RISK_TOLERATION_CARD,
        tolerationId: 'tol-risk-joint-azure-1',
        riskId: 'risk-joint-azure-cloud-hosted-applications',
        riskVersion: 'v-abc123',
        councilCode: 'CCC',
      });
    }
    expect(inputOf(card, 'comment')).toEqual({
      type: 'Input.Text',
      id: 'comment',
      label: 'Comment (optional)',
      placeholder: 'Why you decide so: it is kept with your decision',
      isMultiline: true,
      maxLength: 1000,
    });
    expect(texts(card)).toContain('Your decision for Cambridge City Council (CCC) is needed');
    expectActionDataOnly(card, ACTION_DATA_KEYS[RISK_TOLERATION_CARD]);
  });

  it('would be caught putting the risk’s text or a stray key in its data', () => {
    const card = cardFor(jointRisk());
    const [button] = executeButtons(card);
    if (!button) throw new Error('no button');
    button.data.riskText = jointRisk().risk.text;
    expect(() => expectActionDataOnly(card, ACTION_DATA_KEYS[RISK_TOLERATION_CARD])).toThrow(/keys of tolerate/);
    delete button.data.riskText;
    button.data.riskId = 'a risk id with spaces and text';
    expect(() => expectActionDataOnly(card, ACTION_DATA_KEYS[RISK_TOLERATION_CARD])).toThrow();
  });

  it('offers Transfer and Terminate where the request offers them, in the Orange Book’s order', () => {
    const card = cardFor(
      jointRisk({
        request: {
          ...jointRisk().request,
          responses: ['terminate', 'treat', 'tolerate', 'transfer'],
          recommendedResponse: 'treat',
        },
      }),
    );
    expect(executeButtons(card).map(({ verb, style }) => [verb, style])).toEqual([
      ['tolerate', undefined],
      ['treat', 'positive'],
      ['transfer', undefined],
      ['terminate', undefined],
    ]);
    expect(factsOf(card)['Responses offered']).toBe('Tolerate, Treat, Transfer, Terminate');
    expect(factsOf(card).Recommended).toBe('Treat');
  });

  it('shows the risk as it stands, with its rating in words and the request', () => {
    const facts = factsOf(cardFor(jointRisk()));
    expect(facts).toEqual({
      Category: 'Azure/Cloud Hosted applications',
      Probability: 'Possible',
      Impact: 'High',
      Score: '8 (Medium)',
      Requested: 'by Sam Smith, 3 Dec 2026, 10:00',
      Recommended: 'Tolerate',
      'Responses offered': 'Tolerate, Treat',
      'Review period': '180 days',
    });
    const unrated = factsOf(
      cardFor(
        jointRisk({ risk: { ...jointRisk().risk, probability: null, impact: null, score: null, level: 'Unrated' } }),
      ),
    );
    expect([unrated.Probability, unrated.Impact, unrated.Score]).toEqual(['Not rated', 'Not rated', 'Unrated']);
    const review = factsOf(cardFor(jointRisk({ request: { ...jointRisk().request, by: null, reviewDays: 1 } })));
    expect([review.Requested, review['Review period']]).toEqual([
      'by the review, on expiry, 3 Dec 2026, 10:00',
      '1 day',
    ]);
    expect(plainTexts(cardFor(jointRisk()))).toEqual([
      jointRisk().risk.text,
      jointRisk().risk.mitigation,
      jointRisk().risk.recommendation,
      jointRisk().request.note,
    ]);
  });

  it('names the councils in the header and links to the risk in the tab', () => {
    const card = cardFor(jointRisk());
    expect(texts(card)).toContain(
      'Joint risk of Cambridge City Council (CCC), Huntingdonshire District Council (HDC) and South Cambridgeshire District Council (SCDC)',
    );
    expect(card.actions).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'Open in the tab',
        url: 'https://hub.example.org/tab/#/risks/risk-joint-azure-cloud-hosted-applications',
      },
    ]);
  });

  it('shows an approver who decided their own decision, without buttons', () => {
    const card = cardFor(jointRisk({ decisions: [fionaTolerated] }), { ...fiona, canDecide: true });
    expect(executeButtons(card)).toEqual([]);
    expect(inputOf(card, 'comment')).toBeUndefined();
    expect(texts(card)).toContain('You decided: Tolerate, 3 Dec 2026, 14:05');
    expect(texts(card)).toContain('Awaiting decisions: 1 of 3 councils decided');
  });

  it('shows another approver of the same council who decided, and by whom', () => {
    const colleague = { ...fiona, userId: 'oid-other-city-approver', name: 'Another Approver' };
    const card = cardFor(jointRisk({ decisions: [fionaTolerated] }), colleague);
    expect(executeButtons(card)).toEqual([]);
    expect(texts(card)).toContain('Cambridge City Council (CCC) decided: Tolerate, 3 Dec 2026, 14:05, by Fiona Bryant');
  });

  it('is read-only for an approver of a council the risk does not belong to', () => {
    const hdcOnly = jointRisk({
      councils: [HDC],
      joint: false,
      pendingApprovers: [{ councilCode: 'HDC', teamsUserId: '29:oid-oliver' }],
    });
    const card = cardFor(hdcOnly, fiona);
    expect(executeButtons(card).map((b) => b.verb)).toEqual([]);
    expect(texts(card)).toContain('CCC is not asked about this risk: this card is for information.');
    expect(texts(card)).toContain('Risk of Huntingdonshire District Council (HDC)');
    expect(verbs(cardFor(hdcOnly, oliver))).toEqual(['tolerate', 'treat']);
  });

  it('is read-only for staff of an asked council', () => {
    const card = cardFor(jointRisk(), alex);
    expect(executeButtons(card)).toEqual([]);
    expect(texts(card)).toContain(
      'Awaiting a decision from the risk approvers of Cambridge City Council (CCC). Only they can decide.',
    );
  });

  it('gives each asked approver their buttons until their own council decides', () => {
    const view = jointRisk({ decisions: [fionaTolerated] });
    expect(verbs(cardFor(view, oliver))).toEqual(['tolerate', 'treat']);
    expect(verbs(cardFor(view, mike))).toEqual(['tolerate', 'treat']);
    expect(verbs(cardFor(view, fiona))).toEqual([]);
    expect(verbs(cardFor(view, { ...oliver, canDecide: false }))).toEqual([]);
  });

  it('shows an outcome to everyone, with no buttons and no refresh', () => {
    const treated = jointRisk({
      decisions: [fionaTolerated, oliverTreated],
      outcome: { state: 'decided', response: 'treat', at: '2026-12-04T09:00:00.000Z' },
    });
    for (const viewer of [fiona, oliver, mike, alex]) {
      const card = cardFor(treated, viewer);
      expect(executeButtons(card)).toEqual([]);
      expect(card.refresh).toBeUndefined();
      expect(texts(card)).toContain('Outcome: treat');
    }
    expect(texts(cardFor(treated, mike))).toContain(
      'No decision from South Cambridgeshire District Council (SCDC) is needed now.',
    );
    expect(texts(cardFor(treated, mike))).toContain('South Cambridgeshire District Council (SCDC): no decision');
    expect(texts(cardFor(treated, mike))).toContain('Huntingdonshire District Council (HDC): Treat');
  });

  it('says until when a risk is tolerated', () => {
    const tolerated = jointRisk({
      decisions: [fionaTolerated],
      councils: [CCC],
      joint: false,
      outcome: { state: 'decided', response: 'tolerate', at: '2026-12-03T14:05:00.000Z' },
      expiresAt: '2027-06-01T14:05:00.000Z',
    });
    const card = cardFor(tolerated, alex);
    expect(texts(card)).toContain('Outcome: tolerated until 1 Jun 2027');
    expect(factsOf(card)['Toleration expires']).toBe('1 Jun 2027');
  });

  it('says a withdrawn or expired request needs no decision now', () => {
    const withdrawn = cardFor(jointRisk({ outcome: { state: 'withdrawn', at: '2026-12-05T10:00:00.000Z' } }));
    expect(texts(withdrawn)).toContain('Withdrawn 5 Dec 2026: no decision is needed');
    expect(executeButtons(withdrawn)).toEqual([]);
    const expired = cardFor(jointRisk({ outcome: { state: 'expired', at: '2027-06-01T00:00:00.000Z' } }));
    expect(texts(expired)).toContain('Expired 1 Jun 2027: the toleration is back for review');
    expect(executeButtons(expired)).toEqual([]);
  });

  it('says so when the risk changed since the request, to the approver deciding and to everyone else', () => {
    const changed = jointRisk({
      changedSinceRequest: true,
      decisions: [{ ...fionaTolerated, onEarlierVersion: true }],
    });
    const deciding = cardFor(changed, oliver);
    expect(texts(deciding)).toContain(
      'Your decision for Huntingdonshire District Council (HDC) is needed, and the request is out of date',
    );
    expect(texts(deciding)).toContain('The risk changed after you were asked.');
    expect(verbs(deciding)).toEqual(['tolerate', 'treat']);
    expect(texts(cardFor(changed, alex))).toContain('Out of date: the risk changed after this request was sent');
    expect(texts(cardFor(changed, fiona))).toContain('That decision was made on an earlier version of the risk.');
    expect(texts(cardFor(changed, mike))).toContain('Made on an earlier version of the risk.');
    expect(texts(cardFor(jointRisk(), alex))).not.toContain('Out of date');
  });

  it('lists each council’s decision with who, when and their comment as written', () => {
    const card = cardFor(jointRisk({ decisions: [fionaTolerated, oliverTreated] }), alex);
    expect(texts(card)).toContain('Cambridge City Council (CCC): Tolerate');
    expect(texts(card)).toContain('Huntingdonshire District Council (HDC): Treat');
    expect(texts(card)).toContain('South Cambridgeshire District Council (SCDC): awaiting decision');
    expect(plainTexts(card)).toEqual(
      expect.arrayContaining([
        'by Fiona Bryant, 3 Dec 2026, 14:05',
        'Comment: Agreed at the City management team.',
        'by Oliver Morley, 4 Dec 2026, 09:00',
        'Comment: Treat: the links need testing first.',
      ]),
    );
  });

  it('asks Teams to refresh it for exactly the approvers still to decide', () => {
    expect(cardFor(jointRisk()).refresh).toEqual({
      action: {
        type: 'Action.Execute',
        verb: 'refreshCard',
        data: {
          card: RISK_TOLERATION_CARD,
          tolerationId: 'tol-risk-joint-azure-1',
          riskId: 'risk-joint-azure-cloud-hosted-applications',
          riskVersion: 'v-abc123',
        },
      },
      userIds: ['29:oid-fiona', '29:oid-oliver', '29:oid-mike'],
    });
    const afterCity = cardFor(jointRisk({ decisions: [fionaTolerated] }), alex);
    expect(afterCity.refresh?.userIds).toEqual(['29:oid-oliver', '29:oid-mike']);
    const many = jointRisk({
      pendingApprovers: Array.from({ length: 80 }, (_, i) => ({ councilCode: 'HDC', teamsUserId: `29:hdc-${i}` })),
    });
    expect(cardFor(many).refresh?.userIds).toHaveLength(60);
  });

  it('shows what people wrote as written: no links, bold or lists from a risk, a comment or a name', () => {
    const view = jointRisk({
      councils: [{ code: 'CCC', name: HOSTILE }, HDC],
      risk: { ...jointRisk().risk, text: HOSTILE, mitigation: HOSTILE, recommendation: HOSTILE, category: HOSTILE },
      request: { ...jointRisk().request, by: HOSTILE, note: HOSTILE },
      decisions: [{ ...fionaTolerated, comment: HOSTILE, by: { userId: fiona.userId, name: HOSTILE } }],
    });
    for (const viewer of [fiona, oliver, alex, jo]) expectShownAsWritten(cardFor(view, viewer), HOSTILE);
  });

  it('is valid for Teams, and sends only ids, for every viewer and state', () => {
    const views = [
      jointRisk(),
      jointRisk({ decisions: [fionaTolerated] }),
      jointRisk({ changedSinceRequest: true, decisions: [{ ...fionaTolerated, onEarlierVersion: true }] }),
      jointRisk({
        decisions: [fionaTolerated, oliverTreated],
        outcome: { state: 'decided', response: 'treat', at: '2026-12-04T09:00:00.000Z' },
      }),
      jointRisk({
        outcome: { state: 'decided', response: 'tolerate', at: '2026-12-04T09:00:00.000Z' },
        expiresAt: '2027-06-01T00:00:00.000Z',
      }),
      jointRisk({ outcome: { state: 'withdrawn', at: '2026-12-05T10:00:00.000Z' } }),
      jointRisk({ outcome: { state: 'expired', at: '2027-06-01T00:00:00.000Z' } }),
      jointRisk({
        request: { ...jointRisk().request, responses: ['tolerate', 'treat', 'transfer', 'terminate'], note: '' },
      }),
      jointRisk({ risk: { ...jointRisk().risk, mitigation: '', recommendation: ' ', text: HOSTILE } }),
    ];
    for (const view of views) {
      for (const viewer of [fiona, oliver, mike, alex, jo]) {
        const card = riskTolerationCard(view, viewer, context);
        expect(adaptiveCardProblems(card)).toEqual([]);
        expectActionDataOnly(card, ACTION_DATA_KEYS[RISK_TOLERATION_CARD]);
      }
    }
  });
});
