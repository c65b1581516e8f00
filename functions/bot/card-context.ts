import type { CardContext } from '../../shared/cards/card-viewer';
import type { Runtime } from '../../shared/runtime';

/**
 * What the cards link to: the tab, served from the app's own origin (the first of ALLOWED_ORIGINS), or this
 * machine's local host when none is set (development).
 */
export function cardContextOf(runtime: Pick<Runtime, 'settings'>): CardContext {
  const origin = runtime.settings.allowedOrigins[0] ?? `http://localhost:${runtime.settings.localHostPort}`;
  return { tabUrl: `${origin}/` };
}
