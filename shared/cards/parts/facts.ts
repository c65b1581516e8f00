import type { FactSet } from './adaptive-card';
import { escapeMarkdown } from './markdown';

/** A fact, or nothing when its value is missing or empty. */
export type FactRow = readonly [title: string, value: string | null | undefined];

/**
 * Name and value pairs as a FactSet, which screen readers read as pairs. Both are escaped: Teams reads facts as
 * markdown. Missing values are left out; with none left there is no FactSet (an empty one shows nothing).
 */
export function factSet(
  rows: readonly FactRow[],
  options: Pick<FactSet, 'spacing' | 'separator'> = {},
): FactSet | null {
  const facts = rows
    .filter((row): row is readonly [string, string] => typeof row[1] === 'string' && row[1].trim() !== '')
    .map(([title, value]) => ({ title: escapeMarkdown(title), value: escapeMarkdown(value) }));
  return facts.length > 0 ? { type: 'FactSet', facts, ...options } : null;
}
