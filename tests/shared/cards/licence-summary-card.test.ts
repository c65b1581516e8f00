import { describe, expect, it } from 'vitest';
import { formatPounds, licenceSummaryCard } from '../../../shared/cards/licence-summary-card';
import type { LicenceRun, RunTotals } from '../../../shared/licences/licence-run';

type CardRun = Pick<LicenceRun, 'id' | 'finishedAt' | 'startedAt' | 'totals'>;
type Block = { type: string; text?: string; color?: string; facts?: { title: string; value: string }[] };
type Card = { type: string; $schema: string; version: string; body: Block[]; actions?: Record<string, unknown>[] };

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

const cardOf = (r: CardRun, links?: { reportUrl?: string }) => licenceSummaryCard(r, links) as Card;
const factSets = (card: Card) => card.body.filter((block) => block.type === 'FactSet');

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

  it('names the run and when it finished, in UTC', () => {
    const texts = cardOf(run()).body.map((block) => block.text);
    expect(texts[0]).toBe('Licence reconciliation');
    expect(texts[1]).toBe('Run run-20261122T023000-abc123, Sun, 22 Nov 2026 02:30:00 UTC');
    expect(cardOf(run({ finishedAt: null })).body[1]?.text).toBe(
      'Run run-20261122T023000-abc123, Sun, 22 Nov 2026 02:00:00 UTC',
    );
  });

  it('leads with the total a year in pounds and the number of findings, as a warning', () => {
    const headline = cardOf(run()).body[2];
    expect(headline).toMatchObject({ text: '£1,234,567.89 a year in 4 findings', color: 'Attention' });
  });

  it('shows a clean run in green', () => {
    const clean = cardOf(run({ totals: { ...totals, findings: 0, annualCostPence: 0, byType: {}, byPartner: {} } }));
    expect(clean.body[2]).toMatchObject({ text: '£0.00 a year in 0 findings', color: 'Good' });
    expect(factSets(clean).map((set) => set.facts)).toEqual([[], []]);
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

  it('has a button to the report only when given its address', () => {
    const withLink = cardOf(run(), { reportUrl: 'https://hub.example.org/licences?run=run-1' });
    expect(withLink.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open the report', url: 'https://hub.example.org/licences?run=run-1' },
    ]);
    expect(cardOf(run())).not.toHaveProperty('actions');
    expect(cardOf(run(), {})).not.toHaveProperty('actions');
    expect(cardOf(run(), { reportUrl: '' })).not.toHaveProperty('actions');
  });

  it('shows only the heading for a run without totals', () => {
    const card = cardOf(run({ totals: null, finishedAt: null }));
    expect(card.body.map((block) => block.type)).toEqual(['TextBlock', 'TextBlock']);
    expect(factSets(card)).toEqual([]);
  });
});
