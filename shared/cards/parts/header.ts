import type { CouncilRef } from '../card-viewer';
import type { TextBlock } from './adaptive-card';
import { heading, textBlock } from './text';

/** "Cambridge City Council (CCC) and Huntingdonshire District Council (HDC)". */
export function councilNames(councils: readonly CouncilRef[]): string {
  const names = councils.map((council) => `${council.name} (${council.code})`);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The top of a card: what it is, which record, and the councils it concerns. */
export function cardHeader(parts: { title: string; subtitle: string; councils?: string }): TextBlock[] {
  return [
    heading(parts.title),
    textBlock(parts.subtitle, { isSubtle: true, spacing: 'None' }),
    ...(parts.councils ? [textBlock(parts.councils, { spacing: 'Small' })] : []),
  ];
}
