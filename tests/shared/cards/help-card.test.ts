import { describe, expect, it } from 'vitest';
import { helpCard } from '../../../shared/cards/help-card';
import { type CardJson, executeActions, factsOf, markdownTexts } from '../../support/adaptive-card-inspect';
import { adaptiveCardProblems } from '../../support/adaptive-card-validator';
import { context } from './card-fixtures';

describe('the help card', () => {
  const card = helpCard(context) as CardJson;

  it('says what the bot does and what to say to it', () => {
    expect(markdownTexts(card)[0]).toBe('ICT Partnership Hub');
    expect(factsOf(card)).toEqual({ status: 'The IT services now, and current incidents', help: 'This message' });
    expect(markdownTexts(card).join('\n')).toMatch(/risk approvers.*bid approvers/s);
  });

  it('links to the tab and has no buttons to press', () => {
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open in the tab', url: 'https://hub.example.org/tab/#/' },
    ]);
    expect(executeActions(card)).toEqual([]);
    expect(card.refresh).toBeUndefined();
  });

  it('is valid for Teams', () => {
    expect(adaptiveCardProblems(card)).toEqual([]);
  });
});
