import type { OpenUrlAction } from './adaptive-card';

/**
 * A deep link to a page of the tab: its base address with a hash route (`#/risks/{id}`), as the tab routes by
 * hash. Ids are URL-encoded; a hash already on the base address is replaced.
 */
export function tabLink(tabUrl: string, ...route: readonly string[]): string {
  const base = tabUrl.split('#')[0] ?? tabUrl;
  return `${base}#/${route.map(encodeURIComponent).join('/')}`;
}

/** The button under a card that opens its record in the tab. */
export const openInTab = (tabUrl: string, ...route: readonly string[]): OpenUrlAction => ({
  type: 'Action.OpenUrl',
  title: 'Open in the tab',
  url: tabLink(tabUrl, ...route),
});
