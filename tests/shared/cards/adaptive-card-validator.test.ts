import { describe, expect, it } from 'vitest';
import {
  adaptiveCardProblems,
  expectValidAdaptiveCard,
  renderAdaptiveCard,
} from '../../support/adaptive-card-validator';

const card = (body: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body,
  ...extra,
});
const text = { type: 'TextBlock', text: 'Hello', wrap: true };
const problemsOf = (json: unknown) => adaptiveCardProblems(json).map((p) => `${p.at}: ${p.problem}`);

describe('the Adaptive Card validator', () => {
  it('passes a card Teams renders, with the elements and actions the product uses', () => {
    const good = card(
      [
        { ...text, style: 'heading', weight: 'Bolder' },
        { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'as written', italic: true }] },
        { type: 'FactSet', facts: [{ title: 'Score', value: '8 (Medium)' }] },
        { type: 'Container', style: 'warning', items: [text] },
        { type: 'Input.Text', id: 'comment', label: 'Comment', maxLength: 1000, isMultiline: true },
        { type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Go', verb: 'go', data: { id: 'r1' } }] },
      ],
      {
        actions: [{ type: 'Action.OpenUrl', title: 'Open', url: 'https://hub.example.org/#/risks/r1' }],
        refresh: { action: { type: 'Action.Execute', verb: 'refreshCard', data: { id: 'r1' } }, userIds: ['29:a'] },
      },
    );
    expect(adaptiveCardProblems(good, { render: true })).toEqual([]);
    expect(() => expectValidAdaptiveCard(good)).not.toThrow();
  });

  it('reports an unknown element type', () => {
    expect(problemsOf(card([text, { type: 'Frobnicator', text: 'x' }]))).toContain(
      '$: UnknownElementType: Unknown element type "Frobnicator". Fallback will be used if present.',
    );
  });

  it('reports an unknown action type, in the body and under the card', () => {
    const problems = problemsOf(
      card([{ type: 'ActionSet', actions: [{ type: 'Action.Frob', title: 'x' }] }], {
        actions: [{ type: 'Action.Http', title: 'y', url: 'https://x' }],
      }),
    );
    expect(problems.filter((p) => p.includes('UnknownActionType'))).toHaveLength(2);
  });

  it('reports a version Teams does not render, and a card without one', () => {
    expect(problemsOf(card([text], { version: '1.6' }))).toEqual([
      '$.version: version 1.6 is newer than 1.5, the newest Teams renders',
    ]);
    const future = problemsOf(card([text], { version: '2.0' }));
    expect(future).toContain('$.version: version 2.0 is newer than 1.5, the newest Teams renders');
    expect(future.some((p) => p.includes('UnsupportedCardVersion'))).toBe(true);
    expect(problemsOf(card([text], { version: undefined }))[0]).toBe(
      '$.version: the version undefined is not a version',
    );
  });

  it('reports an element newer than 1.5, even with a version that allows it', () => {
    expect(problemsOf(card([{ type: 'Carousel', pages: [] }], { version: '1.6' }))).toContain(
      '$: UnknownElementType: Unknown element type "Carousel". Fallback will be used if present.',
    );
  });

  it('reports unknown properties, values of the wrong type and invalid values, by path', () => {
    expect(problemsOf(card([{ ...text, colour: 'Good' }]))).toEqual([
      '$.body[0].colour: not kept by the renderer: an unknown property, a value of the wrong type, or a default value written out',
    ]);
    expect(problemsOf(card([text], { msteams: { width: 'Full' } }))).toEqual([
      '$.msteams: not kept by the renderer: an unknown property, a value of the wrong type, or a default value written out',
    ]);
    expect(problemsOf(card([{ ...text, wrap: 'yes' }]))).toEqual([
      '$.body[0].wrap: not kept by the renderer: an unknown property, a value of the wrong type, or a default value written out',
    ]);
    expect(problemsOf(card([{ ...text, weight: 'Boldest' }]))).toContain(
      'TextBlock: InvalidPropertyValue: Invalid value "Boldest" for property "weight".',
    );
    expect(problemsOf(card([{ type: 'FactSet', facts: [{ title: 'a', value: 'b', colour: 'x' }] }]))).toEqual([
      '$.body[0].facts[0].colour: not kept by the renderer: an unknown property, a value of the wrong type, or a default value written out',
    ]);
  });

  it('reports duplicate ids and a card that is not a card', () => {
    const twice = { type: 'Input.Text', id: 'comment', label: 'Comment' };
    expect(problemsOf(card([twice, twice])).some((p) => p.includes('DuplicateId'))).toBe(true);
    expect(problemsOf(card([text], { type: 'HeroCard' })).some((p) => p.includes('MissingCardType'))).toBe(true);
    expect(problemsOf('a card')).toEqual(['$: a card is a JSON object']);
  });

  it('throws listing every problem', () => {
    expect(() => expectValidAdaptiveCard(card([{ type: 'Frobnicator' }], { version: '1.6' }))).toThrow(
      /not valid for Teams:\n- \$\.version: version 1\.6 is newer.*\n- \$: UnknownElementType/s,
    );
  });
});

describe('rendering a card as Teams shows it', () => {
  it('reads TextBlock and Fact text as markdown, so unescaped text becomes a link', () => {
    const rendered = renderAdaptiveCard(
      card([
        { ...text, text: 'See [the tab](https://hub.example.org) **now**' },
        { type: 'FactSet', facts: [{ title: 'Link', value: '[x](http://x)' }] },
      ]),
    );
    expect([...rendered.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://hub.example.org',
      'http://x',
    ]);
    expect(rendered.querySelectorAll('strong')).toHaveLength(1);
  });

  it('shows escaped text and TextRuns as written', () => {
    const rendered = renderAdaptiveCard(
      card([
        { ...text, text: 'See \\[the tab\\](https://hub.example.org) \\*\\*now\\*\\*' },
        { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '[x](http://x) **y**' }] },
      ]),
    );
    expect(rendered.querySelectorAll('a, strong, em')).toHaveLength(0);
    expect(rendered.textContent).toContain('See [the tab](https://hub.example.org) **now**');
    expect(rendered.textContent).toContain('[x](http://x) **y**');
  });
});
