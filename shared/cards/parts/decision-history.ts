import type { CouncilRef } from '../card-viewer';
import type { CardElement, Container } from './adaptive-card';
import { formatDateTime } from './format';
import { plainText, run, sectionHeading, textBlock } from './text';

/** One asked council's line in the history: its decision and who made it when, or that none is made. */
export type DecisionEntry = {
  council: CouncilRef;
  /** The decision in words ("Tolerate", "Approved"), or where the council is ("awaiting decision"). */
  status: string;
  by?: string;
  at?: string;
  comment?: string;
  /** A remark on the decision ("Made on an earlier version of the risk."). */
  remark?: string;
};

/**
 * Each asked council's decision: who decided, when, and their comment as they wrote it, or that it is still
 * awaited. Names and comments are runs of plain text; the council and the decision are the card's own words.
 */
export function decisionHistory(title: string, entries: readonly DecisionEntry[]): CardElement[] {
  return [sectionHeading(title), ...entries.map(entryOf)];
}

function entryOf(entry: DecisionEntry): Container {
  const { council } = entry;
  const items: CardElement[] = [textBlock(`${council.name} (${council.code}): ${entry.status}`, { weight: 'Bolder' })];
  if (entry.by || entry.at) {
    const who = [entry.by ? `by ${entry.by}` : '', entry.at ? formatDateTime(entry.at) : ''].filter(Boolean);
    items.push(plainText([run(who.join(', '), { isSubtle: true })], { spacing: 'None' }));
  }
  if (entry.comment?.trim()) {
    items.push(plainText([run(`Comment: ${entry.comment}`, { italic: true })], { spacing: 'None' }));
  }
  if (entry.remark) items.push(textBlock(entry.remark, { isSubtle: true, spacing: 'None' }));
  return { type: 'Container', spacing: 'Small', items };
}
