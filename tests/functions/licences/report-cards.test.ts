import { describe, expect, it } from 'vitest';
import { reportCardPoster } from '../../../functions/licences/report-cards';
import type { Runtime } from '../../../shared/runtime';
import { fakeMessenger } from '../../shared/bot/delivery-fixtures';
import { licenceRun } from '../../shared/licences/licence-fixtures';
import { storesWithPartnership } from '../../support/memory-partnership';

const settings = { allowedOrigins: ['https://hub.example.org'], localHostPort: 7071 } as Runtime['settings'];

/** What the reconciliation worker hands the run: the bot's poster when a bot is configured, nothing otherwise. */
describe('the licence report cards of the reconciliation worker', () => {
  it('posts nothing, and is not even called, while no bot is configured', async () => {
    const stores = await storesWithPartnership();
    expect(reportCardPoster({ bot: undefined, stores, settings } as never, () => {})).toBeUndefined();
  });

  it("logs each council's delivery, and a store failure without throwing", async () => {
    const stores = await storesWithPartnership();
    const { messenger } = fakeMessenger();
    const lines: string[] = [];
    const post = reportCardPoster({ bot: { messenger }, stores, settings } as never, (line) => lines.push(line));
    await post?.(licenceRun(22));
    expect(lines).toEqual([
      '[run-2026-11-22] licence card to CCC: 0 sent, 0 without the app',
      '[run-2026-11-22] licence card to HDC: 0 sent, 0 without the app',
      '[run-2026-11-22] licence card to SCDC: 0 sent, 0 without the app',
    ]);
    lines.length = 0;
    const broken = {
      ...stores,
      partnerships: {
        get: async () => {
          throw new Error('store unreachable');
        },
      },
    };
    const failing = reportCardPoster({ bot: { messenger }, stores: broken, settings } as never, (l) => lines.push(l));
    await expect(failing?.(licenceRun(22))).resolves.toBeUndefined();
    expect(lines).toEqual(['[run-2026-11-22] licence cards not posted: store unreachable']);
  });
});
