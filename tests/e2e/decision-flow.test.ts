import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { type RunningApp, startLocalApp } from '../support/local-app';

const ARTEFACTS = join(__dirname, '..', '..', '.local', 'test-artifacts', 'decision-flow');
const ADMIN = { upn: 'sam.smith@huntingdonshire.example', name: 'Sam Smith', code: 'HDC' };
/** The three councils' risk approvers, who each decide from the card in their chat with the bot. */
const APPROVERS = [
  { upn: 'fiona.bryant@cambridge.example', code: 'CCC' },
  { upn: 'oliver.morley@huntingdonshire.example', code: 'HDC' },
  { upn: 'mike.hill@scambs.example', code: 'SCDC' },
];

type RegisterEntry = { id: string; joint: boolean; partnerCodes: string[]; category: string; councilLabel: string };

/**
 * The flow a new user watches under `npm start`, as the README tells it: a partnership administrator asks for a
 * toleration in the tab, each approver opens the chat preview as themselves and presses Tolerate on the card the bot
 * posted, and the outcome shows in the tab and on every copy of the card.
 */
describe('a toleration decided from the cards, watched in the tab and the chat preview', () => {
  let app: RunningApp;
  let browser: Browser;
  let risk: RegisterEntry;
  const shoot = (page: Page, name: string) => page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true });

  /** The chat preview as one demo user, with the toleration card the bot posted them. */
  async function chatAs(upn: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1100, height: 900 } })).newPage();
    await page.goto(`${app.baseUrl}/dev/chat`);
    await page.locator('#user').selectOption(upn, { timeout: 10_000 });
    // Teams refreshes a card as it comes into view: typing before that answer comes would be lost, as in Teams.
    await page.locator('#chat[data-settled="true"]').waitFor({ timeout: 15_000 });
    return page;
  }
  const tolerationCard = (page: Page) => page.locator('.card', { hasText: risk.category }).first();

  beforeAll(async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    [app, browser] = await Promise.all([startLocalApp(), launchChromium()]);
    const response = await fetch(`${app.baseUrl}/api/risk-register`, {
      headers: { authorization: `Bearer ${app.tokenFor(ADMIN.upn)}` },
    });
    const register = (await response.json()) as { risks: RegisterEntry[] };
    const joint = register.risks.find((r) => r.joint && r.partnerCodes.length === 3);
    if (!joint) throw new Error('The demo register has no joint risk of the three councils');
    risk = joint;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.interrupt();
  });

  it('asks the councils from the tab, and the bot posts each approver a card', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${app.baseUrl}/#/risks/${risk.id}`);
    await page.getByRole('button', { name: `Sign in as ${ADMIN.name}` }).click({ timeout: 10_000 });
    await page.getByText(`${ADMIN.name} (${ADMIN.code})`).waitFor({ timeout: 10_000 });
    const form = page.getByRole('form', { name: `Ask the councils to tolerate "${risk.category}"` });
    await form.getByRole('button', { name: 'Ask the councils to tolerate this risk' }).click({ timeout: 10_000 });
    await page.getByText(`Requested: the councils are asked to tolerate "${risk.category}"`).waitFor();

    for (const approver of APPROVERS) {
      const chat = await chatAs(approver.upn);
      await expect.poll(() => tolerationCard(chat).count(), { timeout: 15_000 }).toBe(1);
      expect(await tolerationCard(chat).textContent()).toContain('Awaiting decisions: 0 of 3 councils decided');
      await chat.context().close();
    }
  });

  it('records each approver’s Tolerate from the card and updates every copy, until the risk is tolerated', async () => {
    for (const [index, approver] of APPROVERS.entries()) {
      const chat = await chatAs(approver.upn);
      const card = tolerationCard(chat);
      await card.waitFor({ timeout: 15_000 });
      await card.locator('input, textarea').first().fill(`${approver.code}: within our appetite.`);
      await card.getByRole('button', { name: 'Tolerate', exact: true }).click();
      await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain('You decided: Tolerate');
      if (index < APPROVERS.length - 1) {
        expect(await card.textContent()).toContain(`Awaiting decisions: ${index + 1} of 3 councils decided`);
      }
      expect(await card.textContent()).toContain(`Comment: ${approver.code}: within our appetite.`);
      await shoot(chat, `${index + 1}-${approver.code}-decided`);
      await chat.context().close();
    }
    // The first approver's copy was updated by the others' decisions: it shows the outcome, with no buttons.
    const first = await chatAs(APPROVERS[0]?.upn ?? '');
    const copy = tolerationCard(first);
    await expect.poll(() => copy.textContent(), { timeout: 15_000 }).toMatch(/Outcome: tolerated until/);
    expect(await copy.getByRole('button', { name: 'Tolerate', exact: true }).count()).toBe(0);
    await shoot(first, '4-first-copy-updated');
  });

  it('shows the outcome in the tab', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${app.baseUrl}/#/risks/${risk.id}`);
    await page.getByRole('button', { name: `Sign in as ${ADMIN.name}` }).click({ timeout: 10_000 });
    await expect.poll(() => page.getByRole('main').textContent(), { timeout: 15_000 }).toMatch(/tolerated until/i);
    await shoot(page, '5-tab-outcome');
  });
});
