import type { RichTextBlock, Spacing, TextBlock, TextRun } from './adaptive-card';
import { escapeMarkdown } from './markdown';

type TextOptions = Omit<Partial<TextBlock>, 'type' | 'text' | 'wrap'>;

/** A TextBlock of the product's own words, with any values in it escaped: nothing in it is read as markdown. */
export const textBlock = (text: string, options: TextOptions = {}): TextBlock => ({
  type: 'TextBlock',
  text: escapeMarkdown(text),
  wrap: true,
  ...options,
});

/** A heading: screen readers announce it as one (`style: heading`), and it looks like one everywhere. */
export const heading = (text: string, options: TextOptions = {}): TextBlock =>
  textBlock(text, { style: 'heading', weight: 'Bolder', size: 'Medium', ...options });

/** A smaller heading for a section of a card. */
export const sectionHeading = (text: string): TextBlock =>
  textBlock(text, { style: 'heading', weight: 'Bolder', spacing: 'Medium' });

type RunOptions = Omit<TextRun, 'type' | 'text'>;

/** A run of text exactly as a person wrote it: TextRuns are never read as markdown. */
export const run = (text: string, options: RunOptions = {}): TextRun => ({ type: 'TextRun', text, ...options });

/** Text people wrote (a risk, a comment, a bid's title), shown as written. */
export const plainText = (
  runs: string | readonly TextRun[],
  options: { spacing?: Spacing; separator?: true } = {},
): RichTextBlock => ({
  type: 'RichTextBlock',
  inlines: typeof runs === 'string' ? [run(runs)] : [...runs],
  ...options,
});

/** A label over a piece of text people wrote: the label in bold, the text as written below it. */
export const labelledText = (label: string, text: string): [TextBlock, RichTextBlock] => [
  textBlock(label, { weight: 'Bolder', spacing: 'Medium' }),
  plainText(text, { spacing: 'None' }),
];
