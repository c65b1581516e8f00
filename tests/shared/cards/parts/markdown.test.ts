import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../../../shared/cards/parts/markdown';
import { teamsMarkdownToHtml } from '../../../support/teams-markdown';

describe('escapeMarkdown', () => {
  it('leaves ordinary text alone', () => {
    expect(escapeMarkdown('Cambridge City Council (CCC)')).toBe('Cambridge City Council (CCC)');
    expect(escapeMarkdown('Score 8 (Medium), 3 Dec 2026, 14:05: £1,234.50')).toBe(
      'Score 8 (Medium), 3 Dec 2026, 14:05: £1,234.50',
    );
    expect(escapeMarkdown('Bryant-Smith, O’Brien')).toBe('Bryant-Smith, O’Brien');
  });

  it('escapes links, emphasis, code, tags and entities', () => {
    expect(escapeMarkdown('[link](http://x)')).toBe('\\[link\\](http://x)');
    expect(escapeMarkdown('**bold** _it_ `code` ~~gone~~')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~',
    );
    expect(escapeMarkdown('<http://x> &amp; a\\b | c')).toBe('\\<http://x\\> \\&amp; a\\\\b \\| c');
  });

  it('escapes what starts a list, a heading or a quote at the start of a line only', () => {
    expect(escapeMarkdown('- one\n+ two\n1. three\n2) four\n# five\n> six\n=== seven')).toBe(
      '\\- one\n\\+ two\n1\\. three\n2\\) four\n\\# five\n\\> six\n\\=== seven',
    );
    expect(escapeMarkdown('Huntingdon - 2. #1')).toBe('Huntingdon - 2. #1');
  });

  it('shows every character as written once Teams reads it as markdown', () => {
    const hostile = '[link](http://x) **bold** _it_ <b>tag</b> `c` \\ & ~';
    const html = teamsMarkdownToHtml(escapeMarkdown(hostile));
    expect(html).not.toMatch(/<a|<strong|<em|<b>/);
    expect(html).toBe('[link](http://x) **bold** _it_ &lt;b&gt;tag&lt;/b&gt; `c` \\ &amp; ~');
    expect(teamsMarkdownToHtml(hostile)).toContain('<a href="http://x">link</a>');
  });
});
