/**
 * Teams reads TextBlock and Fact text as markdown (bold, italic, lists, links). Text there that came from a record
 * (a council's name, a category, a person's name) is escaped with CommonMark backslash escapes, so a name written
 * `[link](http://x)` or `**x**` shows as written instead of becoming a link or bold. Longer text people wrote goes
 * in RichTextBlock runs instead (`plainText`), which no host reads as markdown.
 */
export function escapeMarkdown(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => escapeLineStart(line.replace(INLINE_MARKUP, '\\$&')))
    .join('\n');
}

/** Characters that open or close inline markup: emphasis, links, images, code, strikethrough, autolinks, entities. */
const INLINE_MARKUP = /[\\`*_[\]<>~&|]/g;

/** At the start of a line: headings, quotes, list items and thematic breaks. */
function escapeLineStart(line: string): string {
  const lead = /^(\s*)(#|>|-|\+|=|(\d+)([.)]))/.exec(line);
  if (!lead) return line;
  const [whole, space = '', marker = '', digits, delimiter] = lead;
  const escaped = digits !== undefined ? `${digits}\\${delimiter}` : `\\${marker}`;
  return `${space}${escaped}${line.slice(whole.length)}`;
}
