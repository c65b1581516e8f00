import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendLicenceReportCards } from '../../../shared/bot/licence-report-cards';
import { parseRoute } from '../../../teams-app/tab/src/routes';
import { finding, licenceRun } from '../../shared/licences/licence-fixtures';
import { type CardJson, openUrlActions } from '../../support/adaptive-card-inspect';
import { expectValidAdaptiveCard } from '../../support/adaptive-card-validator';
import { type BotApp, startBotApp } from '../../support/bot-app';

const P = '3c-ict';
/** The demo licence administrators of the 3C councils. */
const ADMINS = {
  CCC: 'priya.shah@cambridge.example',
  HDC: 'sagar.roy@huntingdonshire.example',
  SCDC: 'dana.ward@scambs.example',
};
const CARD = 'application/vnd.microsoft.card.adaptive';
const RUN = licenceRun(22, { partnershipId: P });

/**
 * The licence report card through the real bot messenger to the Bot Connector stand-in, with the demo approvers
 * as seeded: each council's licence administrator who installed the app gets their council's card.
 */
describe('licence report cards in Teams', () => {
  let app: BotApp;
  const cardsOf = (user: string) =>
    app.connector
      .conversationOf(user)
      .activities.filter((entry) => entry.sender === 'bot')
      .flatMap((entry) => {
        const attachment = (entry.activity.attachments as { contentType: string; content: unknown }[] | undefined)?.[0];
        return attachment?.contentType === CARD && JSON.stringify(attachment.content).includes(RUN.id)
          ? [attachment.content]
          : [];
      });

  beforeAll(async () => {
    app = await startBotApp();
    // SCDC's licence administrator has not installed the app.
    for (const user of [ADMINS.CCC, ADMINS.HDC]) await app.connector.install(user);
    await app.runtime.stores.licenceFindings.saveAll(P, RUN.id, [
      finding('dup-ccc-hdc', ['HDC', 'CCC'], 'duplicate-seat', 39_600),
      finding('leaver-hdc', ['HDC'], 'leaver-licensed', 8_040),
      finding('inactive-scdc', ['SCDC'], 'inactive-licensed', 12_000),
    ]);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('lists the demo licence administrators of each council with the licence-admin role', async () => {
    for (const [code, user] of Object.entries(ADMINS)) {
      const approvers = (await app.runtime.stores.approvers.get(P, code))?.record.approvers ?? [];
      const admin = approvers.find((a) => a.objectId === app.connector.userOf(user).objectId.toLowerCase());
      expect(admin?.roles, user).toContain('licence-admin');
    }
  });

  it("posts each installed licence administrator their council's card, and nothing to a council without one", async () => {
    const bot = app.runtime.bot;
    if (!bot) throw new Error('no bot configured');
    const deliveries = await sendLicenceReportCards(app.runtime.stores, bot.messenger, RUN, {
      tabUrl: `${app.baseUrl}/`,
    });
    expect(deliveries.map((d) => [d.partnerCode, d.sent, d.failed])).toEqual([
      ['CCC', 1, []],
      ['HDC', 1, []],
      ['SCDC', 0, []],
    ]);
    expect(deliveries.find((d) => d.partnerCode === 'SCDC')?.notInstalled).toBeGreaterThan(0);
    const [ccc] = cardsOf(ADMINS.CCC);
    const [hdc] = cardsOf(ADMINS.HDC);
    expect(cardsOf(ADMINS.CCC)).toHaveLength(1);
    expect(cardsOf(ADMINS.SCDC)).toEqual([]);
    for (const card of [ccc, hdc]) expectValidAdaptiveCard(card);
    expect(JSON.stringify(ccc)).toContain('Person dup-ccc-hdc');
    expect(JSON.stringify(ccc)).not.toContain('leaver-hdc');
    expect(JSON.stringify(hdc)).toContain('Person leaver-hdc');
    expect(JSON.stringify(hdc)).not.toContain('inactive-scdc');
    // The CSV link opens the tab at the run's report, which the tab downloads with the user's token.
    const csvLink = openUrlActions(ccc as CardJson).find((action) => action.title === 'Download the CSV')?.url ?? '';
    expect(csvLink.startsWith(`${app.baseUrl}/#/`)).toBe(true);
    expect(parseRoute(new URL(csvLink).hash)).toMatchObject({ page: 'licences', runId: RUN.id });
  });
});
