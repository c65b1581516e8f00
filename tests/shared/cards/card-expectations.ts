import { expect } from 'vitest';
import { type CardJson, executeActions, markdownTexts } from '../../support/adaptive-card-inspect';
import { renderAdaptiveCard } from '../../support/adaptive-card-validator';

/** Every Action.Execute on the card, refresh included, sends only the given keys, each an id, token or number. */
export function expectActionDataOnly(card: CardJson, allowedKeys: readonly string[]): void {
  for (const action of executeActions(card)) {
    expect(
      Object.keys(action.data).filter((key) => !allowedKeys.includes(key)),
      `keys of ${action.verb}`,
    ).toEqual([]);
    for (const value of Object.values(action.data)) {
      expect(['string', 'number'], `a value of ${action.verb}`).toContain(typeof value);
      if (typeof value === 'string') expect(value).toMatch(/^[^\s]{1,120}$/);
    }
  }
}

/**
 * Text someone wrote shows on the rendered card exactly as written (each line of it), and nothing on the card
 * became a link, bold or italic; no markdown string on the card holds an unescaped link.
 */
export function expectShownAsWritten(card: CardJson, written: string): void {
  const rendered = renderAdaptiveCard(card);
  expect(rendered.querySelectorAll('a, strong, em')).toHaveLength(0);
  for (const line of written.split('\n')) expect(rendered.textContent).toContain(line);
  for (const text of markdownTexts(card)) expect(text).not.toMatch(/(^|[^\\])\[[^\]]*[^\\]\]\(/);
}
