import { describe, expect, it } from 'vitest';
import { amberToleranceOf, ragFor, targetFor, worstRag } from '../../../shared/kpis/rag';
import type { KpiDefinition } from '../../../shared/schemas/kpis';

const percent = (overrides: Partial<KpiDefinition> = {}): KpiDefinition => ({
  id: 'KPI-3b',
  code: 'KPI-3b',
  title: 'Incident resolution',
  group: 'service',
  parentCode: 'KPI-3',
  frequency: 'quarterly',
  unit: 'percent',
  direction: 'higher-is-better',
  targets: [
    { year: '2019-20', value: 70, text: null, printed: '70%' },
    { year: '2020-21', value: 75, text: null, printed: '75%' },
  ],
  footnotes: [],
  ...overrides,
});
const target = (value: number) => ({ value, text: null, printed: `${value}` });

describe('RAG', () => {
  it('is green at or above the target, amber within 5 points by default, red beyond', () => {
    const kpi = percent();
    expect(ragFor(kpi, target(70), 86)).toBe('green');
    expect(ragFor(kpi, target(70), 70)).toBe('green');
    expect(ragFor(kpi, target(70), 65)).toBe('amber');
    expect(ragFor(kpi, target(70), 64.9)).toBe('red');
  });

  it('follows a KPI’s own amber tolerance', () => {
    const kpi = percent({ amberTolerance: 10 });
    expect(ragFor(kpi, target(80), 71)).toBe('amber');
    expect(ragFor(kpi, target(80), 69)).toBe('red');
    expect(ragFor(percent({ amberTolerance: 0 }), target(80), 79.9)).toBe('red');
  });

  it('turns round for a lower-is-better KPI', () => {
    const kpi = percent({ direction: 'lower-is-better' });
    expect(ragFor(kpi, target(10), 8)).toBe('green');
    expect(ragFor(kpi, target(10), 14)).toBe('amber');
    expect(ragFor(kpi, target(10), 16)).toBe('red');
  });

  it('gives a GBP KPI 10% of its target by default', () => {
    const kpi = percent({ unit: 'gbp' });
    expect(amberToleranceOf(kpi, 50_000)).toBe(5_000);
    expect(ragFor(kpi, target(50_000), 46_000)).toBe('amber');
    expect(ragFor(kpi, target(50_000), 44_000)).toBe('red');
  });

  it('has no RAG for a text target, no target or no value', () => {
    const text = percent({ unit: 'text' });
    expect(ragFor(text, { value: null, text: 'Business Case', printed: 'Business Case' }, null)).toBeNull();
    expect(ragFor(percent(), { value: null, text: 'Business Case', printed: 'Business Case' }, 50)).toBeNull();
    expect(ragFor(percent(), null, 50)).toBeNull();
    expect(ragFor(percent(), target(70), null)).toBeNull();
  });

  it('takes the target of the year, or the latest earlier one', () => {
    expect(targetFor(percent(), '2020-21')?.value).toBe(75);
    expect(targetFor(percent(), '2022-23')?.value).toBe(75);
    expect(targetFor(percent(), '2018-19')).toBeNull();
  });

  it('heads a KPI with the worst RAG of its measures', () => {
    expect(worstRag(['green', null, 'amber'])).toBe('amber');
    expect(worstRag(['green', 'red', 'amber'])).toBe('red');
    expect(worstRag([null, null])).toBeNull();
  });
});
