/**
 * A stand-in for the markdown Teams applies to TextBlock and Fact text (a CommonMark subset: bold, italic and
 * links, with backslash escapes), so tests can render a card the way Teams shows it and see whether any text on
 * it became a link or bold. It is no full CommonMark parser: lists and line breaks are left as they are.
 */
export function teamsMarkdownToHtml(text: string): string {
  let html = '';
  let at = 0;
  while (at < text.length) {
    const rest = text.slice(at);
    const escaped = /^\\([!-/:-@[-`{-~])/.exec(rest);
    const link = /^\[((?:\\.|[^\]\\])*)\]\(([^)\s]+)\)/.exec(rest);
    const strong = /^(\*\*|__)(?=\S)((?:\\.|[\s\S])*?\S)\1/.exec(rest);
    const emphasis = /^([*_])(?=\S)((?:\\.|[^*_\\])*?\S)\1/.exec(rest);
    if (escaped) {
      html += escapeHtml(escaped[1] as string);
      at += escaped[0].length;
    } else if (link) {
      html += `<a href="${escapeHtml(link[2] as string)}">${teamsMarkdownToHtml(link[1] as string)}</a>`;
      at += link[0].length;
    } else if (strong) {
      html += `<strong>${teamsMarkdownToHtml(strong[2] as string)}</strong>`;
      at += strong[0].length;
    } else if (emphasis) {
      html += `<em>${teamsMarkdownToHtml(emphasis[2] as string)}</em>`;
      at += emphasis[0].length;
    } else {
      html += escapeHtml(rest[0] as string);
      at += 1;
    }
  }
  return html;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
