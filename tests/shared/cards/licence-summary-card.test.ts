import { describe, expect, it } from 'vitest';
import {
  formatPounds,
  type LicenceSummaryOptions,
  licenceSummaryCard,
  topLicenceFindings,
} from '../../../shared/cards/licence-summary-card';
import type { Finding } from '../../../shared/licences/find-waste';
import type { LicenceRun, RunTotals } from '../../../shared/licences/licence-run';
import { executeActions, markdownTexts, plainTexts } from '../../support/adaptive-card-inspect';
import { adaptiveCardProblems, renderAdaptiveCard } from '../../support/adaptive-card-validator';
import { HOSTILE } from './card-fixtures';

type CardRun = Pick<LicenceRun, 'id' | 'finishedAt' | 'startedAt' | 'totals'>;
type Block = { type: string; text?: string; color?: string; facts?: { title: string; value: string }[] };
type Card = {
  type: string;
  $schema: string;
  version: string;
  body: Block[];
  actions?: Record<string, unknown>[];
};

const totals: RunTotals = {
  findings: 4,
  annualCostPence: 123_456_789,
  byType: {
    'duplicate-seat': { count: 3, annualCostPence: 123_400_000 },
    'inactive-licensed': { count: 1, annualCostPence: 56_789 },
  },
  byPartner: {
    CCC: { count: 2, annualCostPence: 100_000_000 },
    HDC: { count: 1, annualCostPence: 23_456_789 },
    SCDC: { count: 3, annualCostPence: 0 },
  },
  accounts: 1_000,
  people: 900,
  candidateMatches: 2,
};

const run = (overrides: Partial<CardRun> = {}): CardRun => ({
  id: 'run-20261122T023000-abc123',
  startedAt: '2026-11-22T02:00:00.000Z',
  finishedAt: '2026-11-22T02:30:00.000Z',
  totals,
  ...overrides,
});

const cardOf = (r: CardRun, options?: LicenceSummaryOptions) => licenceSummaryCard(r, options) as Card;
const factSets = (card: Card) => card.body.filter((block) => block.type === 'FactSet');
const clean = run({ totals: { ...totals, findings: 0, annualCostPence: 0, byType: {}, byPartner: {} } });

const finding = (id: string, annualCostPence: number, overrides: Partial<Finding> = {}): Finding => ({
  id,
  type: 'duplicate-seat',
  partnerCodes: ['CCC', 'HDC'],
  accounts: [
    {
      tenantId: 't1',
      partnerCode: 'CCC',
      id: 'a1',
      userPrincipalName: 'jo@city',
      displayName: 'Jo Baker',
      skuPartNumbers: ['E3'],
    },
    {
      tenantId: 't2',
      partnerCode: 'HDC',
      id: 'a2',
      userPrincipalName: 'jo@hunts',
      displayName: 'Jo Baker',
      skuPartNumbers: ['E3'],
    },
  ],
  skuPartNumbers: ['E3'],
  annualCostPence,
  costByPartner: { HDC: annualCostPence },
  confidence: 'high',
  reasons: [],
  recommendedAction: 'Remove one seat',
  ...overrides,
});

describe('formatPounds', () => {
  it('writes pence as pounds the British way', () => {
    expect(formatPounds(0)).toBe('£0.00');
    expect(formatPounds(5)).toBe('£0.05');
    expect(formatPounds(123_450)).toBe('£1,234.50');
    expect(formatPounds(123_456_789)).toBe('£1,234,567.89');
  });
});

describe('licenceSummaryCard', () => {
  it('is an Adaptive Card 1.5 that survives JSON, as the bot sends it', () => {
    const card = cardOf(run());
    expect(card).toMatchObject({
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
    });
    expect(Array.isArray(card.body)).toBe(true);
    expect(JSON.parse(JSON.stringify(card))).toEqual(card);
  });

  it('names the run and when it finished, in UK time', () => {
    const texts = cardOf(run()).body.map((block) => block.text);
    expect(texts[0]).toBe('Licence reconciliation');
    expect(texts[1]).toBe('Run run-20261122T023000-abc123, 22 Nov 2026, 02:30');
    expect(cardOf(run({ finishedAt: null })).body[1]?.text).toBe('Run run-20261122T023000-abc123, 22 Nov 2026, 02:00');
    expect(cardOf(run({ finishedAt: '2026-07-01T09:15:00.000Z' })).body[1]?.text).toBe(
      'Run run-20261122T023000-abc123, 1 Jul 2026, 10:15',
    );
  });

  it('leads with the total a year in pounds and the number of findings, as a warning', () => {
    const headline = cardOf(run()).body[2];
    expect(headline).toMatchObject({ text: '£1,234,567.89 a year in 4 findings', color: 'Attention' });
  });

  it('shows a clean run in green, in words, with no empty fact sets', () => {
    const card = cardOf(clean);
    expect(card.body[2]).toMatchObject({ text: '£0.00 a year in 0 findings', color: 'Good' });
    expect(card.body[3]?.text).toBe('No seats to recover: every licence is in use.');
    expect(factSets(card)).toEqual([]);
  });

  it('gives a fact per council and per kind of finding', () => {
    const [councils, kinds] = factSets(cardOf(run()));
    expect(councils?.facts).toEqual([
      { title: 'CCC', value: '£1,000,000.00 (2 findings)' },
      { title: 'HDC', value: '£234,567.89 (1 finding)' },
      { title: 'SCDC', value: '£0.00 (3 findings)' },
    ]);
    expect(kinds?.facts).toEqual([
      { title: 'Same person licensed in two tenants', value: '3, £1,234,000.00' },
      { title: 'No sign-in for a long time', value: '1, £567.89' },
    ]);
  });

  it('links to the tab’s licence page, the CSV and the report, each only when given', () => {
    const all = cardOf(run(), {
      tabUrl: 'https://hub.example.org/tab/',
      csvUrl: 'https://hub.example.org/api/licences/runs/run-1/report.csv',
      reportUrl: 'https://hub.example.org/licences?run=run-1',
    });
    expect(all.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open in the tab', url: 'https://hub.example.org/tab/#/licences' },
      {
        type: 'Action.OpenUrl',
        title: 'Download the CSV',
        url: 'https://hub.example.org/api/licences/runs/run-1/report.csv',
      },
      { type: 'Action.OpenUrl', title: 'Open the report', url: 'https://hub.example.org/licences?run=run-1' },
    ]);
    expect(cardOf(run(), { reportUrl: 'https://hub.example.org/licences?run=run-1' }).actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open the report', url: 'https://hub.example.org/licences?run=run-1' },
    ]);
    expect(cardOf(run())).not.toHaveProperty('actions');
    expect(cardOf(run(), {})).not.toHaveProperty('actions');
    expect(cardOf(run(), { reportUrl: '', tabUrl: '', csvUrl: '' })).not.toHaveProperty('actions');
    expect(executeActions(all)).toEqual([]);
  });

  it('lists the costliest findings, whose names are shown as written', () => {
    const top = topLicenceFindings(
      [
        finding('f-small', 100),
        finding('f-big', 50_000, { type: 'leaver-licensed', partnerCodes: ['SCDC'] }),
        finding('f-hostile', 20_000, {
          accounts: [
            {
              tenantId: 't',
              partnerCode: 'CCC',
              id: 'h',
              userPrincipalName: 'h@city',
              displayName: HOSTILE,
              skuPartNumbers: [],
            },
          ],
        }),
      ],
      2,
    );
    expect(top.map((entry) => entry.annualCostPence)).toEqual([50_000, 20_000]);
    expect(top[0]).toEqual({
      type: 'leaver-licensed',
      people: 'Jo Baker',
      councils: ['SCDC'],
      annualCostPence: 50_000,
    });

    const card = cardOf(run(), { topFindings: top });
    expect(card.body.map((block) => block.text)).toContain('Costliest findings');
    expect(plainTexts(card)).toEqual([
      '£500.00 a year',
      ': Leavers still licensed, Jo Baker (SCDC)',
      '£200.00 a year',
      `: Same person licensed in two tenants, ${HOSTILE} (CCC, HDC)`,
    ]);
    expect(markdownTexts(card).join('\n')).not.toContain('[link]');
    const rendered = renderAdaptiveCard(card);
    expect(rendered.querySelectorAll('a, strong, em')).toHaveLength(0);
    expect(rendered.textContent).toContain('[link](http://x) **bold** _it_ <b>tag</b>');
  });

  it('shows only the heading for a run without totals', () => {
    const card = cardOf(run({ totals: null, finishedAt: null }));
    expect(card.body.map((block) => block.type)).toEqual(['TextBlock', 'TextBlock']);
    expect(factSets(card)).toEqual([]);
  });

  it('is valid for Teams in every state', () => {
    const states = [
      cardOf(run()),
      cardOf(clean),
      cardOf(run({ totals: null })),
      cardOf(run(), {
        tabUrl: 'https://hub.example.org/',
        csvUrl: 'https://hub.example.org/report.csv',
        reportUrl: 'https://hub.example.org/r',
        topFindings: topLicenceFindings([finding('f1', 1_000)]),
      }),
    ];
    for (const card of states) expect(adaptiveCardProblems(card)).toEqual([]);
  });
});
