import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';
import { JSDOM } from 'jsdom';
import { teamsMarkdownToHtml } from './teams-markdown';

/** One thing wrong with a card: where (a JSON path, or the element's type) and what. */
export type CardProblem = { at: string; problem: string };

/** The newest Adaptive Card schema Teams renders. */
export const TEAMS_CARD_VERSION = '1.5';

/**
 * Checks a card the way a Teams client would read it, with Microsoft's own renderer (`adaptivecards`): anything
 * it cannot read, does not know, or reads differently from what was written is a problem. Under Node the renderer
 * loads from its bundled `dist/adaptivecards.js`, with jsdom's window and document as globals.
 *
 * The checks, in order:
 * 1. the card is a JSON object whose `version` is at most 1.5, the newest Teams renders;
 * 2. parsing it for schema 1.5 logs no event: no unknown element or action type, no element or property newer
 *    than 1.5, no invalid value (the renderer's `SerializationContext` events);
 * 3. `validateProperties()` reports nothing: card type and version, duplicate ids, too many actions, labels;
 * 4. written back (`toJSON`), the card still holds everything it was given: the renderer drops what it does not
 *    know, so a property missing here is unknown, has a value of the wrong type, or is a default written out;
 * 5. with `{ render: true }`, it renders to HTML. Rendering under jsdom costs about 100 ms a card (jsdom's CSS
 *    declarations), against a few ms for the rest, so it is asked for; `renderAdaptiveCard` always renders.
 */
export function adaptiveCardProblems(card: unknown, options: { render?: boolean } = {}): CardProblem[] {
  if (typeof card !== 'object' || card === null || Array.isArray(card)) {
    return [{ at: '$', problem: 'a card is a JSON object' }];
  }
  const ac = adaptiveCards();
  // What the bot sends is JSON: check that, not the object (undefined values and the like do not survive).
  const json = JSON.parse(JSON.stringify(card)) as Record<string, unknown>;
  const problems: CardProblem[] = [...versionProblems(json.version)];

  const parsed = new ac.AdaptiveCard();
  const context = new ac.SerializationContext(ac.Versions.v1_5);
  parsed.parse(json, context);
  for (let index = 0; index < context.eventCount; index++) {
    problems.push(problemOf(ac, context.getEventAt(index)));
  }
  for (const event of parsed.validateProperties().validationEvents) problems.push(problemOf(ac, event));

  // The renderer writes the version it targets: the version is checked above, the rest must come back.
  const { version: _given, ...given } = json;
  const { version: _written, ...written } = parsed.toJSON(new ac.SerializationContext(ac.Versions.v1_5)) ?? {};
  problems.push(...notKept(given, written, '$'));

  if (!options.render) return problems;
  try {
    if (!withTeamsMarkdown(ac, () => parsed.render())) {
      problems.push({ at: '$', problem: 'the renderer rendered nothing' });
    }
  } catch (error) {
    problems.push({ at: '$', problem: `the renderer failed: ${String(error)}` });
  }
  return problems;
}

/** Fails with every problem listed unless the card is valid. */
export function expectValidAdaptiveCard(card: unknown, options: { render?: boolean } = {}): void {
  const problems = adaptiveCardProblems(card, options);
  if (problems.length > 0) {
    throw new Error(`The card is not valid for Teams:\n${problems.map((p) => `- ${p.at}: ${p.problem}`).join('\n')}`);
  }
}

/**
 * The card rendered to HTML as Teams would show it: TextBlock and Fact text through a stand-in for Teams'
 * markdown (`teamsMarkdownToHtml`), TextRuns as plain text, as the renderer treats them.
 */
export function renderAdaptiveCard(card: unknown): HTMLElement {
  const ac = adaptiveCards();
  const parsed = new ac.AdaptiveCard();
  parsed.parse(JSON.parse(JSON.stringify(card)));
  const element = withTeamsMarkdown(ac, () => parsed.render());
  if (!element) throw new Error('The renderer rendered nothing.');
  return element;
}

/** Runs the renderer with the stand-in for Teams' markdown on TextBlock and Fact text. */
function withTeamsMarkdown<T>(ac: typeof AdaptiveCards, render: () => T): T {
  const previous = ac.AdaptiveCard.onProcessMarkdown;
  ac.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = teamsMarkdownToHtml(text);
    result.didProcess = true;
  };
  try {
    return render();
  } finally {
    ac.AdaptiveCard.onProcessMarkdown = previous;
  }
}

function versionProblems(version: unknown): CardProblem[] {
  const match = typeof version === 'string' ? /^(\d+)\.(\d+)$/.exec(version) : null;
  if (!match) return [{ at: '$.version', problem: `the version ${JSON.stringify(version)} is not a version` }];
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const [maxMajor, maxMinor] = TEAMS_CARD_VERSION.split('.').map(Number) as [number, number];
  return major > maxMajor || (major === maxMajor && minor > maxMinor)
    ? [{ at: '$.version', problem: `version ${version} is newer than ${TEAMS_CARD_VERSION}, the newest Teams renders` }]
    : [];
}

function problemOf(ac: typeof AdaptiveCards, event: AdaptiveCards.IValidationEvent): CardProblem {
  const source = event.source as { getJsonTypeName?: () => string; id?: string } | undefined;
  const where = source?.getJsonTypeName ? `${source.getJsonTypeName()}${source.id ? `#${source.id}` : ''}` : '$';
  return { at: where, problem: `${ac.ValidationEvent[event.event]}: ${event.message}` };
}

/** What the card was given that the renderer did not keep, by JSON path. */
function notKept(given: unknown, kept: unknown, at: string): CardProblem[] {
  if (Array.isArray(given)) {
    if (!Array.isArray(kept)) return [{ at, problem: 'not kept by the renderer' }];
    if (kept.length !== given.length) {
      return [{ at, problem: `${given.length - kept.length} of ${given.length} items not kept by the renderer` }];
    }
    return given.flatMap((item, index) => notKept(item, kept[index], `${at}[${index}]`));
  }
  if (typeof given === 'object' && given !== null) {
    if (typeof kept !== 'object' || kept === null) return [{ at, problem: 'not kept by the renderer' }];
    const keptObject = kept as Record<string, unknown>;
    return Object.entries(given).flatMap(([key, value]) =>
      key in keptObject
        ? notKept(value, keptObject[key], `${at}.${key}`)
        : [
            {
              at: `${at}.${key}`,
              problem:
                'not kept by the renderer: an unknown property, a value of the wrong type, or a default value written out',
            },
          ],
    );
  }
  return Object.is(given, kept)
    ? []
    : [{ at, problem: `read as ${JSON.stringify(kept)}, not ${JSON.stringify(given)}` }];
}

let loaded: typeof AdaptiveCards | undefined;

/** The renderer, loaded once, after jsdom's window and DOM classes are made globals it can find. */
function adaptiveCards(): typeof AdaptiveCards {
  if (!loaded) {
    exposeDom();
    loaded = createRequire(__filename)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;
  }
  return loaded;
}

const DOM_GLOBALS =
  /^(window|document|navigator|getComputedStyle|requestAnimationFrame|cancelAnimationFrame|Node|Element|(HTML|SVG)\w*Element|DocumentFragment|MutationObserver|ResizeObserver|DOMParser)$/;

function exposeDom(): void {
  const { window } = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  // The renderer writes plain text (TextRuns) through innerText, which jsdom does not lay out: as textContent.
  if (!Object.getOwnPropertyDescriptor(window.HTMLElement.prototype, 'innerText')) {
    Object.defineProperty(window.HTMLElement.prototype, 'innerText', {
      configurable: true,
      get(this: HTMLElement) {
        return this.textContent ?? '';
      },
      set(this: HTMLElement, text: string) {
        this.textContent = text;
      },
    });
  }
  const globals = globalThis as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(window)) {
    if (DOM_GLOBALS.test(name) && !(name in globals)) {
      Object.defineProperty(globals, name, {
        configurable: true,
        writable: true,
        value: name === 'window' ? window : (window as unknown as Record<string, unknown>)[name],
      });
    }
  }
}
