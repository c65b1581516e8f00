import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from '../support/browser';
import { type RunningApp, startLocalApp } from '../support/local-app';

const ARTEFACTS = join(__dirname, '..', '..', '.local', 'test-artifacts', 'teams-host');
const FIXTURES = join(__dirname, 'teams-host');
/**
 * The test host page is served at a Teams origin (through Playwright's routing, nothing leaves the machine): the
 * tab's `frame-ancestors` allows Teams only, and teams-js accepts messages only from https Teams origins.
 */
const HOST_ORIGIN = 'https://teams.microsoft.com';
const HOST_PAGE = `${HOST_ORIGIN}/_test-host/ict-hub/`;
const STAFF = 'jo.baker@huntingdonshire.example';

type HostMessage = { func: string; args: unknown[]; at: number };
type TeamsHostHandle = { messages(): HostMessage[]; tokensIssued(): number; setTheme(theme: string): void };

/** The claims of a JWT, unverified (the test only reads who the token is for). */
function claimsOf(token: string): Record<string, string> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

/**
 * The tab inside a page that plays Microsoft Teams (tests/e2e/teams-host/): teams-js initialises against it, reads
 * the context (theme, user), gets the user's token by Teams SSO (`authentication.getAuthToken`, answered with a real
 * token of a demo user from the simulated tenant) and follows theme changes.
 */
describe('the tab inside a Teams host', () => {
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let tab: Frame;
  let token: string;
  const errors: string[] = [];
  const apiCalls: { path: string; authorization: string | undefined }[] = [];
  const appRequests: string[] = [];
  const shoot = (name: string) => page.screenshot({ path: join(ARTEFACTS, `${name}.png`) });
  /** What the host page heard from the tab, and its controls (tests/e2e/teams-host/teams-host.js). */
  const host = {
    messages: () => page.evaluate(() => ((window as any).teamsHost as TeamsHostHandle).messages()),
    funcs: async () => (await host.messages()).map((m) => m.func),
    tokensIssued: () => page.evaluate(() => ((window as any).teamsHost as TeamsHostHandle).tokensIssued()),
    setTheme: (theme: string) =>
      page.evaluate((t) => ((window as any).teamsHost as TeamsHostHandle).setTheme(t), theme),
  };
  const themeOfTab = () => tab.locator('.fui-FluentProvider').first().getAttribute('data-theme');
  const backgroundOfTab = () =>
    tab
      .locator('.fui-FluentProvider')
      .first()
      .evaluate((element) => getComputedStyle(element).backgroundColor);

  beforeAll(async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    [app, browser] = await Promise.all([startLocalApp(), launchChromium()]);
    token = app.tokenFor(STAFF);
    const claims = claimsOf(token);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Chromium asks before a public site reaches a server on this machine (Local Network Access); Teams users
    // who sideload a tab served from localhost grant the same. The grant is for the host page's origin only.
    await context.grantPermissions(['local-network-access'], { origin: HOST_ORIGIN });
    await context.route(`${HOST_ORIGIN}/**`, async (route) => {
      const url = new URL(route.request().url());
      if (!url.href.startsWith(HOST_PAGE)) return route.fulfill({ status: 404, body: 'Not the test host' });
      const name = url.pathname.slice(new URL(HOST_PAGE).pathname.length) || 'index.html';
      if (name === 'config.json') {
        return route.fulfill({
          contentType: 'application/json',
          body: JSON.stringify({
            tabUrl: `${app.baseUrl}/`,
            token,
            theme: 'dark',
            user: {
              id: claims.oid,
              userPrincipalName: STAFF,
              displayName: 'Jo Baker',
              tenantId: claims.tid,
            },
          }),
        });
      }
      if (name !== 'index.html' && name !== 'teams-host.js') return route.fulfill({ status: 404, body: 'Not found' });
      return route.fulfill({ path: join(FIXTURES, name) });
    });
    page = await context.newPage();
    collectPageErrors(page, errors);
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === app.baseUrl) appRequests.push(url.pathname);
      if (url.origin === app.baseUrl && url.pathname.startsWith('/api/')) {
        apiCalls.push({ path: `${url.pathname}${url.search}`, authorization: request.headers().authorization });
      }
    });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.interrupt();
  });

  it('initialises with teams-js, well within the one-second detection window', async () => {
    await page.goto(HOST_PAGE);
    const frame = await (await page.waitForSelector('#tab[src]')).contentFrame();
    if (!frame) throw new Error('The host page has no tab frame');
    tab = frame;
    await expect.poll(() => tab.evaluate(() => document.documentElement.dataset.host ?? null)).toBe('teams');
    const detectedMs = Number(await tab.evaluate(() => document.documentElement.dataset.hostDetectedMs));
    expect(detectedMs).toBeLessThan(1_000);

    const funcs = await host.funcs();
    expect(funcs[0]).toBe('initialize');
    expect(funcs).toEqual(expect.arrayContaining(['getContext', 'appInitialization.success']));
    const initialize = (await host.messages()).find((m) => m.func === 'initialize');
    expect(initialize?.args[0]).toBe('2.58.0');
  });

  it('shows data fetched with the Teams SSO token, without the sign-in picker', async () => {
    await tab.getByText('Jo Baker (HDC)').waitFor({ timeout: 10_000 });
    const current = tab.getByRole('list', { name: 'Incidents in progress, worst first' });
    await current.waitFor({ timeout: 10_000 });
    expect(await current.getByRole('link').allTextContents()).toContain(
      'Intermittent telephony drop-outs at South Cambridgeshire Hall',
    );
    expect(await tab.getByRole('heading', { name: 'Sign in as a demo user' }).count()).toBe(0);
    expect(await tab.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    // Nothing of the browser sign-in: neither the demo directory nor a demo token was asked for.
    expect(appRequests.filter((path) => path.startsWith('/dev/'))).toEqual([]);

    expect(await host.tokensIssued()).toBeGreaterThanOrEqual(1);
    expect(await host.funcs()).toContain('authentication.getAuthToken');
    const calls = apiCalls.filter((call) => call.path === '/api/me' || call.path === '/api/status');
    expect(calls.map((call) => call.path)).toEqual(expect.arrayContaining(['/api/me', '/api/status']));
    for (const call of calls) expect(call.authorization).toBe(`Bearer ${token}`);
  });

  it('follows the Teams theme: dark from the context, then high contrast and default as Teams switches', async () => {
    // The host's context says dark: the tab starts dark.
    expect(await themeOfTab()).toBe('dark');
    expect(luminance(await backgroundOfTab())).toBeLessThan(0.1);
    await shoot('1-dark');

    // The tab registered for theme changes; Teams sends them as events.
    const registered = (await host.messages()).filter((m) => m.func === 'registerHandler');
    expect(registered.map((m) => m.args[0])).toContain('themeChange');

    await host.setTheme('contrast');
    await expect.poll(themeOfTab).toBe('contrast');
    expect(await backgroundOfTab()).toBe('rgb(0, 0, 0)');
    await shoot('2-high-contrast');

    await host.setTheme('default');
    await expect.poll(themeOfTab).toBe('default');
    expect(luminance(await backgroundOfTab())).toBeGreaterThan(0.9);
    await shoot('3-default');

    await host.setTheme('dark');
    await expect.poll(themeOfTab).toBe('dark');
  });

  it('logged no errors in the browser', () => {
    expect(errors).toEqual([]);
  });
});

/** Relative luminance (0 black, 1 white) of a CSS rgb() colour. */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}
