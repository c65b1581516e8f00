import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from '../support/browser';
import { type RunningApp, startLocalApp } from '../support/local-app';

/** Screenshots kept as test artefacts (`.local/` is git-ignored; CI can upload the folder). */
const ARTEFACTS = join(__dirname, '..', '..', '.local', 'test-artifacts', 'risks-and-bids');

const ADMIN = { upn: 'sam.smith@huntingdonshire.example', name: 'Sam Smith', code: 'HDC' };
const STAFF = { upn: 'jo.baker@huntingdonshire.example', name: 'Jo Baker', code: 'HDC' };
/** The risk approvers of the three 3C ICT councils, each deciding for their own council only. */
const HDC_APPROVER = { name: 'Oliver Morley', code: 'HDC', council: 'Huntingdonshire District Council' };
const CCC_APPROVER = { name: 'Fiona Bryant', code: 'CCC', council: 'Cambridge City Council' };
const SCDC_APPROVER = { name: 'Mike Hill', code: 'SCDC', council: 'South Cambridgeshire District Council' };

type RegisterEntry = {
  id: string;
  joint: boolean;
  partnerCodes: string[];
  category: string;
  councilLabel: string;
  toleration: { status: string };
};
type TolerationPage = { items: { id: string; status: string; outcome: string | null; expiresAt: string | null }[] };

/**
 * The Risks and Bids pages of the tab as the demo users use them, each in their own browser context (the demo
 * token lives in sessionStorage): an administrator asks the councils to tolerate a joint risk, each council's risk
 * approver decides from the Risks page, staff only read, and the Bids page shows the plan's capital bids table.
 */
describe('the Risks and Bids pages', () => {
  let app: RunningApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  let risk: RegisterEntry;

  const api = async <T>(upn: string, path: string): Promise<T> => {
    const response = await fetch(`${app.baseUrl}/api/${path}`, {
      headers: { authorization: `Bearer ${app.tokenFor(upn)}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };

  /** A fresh browser context signed in as a demo user, on the tab's first page. */
  async function signIn(user: { name: string; code: string }): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    collectPageErrors(page, errors, user.name);
    await page.goto(`${app.baseUrl}/`);
    await page.getByRole('button', { name: `Sign in as ${user.name}` }).click({ timeout: 10_000 });
    await page.getByText(`${user.name} (${user.code})`).waitFor({ timeout: 10_000 });
    return page;
  }

  const openRisks = async (page: Page) => {
    await page.getByRole('tab', { name: 'Risks' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/risks');
    await page.getByRole('heading', { level: 2, name: 'Pending decisions' }).waitFor({ timeout: 10_000 });
  };

  /** The pending request on the risk, as the Pending decisions section lists it. */
  const pendingRequest = (page: Page): Locator =>
    page
      .getByRole('region', { name: 'Pending decisions' })
      .getByRole('article', { name: `${risk.category} – ${risk.councilLabel}` });

  const shoot = (page: Page, name: string) => page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true });

  /** Decides Tolerate for the approver's council from the Risks page, and returns the answer shown. */
  async function tolerateAs(approver: { name: string; code: string; council: string }): Promise<Page> {
    const page = await signIn(approver);
    await openRisks(page);
    const request = pendingRequest(page);
    await request.waitFor({ timeout: 10_000 });
    const form = request.getByRole('region', { name: new RegExp(`Your decision for ${approver.council}`) });
    await form.getByLabel('Comment (optional)').fill(`${approver.code} accepts the mitigation as it stands.`);
    await form.getByRole('button', { name: 'Tolerate', exact: true }).click();
    await page
      .getByText(`Recorded: ${approver.code} decided Tolerate on "${risk.category}"`)
      .waitFor({ timeout: 10_000 });
    return page;
  }

  beforeAll(async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    [app, browser] = await Promise.all([startLocalApp(), launchChromium()]);
    const register = await api<{ risks: RegisterEntry[] }>(ADMIN.upn, 'risk-register');
    const joint = register.risks.find(
      (r) => r.joint && r.partnerCodes.length === 3 && r.toleration.status === 'not-requested',
    );
    if (!joint) throw new Error('The demo register has no joint risk of the three councils to ask about');
    risk = joint;
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.interrupt();
  });

  it('lets a partnership administrator ask the councils to tolerate a joint risk', async () => {
    const page = await signIn(ADMIN);
    await openRisks(page);
    // The register of the administrator's council lists the joint risk; its name opens the risk's own page.
    const register = page.getByRole('region', { name: /^Risk register/ });
    await register.getByRole('table', { name: /^Risk register/ }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole('table', { name: /^Score matrix/ }).count()).toBe(1);
    await register.getByRole('link', { name: risk.category, exact: true }).first().click();
    await expect.poll(() => new URL(page.url()).hash).toBe(`#/risks/${risk.id}`);
    await page.getByRole('heading', { level: 2, name: `${risk.category} – ${risk.councilLabel}` }).waitFor();

    const form = page.getByRole('form', { name: `Ask the councils to tolerate "${risk.category}"` });
    await form.getByLabel('Review period (days)').waitFor({ timeout: 10_000 });
    expect(await form.getByLabel('Review period (days)').inputValue()).toBe('90');
    await form.getByLabel('Note to the approvers (optional)').fill('Appendix A: council to confirm.');
    await form.getByRole('button', { name: 'Ask the councils to tolerate this risk' }).click();

    await page
      .getByText(`Requested: the councils are asked to tolerate "${risk.category}"`)
      .waitFor({ timeout: 10_000 });
    const pending = page.getByRole('region', { name: 'Awaiting decisions' });
    await expect
      .poll(() => pending.textContent(), { timeout: 10_000 })
      .toContain('Awaiting decisions: 0 of 3 councils decided, still to decide: CCC, HDC and SCDC');
    expect(await pending.getByRole('button', { name: 'Withdraw request' }).count()).toBe(1);
    // The administrator is no approver: no decision buttons.
    expect(await page.getByRole('button', { name: 'Tolerate', exact: true }).count()).toBe(0);
    await shoot(page, '1-admin-requested');
  });

  it('records one council’s Tolerate from the Risks page, and the risk still awaits the others', async () => {
    const page = await tolerateAs(HDC_APPROVER);
    await page.getByText('The risk is still awaiting CCC and SCDC.').waitFor();
    const request = pendingRequest(page);
    await expect
      .poll(() => request.textContent(), { timeout: 10_000 })
      .toContain('Huntingdonshire District Council (HDC): Tolerate, by Oliver Morley');
    expect(await request.textContent()).toContain('still to decide: CCC and SCDC');
    // HDC has decided: no buttons for it any more.
    expect(await request.getByRole('button', { name: 'Tolerate', exact: true }).count()).toBe(0);
    await shoot(page, '2-hdc-tolerated');
  });

  it('shows members of staff the requests and the history, with no decision or request buttons', async () => {
    const page = await signIn(STAFF);
    await openRisks(page);
    const request = pendingRequest(page);
    await request.waitFor({ timeout: 10_000 });
    expect(await request.textContent()).toContain('Awaiting decision');
    const actions = /^(Tolerate|Treat|Transfer|Terminate|Withdraw request|Ask the councils to tolerate this risk)$/;
    expect(await page.getByRole('button', { name: actions }).count()).toBe(0);

    await page.goto(`${app.baseUrl}/#/risks/${encodeURIComponent(risk.id)}`);
    await page.getByRole('heading', { level: 2, name: `${risk.category} – ${risk.councilLabel}` }).waitFor();
    const history = page.getByRole('table', { name: 'Decisions on this risk, newest first' });
    await history.waitFor({ timeout: 10_000 });
    expect(await history.textContent()).toContain('Oliver Morley');
    expect(await page.getByRole('button', { name: actions }).count()).toBe(0);
    await shoot(page, '3-staff-read-only');
  });

  it('settles the joint risk as tolerated once the other councils tolerate it, until its review date', async () => {
    const fiona = await tolerateAs(CCC_APPROVER);
    await fiona.getByText('The risk is still awaiting SCDC.').waitFor();

    const page = await tolerateAs(SCDC_APPROVER);
    const decided = await api<TolerationPage>(ADMIN.upn, `tolerations?riskId=${risk.id}`);
    const toleration = decided.items[0];
    expect(toleration).toMatchObject({ status: 'decided', outcome: 'tolerate' });
    const until = await page.evaluate(
      (iso) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' }).format(new Date(iso)),
      toleration?.expiresAt as string,
    );
    await page.getByText(`Outcome: tolerated until ${until}.`).waitFor({ timeout: 10_000 });
    await shoot(page, '4-scdc-tolerated');

    // The risk's own page and the register say the same.
    await page.goto(`${app.baseUrl}/#/risks/${encodeURIComponent(risk.id)}`);
    await page.getByRole('heading', { level: 2, name: `${risk.category} – ${risk.councilLabel}` }).waitFor();
    await expect
      .poll(() => page.getByRole('region', { name: 'History of requests and decisions' }).textContent(), {
        timeout: 10_000,
      })
      .toContain(`Outcome: tolerated until ${until}`);
    expect(await page.locator('article[aria-labelledby="risk-title"]').textContent()).toContain(
      `Tolerated until ${until}`,
    );
    const history = page.getByRole('table', { name: 'Decisions on this risk, newest first' });
    for (const name of ['Oliver Morley', 'Fiona Bryant', 'Mike Hill'])
      expect(await history.textContent()).toContain(name);
    await shoot(page, '5-risk-history');
  });

  it('shows the capital bids of 2020/21 with the plan’s totals per council', async () => {
    const page = await signIn(STAFF);
    await page.getByRole('tab', { name: 'Bids' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/bids');
    const table = page.getByRole('table', { name: 'Capital bids 2020/21 by council (£)' });
    await table.waitFor({ timeout: 10_000 });
    const headers = await table.locator('thead th').allTextContents();
    const totals = await table.locator('tr[data-total] td').allTextContents();
    const byCouncil = Object.fromEntries(headers.map((header, index) => [header, totals[index]]));
    expect(byCouncil).toMatchObject({
      Bid: 'Total',
      'South Cambridgeshire DC (SCDC)': '£195,068',
      'City (CCC)': '£344,575',
      'Huntingdonshire DC (HDC)': '£264,825',
      Total: '£804,468',
    });
    // The plan's footnote on the shares moved to revenue, and each share's state.
    expect(await page.getByRole('list', { name: 'Notes to the capital bids table' }).textContent()).toMatch(
      /Moved to Revenue/i,
    );
    expect(await table.textContent()).toContain('Moved to revenue');
    expect(await table.textContent()).toContain('Awaiting');
    // Staff decide nothing.
    expect(await page.getByRole('button', { name: /^(Approve|Reject) / }).count()).toBe(0);
    await shoot(page, '6-bids-2020-21');
  });

  it('logged no errors in the browsers', () => {
    expect(errors).toEqual([]);
  });
});
