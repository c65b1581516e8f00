import type { KpiDefinition, Rag } from '../schemas/kpis';

/** Default amber tolerance of a percent KPI: 5 percentage points short of the target is still Amber. */
export const DEFAULT_PERCENT_TOLERANCE = 5;
/** Default amber tolerance of a GBP KPI: 10% of the target. */
export const DEFAULT_GBP_TOLERANCE_SHARE = 0.1;

export type KpiTargetFor = { value: number | null; text: string | null; printed: string } | null;

/** The KPI's target for a financial year, or the latest earlier one where the plan gives none for the year. */
export function targetFor(definition: Pick<KpiDefinition, 'targets'>, year: string): KpiTargetFor {
  const exact = definition.targets.find((t) => t.year === year);
  const earlier = definition.targets.filter((t) => t.year < year).sort((a, b) => b.year.localeCompare(a.year))[0];
  const target = exact ?? earlier;
  return target ? { value: target.value, text: target.text, printed: target.printed } : null;
}

/** The amber tolerance of a KPI in its unit: its own, or the default for its unit and target. */
export function amberToleranceOf(definition: Pick<KpiDefinition, 'amberTolerance' | 'unit'>, target: number): number {
  if (definition.amberTolerance !== undefined) return definition.amberTolerance;
  return definition.unit === 'gbp' ? Math.abs(target) * DEFAULT_GBP_TOLERANCE_SHARE : DEFAULT_PERCENT_TOLERANCE;
}

/**
 * Red/Amber/Green of a value against a numeric target, direction-aware: Green when it meets the target, Amber
 * when it misses by no more than the tolerance, Red beyond. No RAG for a text target ("Business Case"), no
 * target, or no value.
 */
export function ragFor(
  definition: Pick<KpiDefinition, 'direction' | 'amberTolerance' | 'unit'>,
  target: KpiTargetFor,
  value: number | null,
): Rag | null {
  if (value === null || target === null || target.value === null || definition.unit === 'text') return null;
  const tolerance = amberToleranceOf(definition, target.value);
  const shortfall = definition.direction === 'higher-is-better' ? target.value - value : value - target.value;
  // A hair of slack so 80 - 1e-13 still meets a target of 80.
  if (shortfall <= 1e-9) return 'green';
  if (shortfall <= tolerance + 1e-9) return 'amber';
  return 'red';
}

const SEVERITY: Record<Rag, number> = { green: 0, amber: 1, red: 2 };

/** The worst of several ratings (a KPI's headline over its sub-measures), or null when none has one. */
export function worstRag(rags: readonly (Rag | null)[]): Rag | null {
  return rags.reduce<Rag | null>(
    (worst, rag) => (rag && (!worst || SEVERITY[rag] > SEVERITY[worst]) ? rag : worst),
    null,
  );
}
