import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { type RunningApp, startLocalApp } from '../support/local-app';

const ARTEFACTS = join(__dirname, '..', '..', '.local', 'test-artifacts', 'microsoft-sign-in');
const STAFF = 'jo.baker@huntingdonshire.example';

/**
 * The browser sign-in outside Teams, as against real tenants: MSAL.js in the tab, the authorization code flow
 * with PKCE against the simulated tenants (which stand in for Microsoft Entra ID), and the API called with the
 * token MSAL.js got. The simulator's certificate comes from the local certificate authority, which this browser
 * does not know: it is told to accept it.
 */
describe('signing in with Microsoft outside Teams', () => {
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const apiTokens: string[] = [];
  const shoot = (name: string) => page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    [app, browser] = await Promise.all([startLocalApp(), launchChromium()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ignoreHTTPSErrors: true });
    page = await context.newPage();
    page.on('request', (request) => {
      const authorization = request.headers().authorization;
      if (request.url().includes('/api/') && authorization) apiTokens.push(authorization);
    });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.interrupt();
  });

  it('sends the user to their Microsoft sign-in and back, signed in, to the page they were on', async () => {
    await page.goto(`${app.baseUrl}/#/kpis`);
    await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
    await page.waitForURL(/\/organizations\/oauth2\/v2\.0\/authorize\?/, { timeout: 10_000 });
    const authorize = new URL(page.url());
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('response_mode')).toBe('query');
    expect(authorize.searchParams.get('scope')).toContain('/access_as_user');
    await shoot('1-authority-sign-in');

    await page.getByRole('button', { name: new RegExp(STAFF.replace(/\./g, '\\.')) }).click();
    await page.getByText('Jo Baker (HDC)').waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).origin).toBe(app.baseUrl);
    expect(page.url()).not.toMatch(/[?&]code=/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('KPIs');
    await shoot('2-signed-in');
  });

  it('calls the API with the access token MSAL.js got for the API, issued by the user’s own tenant', async () => {
    const last = apiTokens.at(-1) ?? '';
    expect(last).toMatch(/^Bearer ey/);
    const claims = JSON.parse(Buffer.from(last.split('.')[1] ?? '', 'base64url').toString()) as Record<string, string>;
    expect(claims.scp).toBe('access_as_user');
    expect(claims.upn ?? claims.preferred_username).toBe(STAFF);
    expect(claims.iss).toMatch(new RegExp(`/${claims.tid}/v2\\.0$`));
    // The demo sign-in's token was not used.
    expect(await page.evaluate(() => sessionStorage.getItem('ict-hub.access-token'))).toBeNull();
  });

  it('stays signed in across a reload, and signs out', async () => {
    await page.reload();
    await page.getByText('Jo Baker (HDC)').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in with Microsoft' }).waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).origin).toBe(app.baseUrl);
    await shoot('3-signed-out');
  });
});
