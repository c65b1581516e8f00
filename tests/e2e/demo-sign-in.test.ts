import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { type RunningApp, startLocalApp } from '../support/local-app';

/** A new user's first minute: start the product, open the sign-in page, pick a demo user, see the API answer. */
describe('demo sign-in in a real browser', () => {
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startLocalApp(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.interrupt();
  });

  it('signs in as the chosen council user and calls the API with the token', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${app.baseUrl}/dev/sign-in`);
    const row = page.locator('tr', { hasText: 'oliver.morley@huntingdonshire.example' });
    await row.getByRole('button', { name: 'Sign in' }).click();

    await expect.poll(() => page.locator('#me').textContent(), { timeout: 10_000 }).toMatch(/^200/);
    const me = JSON.parse(((await page.locator('#me').textContent()) ?? '').replace(/^200\n/, ''));
    expect(me.caller).toMatchObject({ partnershipId: '3c-ict', partnerCode: 'HDC', name: 'Oliver Morley' });
    expect(me.caller.roles).toEqual(expect.arrayContaining(['risk-approver', 'bid-approver']));
    expect(await page.evaluate(() => sessionStorage.getItem('ict-hub.access-token'))).toMatch(/^ey/);
    expect(errors).toEqual([]);

    const folder = join(__dirname, '..', '..', '.local', 'screenshots');
    mkdirSync(folder, { recursive: true });
    await page.screenshot({ path: join(folder, 'demo-sign-in.png'), fullPage: true });
  });
});
