import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from '../support/browser';
import { type RunningApp, startLocalApp } from '../support/local-app';

/** Screenshots kept as test artefacts (`.local/` is git-ignored; CI can upload the folder). */
const ARTEFACTS = join(__dirname, '..', '..', '.local', 'test-artifacts', 'tab');
const STAFF = 'jo.baker@huntingdonshire.example';

type OutageLogPage = { items: { id: string; kind: string; title: string; end: string | null }[] };

/** The tab outside Teams, as a member of staff uses it from a browser on `npm start`. */
describe('the tab in a browser, outside Teams', () => {
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const shoot = (name: string) => page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    [app, browser] = await Promise.all([startLocalApp(), launchChromium()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    collectPageErrors(page, errors);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.interrupt();
  });

  it('finds out within a second that it is not in Teams and offers the demo sign-in', async () => {
    const opened = Date.now();
    await page.goto(`${app.baseUrl}/`);
    await page.getByRole('heading', { name: 'Sign in as a demo user' }).waitFor({ timeout: 5_000 });
    const pickerAfterMs = Date.now() - opened;
    const host = await page.evaluate(() => ({ ...document.documentElement.dataset }));
    expect(host.host).toBe('browser');
    expect(Number(host.hostDetectedMs)).toBeLessThan(1_500);
    expect(pickerAfterMs).toBeLessThan(5_000);
    await expect.poll(() => page.getByRole('button', { name: 'Sign in as Jo Baker' }).count()).toBe(1);
    await shoot('1-sign-in-picker');
  });

  it('signs a member of staff in and shows the service status with the demo incidents', async () => {
    await page.getByRole('button', { name: 'Sign in as Jo Baker' }).click();
    await page.getByText('Jo Baker (HDC)').waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => sessionStorage.getItem('ict-hub.access-token'))).toMatch(/^ey/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Status');

    // The demo seeds one incident open for the last 50 minutes: the status page must list it as current.
    const current = page.getByRole('list', { name: 'Incidents in progress, worst first' });
    await current.waitFor({ timeout: 10_000 });
    await expect
      .poll(() => current.getByRole('link').allTextContents())
      .toContain('Intermittent telephony drop-outs at South Cambridgeshire Hall');
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Overall:.*Degraded/);
    await expect
      .poll(() =>
        page
          .getByRole('table')
          .first()
          .getByRole('row', { name: /Network\/Telephony/ })
          .textContent(),
      )
      .toMatch(/Degraded/);
    await expect.poll(() => page.getByRole('list', { name: /Planned maintenance in the next/ }).count()).toBe(1);

    // Staff have no licence administration: the Licences page is not offered.
    for (const name of ['Status', 'KPIs', 'Plan', 'Risks', 'Bids']) {
      expect(await page.getByRole('tab', { name, exact: true }).count()).toBe(1);
    }
    expect(await page.getByRole('tab').count()).toBe(5);
    expect(await page.getByRole('tab', { name: 'Licences' }).count()).toBe(0);
    await shoot('2-status');
  });

  it('opens the KPIs page and shows KPI-2 computed from the outage log: 99.57% for Q2 2019/20', async () => {
    await page.getByRole('tab', { name: 'KPIs' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/kpis');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('KPIs');
    await page.getByRole('heading', { name: /Q2 2019\/20, all councils combined/ }).waitFor({ timeout: 10_000 });
    const kpi2 = page.getByRole('article', { name: 'KPI-2 Service Availability' });
    await kpi2.waitFor();
    const text = (await kpi2.textContent()) ?? '';
    expect(text).toContain('99.57%');
    expect(text).toMatch(/Green/);
    expect(text).toContain('computed from the outage log');
    await kpi2.scrollIntoViewIfNeeded();
    await shoot('3-kpis');
  });

  it('opens an incident from a deep link, also on a fresh load of the address', async () => {
    const token = app.tokenFor(STAFF);
    const response = await fetch(`${app.baseUrl}/api/incidents?state=open`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const open = ((await response.json()) as OutageLogPage).items.find((i) => i.kind === 'incident' && !i.end);
    if (!open) throw new Error('The demo outage log has no open incident');

    const link = `${app.baseUrl}/#/status/incidents/${encodeURIComponent(open.id)}`;
    await page.goto(link);
    const title = page.getByRole('heading', { level: 2, name: open.title });
    await title.waitFor({ timeout: 10_000 });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Status');
    expect(await page.getByRole('article', { name: open.title }).textContent()).toMatch(/In progress/);

    await page.reload();
    await title.waitFor({ timeout: 10_000 });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Status');
    await shoot('4-incident-deep-link');

    await page.getByRole('link', { name: '← Back to status' }).click();
    await page.getByRole('list', { name: 'Incidents in progress, worst first' }).waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).hash).toBe('#/status');
  });

  it('logged no errors in the browser', () => {
    expect(errors).toEqual([]);
  });
});
