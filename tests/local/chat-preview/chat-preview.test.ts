import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActions } from '../../../functions/bot/card-actions';
import { addChatPreview } from '../../../local/chat-preview/chat-preview-pages';
import { LocalFunctionsHost } from '../../../local/host/local-functions-host';
import type { RunningBotConnector } from '../../../local/tenants/bot-connector/bot-connector-simulator';
import { conversationReferenceId } from '../../../shared/schemas/conversation-references';
import { type BotApp, startBotApp } from '../../support/bot-app';
import { launchChromium } from '../../support/browser';

const FIONA = 'fiona.bryant@cambridge.example';

const decisionCard = (text: string) => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [
    { type: 'TextBlock', text, wrap: true },
    { type: 'Input.Text', id: 'comment', label: 'Comment' },
  ],
  actions: [{ type: 'Action.Execute', title: 'Tolerate', verb: 'previewDecide', data: { riskId: 'risk-1' } }],
});

describe('the Teams chat preview', () => {
  it('is never served in production', async () => {
    const host = new LocalFunctionsHost(() => {});
    expect(() =>
      addChatPreview(host, { connector: {} as RunningBotConnector, partnerships: [], environment: 'production' }),
    ).toThrow(/never served in production/);
    const baseUrl = await host.start(0, { runTimers: false });
    try {
      expect((await fetch(`${baseUrl}/dev/chat`)).status).toBe(404);
      expect((await fetch(`${baseUrl}/dev/chat/users.json`)).status).toBe(404);
    } finally {
      await host.stop();
    }
  });

  describe('in development, in a real browser', () => {
    let app: BotApp;
    let browser: Browser;

    beforeAll(async () => {
      [app, browser] = await Promise.all([startBotApp(), launchChromium()]);
      addChatPreview(app.host, {
        connector: app.connector,
        partnerships: app.datasets.map((d) => d.partnership),
        environment: 'development',
      });
      cardActions.register('previewDecide', async ({ caller, data }) =>
        decisionCard(`Tolerated by ${caller.name}: ${String(data.comment)} (${String(data.riskId)})`),
      );
      await app.connector.install(FIONA);
    });
    afterAll(async () => {
      cardActions.unregister('previewDecide');
      await browser?.close();
      await app?.stop();
    });

    it('serves static files under a strict Content-Security-Policy', async () => {
      const page = await fetch(`${app.baseUrl}/dev/chat`);
      expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
      expect(await page.text()).not.toMatch(/<script>|\son[a-z]+="/);
      const renderer = await fetch(`${app.baseUrl}/dev/chat/adaptivecards.js`);
      expect(renderer.status).toBe(200);
      expect(await renderer.text()).toContain('AdaptiveCards');
    });

    it("shows a user's chat, answers a message, and sends a pressed button back as Teams does", async () => {
      const fiona = app.connector.userOf(FIONA);
      const reference = await app.runtime.stores.conversationReferences.get(
        '3c-ict',
        conversationReferenceId(fiona.tenantId, fiona.objectId),
      );
      if (!reference || !app.runtime.bot) throw new Error('Fiona has no conversation with the bot');
      await app.runtime.bot.messenger.sendCard(reference.record, decisionCard('Tolerate risk 1?'));

      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(`${app.baseUrl}/dev/chat`);
      await page.locator('#user').selectOption(FIONA);
      await expect.poll(() => page.locator('.message.bot').count(), { timeout: 10_000 }).toBe(2);
      await expect.poll(() => page.locator('.card').textContent()).toContain('Tolerate risk 1?');

      await page.locator('#text').fill('status');
      await page.getByRole('button', { name: 'Send' }).click();
      await expect
        .poll(() => page.locator('.message.bot').last().textContent(), { timeout: 10_000 })
        .toContain('IT service status');

      // The status answer is a card too: the toleration card is the first.
      const toleration = page.locator('.card').first();
      await toleration.locator('input').fill('Within appetite');
      await toleration.getByRole('button', { name: 'Tolerate' }).click();
      await expect
        .poll(() => toleration.textContent(), { timeout: 10_000 })
        .toContain('Tolerated by Fiona Bryant: Within appetite (risk-1)');
      expect(errors).toEqual([]);
      const folder = join(__dirname, '..', '..', '..', '.local', 'screenshots');
      mkdirSync(folder, { recursive: true });
      await page.screenshot({ path: join(folder, 'chat-preview.png'), fullPage: true });
    });
  });
});
