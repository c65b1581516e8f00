import { describe, expect, it } from 'vitest';
import type { BotCaller } from '../../../shared/bot/bot-caller';
import type { BotMessenger } from '../../../shared/bot/bot-messenger';
import { type CardActionContext, CardActionRegistry, runCardAction } from '../../../shared/bot/card-actions';
import { forbidden, notFound, staleWrite } from '../../../shared/errors';
import { createMemoryStores } from '../../../shared/stores/memory/memory-stores';

const caller: BotCaller = {
  partnershipId: 'p3',
  partnerCode: 'CCC',
  roles: ['staff', 'risk-approver'],
  tenantId: '3c1c0001-0000-4000-8000-000000000001',
  userId: '763b8df2-c6c6-54c2-8c51-5711c5ac2baa',
  name: 'Fiona Bryant',
  teamsUserId: '29:1abc',
};
const messenger: BotMessenger = {
  sendCard: async () => ({ activityId: '1' }),
  updateCard: async () => {},
  sendText: async () => ({ activityId: '2' }),
};
const context = (verb: string): CardActionContext => ({
  verb,
  caller,
  data: { id: 'risk-1' },
  trigger: 'manual',
  messageId: '1:42',
  stores: createMemoryStores(),
  messenger,
  now: new Date('2026-12-02T10:00:00Z'),
});
const card = { type: 'AdaptiveCard', version: '1.5', body: [] };

describe('CardActionRegistry', () => {
  it('answers a registered verb with its handler and refuses to register a verb twice', async () => {
    const registry = new CardActionRegistry().register('risk.decide', async (ctx) => ({ ...card, verb: ctx.verb }));
    expect(registry.verbs()).toEqual(['risk.decide']);
    expect(() => registry.register('risk.decide', async () => card)).toThrow(/registered twice/);
    expect(await runCardAction(registry, context('risk.decide'))).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: { ...card, verb: 'risk.decide' },
    });
  });

  it('refuses verbs that could not come from a card', () => {
    for (const verb of ['', 'has space', '../x', 'a'.repeat(65)]) {
      expect(() => new CardActionRegistry().register(verb, async () => card)).toThrow(/not a card action verb/);
    }
  });

  it('answers an unknown verb with a 400 error', async () => {
    expect(await runCardAction(new CardActionRegistry(), context('nothing'))).toEqual({
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'unknown-verb', message: 'This card\'s action "nothing" is not known.' },
    });
  });

  it("turns a use-case's refusal into the error Teams shows on the card", async () => {
    const registry = new CardActionRegistry()
      .register('forbidden', async () => {
        throw forbidden('Not an approver of this council.');
      })
      .register('gone', async () => {
        throw notFound('No such risk.');
      })
      .register('stale', async () => {
        throw staleWrite();
      });
    const statuses = await Promise.all(
      ['forbidden', 'gone', 'stale'].map(async (verb) => (await runCardAction(registry, context(verb))).statusCode),
    );
    expect(statuses).toEqual([403, 404, 412]);
  });

  it('lets a fault of ours through, for the adapter to log and answer 500', async () => {
    const registry = new CardActionRegistry().register('broken', async () => {
      throw new TypeError('bug');
    });
    await expect(runCardAction(registry, context('broken'))).rejects.toThrow('bug');
  });
});
