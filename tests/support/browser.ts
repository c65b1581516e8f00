import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless; `.ci/run` installs it (apt-get install chromium). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Browser tests need Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * teams-js fetches its list of Teams origins from a Microsoft CDN when it loads; the tab's content security policy
 * (connect-src 'self') blocks that, and teams-js falls back to the list it carries. The browser logs the blocked
 * fetch as a console error: expected, and not a fault of the tab.
 */
const isTeamsJsOriginListFetch = (text: string) => text.includes('res.cdn.office.net/teams-js/validDomains');

/**
 * Collects what went wrong on a page into `errors`: uncaught errors, console errors (but the expected teams-js
 * origin-list fetch, and failed loads, which are logged without their address) and answers of 400 or more, named.
 */
export function collectPageErrors(page: Page, errors: string[], who = ''): void {
  const tag = who ? `${who}: ` : '';
  page.on('pageerror', (error) => errors.push(`${tag}${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && !isTeamsJsOriginListFetch(text) && !text.startsWith('Failed to load resource'))
      errors.push(`${tag}${text}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400)
      errors.push(`${tag}${response.status()} ${response.request().method()} ${response.url()}`);
  });
}
