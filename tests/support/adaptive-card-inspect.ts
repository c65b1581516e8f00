/**
 * Reading a card's JSON in tests: its buttons, its refresh block, and its text by how Teams treats it (TextBlock
 * and Fact text as markdown, TextRuns as plain text).
 */
export type CardJson = { type: string; body?: unknown[]; actions?: unknown[]; refresh?: CardRefreshJson };
export type ExecuteJson = {
  type: 'Action.Execute';
  title?: string;
  verb: string;
  data: Record<string, unknown>;
  style?: string;
};
export type CardRefreshJson = { action: ExecuteJson; userIds: string[] };

/** Every object in the card (elements, actions, facts, runs), depth first. */
export function objectsOf(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(objectsOf);
  if (typeof value !== 'object' || value === null) return [];
  const object = value as Record<string, unknown>;
  return [object, ...Object.values(object).flatMap(objectsOf)];
}

/** The buttons a viewer can press: every Action.Execute but the refresh action. */
export function executeButtons(card: CardJson): ExecuteJson[] {
  const refresh = card.refresh?.action;
  return objectsOf({ body: card.body, actions: card.actions }).filter(
    (object): object is ExecuteJson => object.type === 'Action.Execute' && object !== refresh,
  );
}

/** Every Action.Execute on the card, the refresh action included. */
export const executeActions = (card: CardJson): ExecuteJson[] =>
  objectsOf(card).filter((object): object is ExecuteJson => object.type === 'Action.Execute');

/** The links on the card: every Action.OpenUrl, with its title. */
export const openUrlActions = (card: CardJson): { title: string; url: string }[] =>
  objectsOf(card)
    .filter((object) => object.type === 'Action.OpenUrl')
    .map((object) => ({ title: String(object.title), url: String(object.url) }));

/** Strings Teams reads as markdown: TextBlock text, and Fact titles and values. */
export function markdownTexts(card: CardJson): string[] {
  return objectsOf(card).flatMap((object) => {
    if (object.type === 'TextBlock') return [String(object.text)];
    if (object.type === 'FactSet') {
      return (object.facts as { title: string; value: string }[]).flatMap((fact) => [fact.title, fact.value]);
    }
    return [];
  });
}

/** Strings shown as written: the TextRuns of RichTextBlocks. */
export const plainTexts = (card: CardJson): string[] =>
  objectsOf(card)
    .filter((object) => object.type === 'TextRun')
    .map((object) => String(object.text));

/** Facts by title, as written on the card (escaped). */
export function factsOf(card: CardJson): Record<string, string> {
  return Object.fromEntries(
    objectsOf(card)
      .filter((object) => object.type === 'FactSet')
      .flatMap((object) => (object.facts as { title: string; value: string }[]).map((f) => [f.title, f.value])),
  );
}

/** The input of the given id, if the card has one. */
export const inputOf = (card: CardJson, id: string) =>
  objectsOf(card).find(
    (object) => typeof object.type === 'string' && object.type.startsWith('Input.') && object.id === id,
  );
