import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitBid } from '../../../shared/bids/submit-bid';
import { BID_DELIVERY_GRACE_MS } from '../../../shared/bot/bid-cards';
import { deliverTolerationNotices } from '../../../shared/bot/toleration-cards';
import { ACTION_DATA_KEYS } from '../../../shared/cards/card-actions';
import { type CardJson, executeButtons } from '../../support/adaptive-card-inspect';
import { expectValidAdaptiveCard } from '../../support/adaptive-card-validator';
import { type BotApp, startBotApp } from '../../support/bot-app';
import { callerOf } from '../../support/memory-partnership';

const USERS = {
  admin: 'sam.smith@huntingdonshire.example',
  city: 'fiona.bryant@cambridge.example',
  hdc: 'oliver.morley@huntingdonshire.example',
  scdc: 'mike.hill@scambs.example',
  cityStaff: 'alex.turner@cambridge.example',
  cityOther: 'priya.shah@cambridge.example',
  otherPartnership: 'nina.patel@peterborough.example',
};
const P = '3c-ict';
const CARD = 'application/vnd.microsoft.card.adaptive';

function required<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

type PostedCard = { id: string; card: CardJson; updatedAt: string | undefined };

/**
 * The approval workflows through the bot, over the real stack: the API asks, the bot posts a card to each approver
 * of the councils concerned (recorded by the Bot Connector stand-in), approvers press its buttons as signed
 * `adaptiveCard/action` invokes, the use-cases record the decisions and every posted copy is updated.
 */
describe('approval cards in Teams', () => {
  let app: BotApp;
  const tokens = new Map<string, string>();
  const api = async (user: string, method: string, path: string, body?: unknown) => {
    if (!tokens.has(user)) tokens.set(user, await app.tenants.issueUserAccessToken(user));
    const response = await fetch(`${app.baseUrl}/api/${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens.get(user)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  /** The cards the bot posted to a user about a risk or a bid (its id is on the card, as text or in a link). */
  const cardsOf = (user: string, recordId: string): PostedCard[] =>
    app.connector
      .conversationOf(user)
      .activities.filter((entry) => entry.sender === 'bot')
      .flatMap((entry) => {
        const attachment = (
          entry.activity.attachments as { contentType: string; content: CardJson }[] | undefined
        )?.[0];
        if (attachment?.contentType !== CARD || !JSON.stringify(attachment.content).includes(recordId)) return [];
        return [{ id: entry.id, card: attachment.content, updatedAt: entry.updatedAt }];
      });
  const onlyCard = (user: string, recordId: string): PostedCard => {
    const cards = cardsOf(user, recordId);
    expect(cards, user).toHaveLength(1);
    return cards[0] as PostedCard;
  };
  const buttonData = (card: CardJson, verb: string) => {
    const button = executeButtons(card).find((b) => b.verb === verb);
    if (!button) throw new Error(`no ${verb} button on the card`);
    return button.data;
  };
  /** Presses a button of a card as `user`, with the comment Teams merges into the data. */
  const press = (user: string, posted: PostedCard, verb: string, data: Record<string, unknown>, comment?: string) =>
    app.connector.pressCardButton(user, {
      messageId: posted.id,
      verb,
      data: { ...data, ...(comment === undefined ? {} : { comment }) },
    });
  const toleration = async (id: string) => (await app.runtime.stores.riskTolerations.get(P, id))?.record;
  const audits = async (action: string) =>
    (await app.runtime.stores.audit.listAll(P)).filter((entry) => entry.record.action === action).length;
  /** A 2021/22 bid drafted by the partnership admin through the API; its id. */
  const draftBid = async (title: string, amounts: Record<string, number>) => {
    const shares = Object.entries(amounts).map(([partnerCode, amount]) => ({ partnerCode, amount }));
    const draft = await api(USERS.admin, 'POST', 'bids', { year: '2021-22', title, shares });
    expect(draft.status).toBe(201);
    return draft.body.id as string;
  };
  const ask = async (riskId: string) => {
    const asked = await api(USERS.admin, 'POST', 'tolerations', { riskId });
    expect(asked.status).toBe(201);
    return asked.body.id as string;
  };

  beforeAll(async () => {
    app = await startBotApp();
    for (const user of Object.values(USERS)) await app.connector.install(user);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('posts the toleration card of a joint risk to the risk approvers of every council involved, and no one else', async () => {
    const id = await ask('risk-joint-witness-host');
    for (const user of [USERS.city, USERS.hdc, USERS.scdc]) {
      const { card } = onlyCard(user, 'risk-joint-witness-host');
      expect(JSON.stringify(card)).toContain(id);
      expectValidAdaptiveCard(card);
      expect(executeButtons(card).map((b) => b.verb)).toEqual(['tolerate', 'treat']);
      const data = buttonData(card, 'tolerate');
      expect(
        Object.keys(data).every((key) => (ACTION_DATA_KEYS['risk-toleration'] as readonly string[]).includes(key)),
      ).toBe(true);
    }
    for (const user of [USERS.admin, USERS.cityStaff, USERS.otherPartnership]) {
      expect(cardsOf(user, 'risk-joint-witness-host')).toEqual([]);
    }
    // The outbox is empty: a second sender finds nothing to send.
    expect((await app.runtime.stores.riskNotices.listAll(P)).filter((n) => n.record.deliveredAt === null)).toEqual([]);
    const again = await deliverTolerationNotices(
      app.runtime.stores,
      required(app.runtime.bot).messenger,
      P,
      new Date(),
      {
        tabUrl: `${app.baseUrl}/`,
      },
    );
    expect(again).toEqual({ delivered: [], failed: [] });
    expect(cardsOf(USERS.city, 'risk-joint-witness-host')).toHaveLength(1);
  });

  it('refuses a member of staff, an approver of another council and a user of the other partnership; records nothing', async () => {
    const id = await ask('risk-ccc-firewalls');
    const posted = onlyCard(USERS.city, 'risk-ccc-firewalls');
    expect(cardsOf(USERS.hdc, 'risk-ccc-firewalls')).toEqual([]);
    const data = buttonData(posted.card, 'tolerate');
    const before = {
      record: await app.runtime.stores.riskTolerations.get(P, id),
      audit: await audits('risk.toleration.decide'),
    };
    const { councilCode: _council, ...withoutCouncil } = data;
    for (const [user, body, status] of [
      [USERS.cityStaff, data, 403],
      [USERS.hdc, data, 403],
      [USERS.hdc, withoutCouncil, 403],
      [USERS.otherPartnership, withoutCouncil, 404],
      [USERS.city, { ...data, roles: ['risk-approver'] }, 400],
    ] as const) {
      const answer = await press(user, posted, 'tolerate', body as Record<string, unknown>);
      expect(answer.status, user).toBe(status);
      expect(answer.body).toMatchObject({ statusCode: status, type: 'application/vnd.microsoft.error' });
    }
    expect(await app.runtime.stores.riskTolerations.get(P, id)).toEqual(before.record);
    expect(await audits('risk.toleration.decide')).toBe(before.audit);

    // A member of staff who opens the card sees it read-only.
    const refreshed = await app.connector.pressCardButton(USERS.cityStaff, {
      messageId: posted.id,
      verb: 'refreshCard',
      data: posted.card.refresh?.action.data ?? {},
      trigger: 'automatic',
    });
    expect(refreshed.status).toBe(200);
    const view = (refreshed.body as { value: CardJson }).value;
    expectValidAdaptiveCard(view);
    expect(executeButtons(view)).toEqual([]);

    // A decision from the tab (the API) updates the posted card too.
    expect((await api(USERS.city, 'POST', `tolerations/${id}/decisions`, { response: 'treat' })).status).toBe(201);
    const updated = onlyCard(USERS.city, 'risk-ccc-firewalls');
    expect(updated.updatedAt).toBeDefined();
    expect(executeButtons(updated.card)).toEqual([]);
    expect(JSON.stringify(updated.card)).toContain('Outcome: treat');
  });

  it('records the approver’s decision once, however often pressed, and answers the updated card', async () => {
    const id = await ask('risk-ccc-email');
    const posted = onlyCard(USERS.city, 'risk-ccc-email');
    const data = buttonData(posted.card, 'tolerate');
    const before = await audits('risk.toleration.decide');
    const first = await press(USERS.city, posted, 'tolerate', data, 'Agreed at the City management team.');
    expect(first.status).toBe(200);
    const answered = (first.body as { value: CardJson }).value;
    expectValidAdaptiveCard(answered);
    expect(executeButtons(answered)).toEqual([]);
    expect(JSON.stringify(answered)).toContain('You decided: Tolerate');
    const second = await press(USERS.city, posted, 'tolerate', data, 'Again');
    expect(second.status).toBe(200);
    expect((await press(USERS.city, posted, 'treat', data)).status).toBe(200);
    const record = await toleration(id);
    expect(record?.decisions).toHaveLength(1);
    expect(record?.decisions[0]).toMatchObject({
      partnerCode: 'CCC',
      response: 'tolerate',
      comment: 'Agreed at the City management team.',
      channel: 'teams-card',
    });
    expect(record).toMatchObject({ status: 'decided', outcome: 'tolerate' });
    expect(await audits('risk.toleration.decide')).toBe(before + 1);
    // The posted message was updated for everyone: the outcome, and no buttons.
    const updated = onlyCard(USERS.city, 'risk-ccc-email');
    expect(updated.updatedAt).toBeDefined();
    expect(executeButtons(updated.card)).toEqual([]);
    expect(JSON.stringify(updated.card)).toContain('Outcome: tolerated');
  });

  it('needs every council of a joint risk, and updates each council’s copy as each decides', async () => {
    const risk = 'risk-joint-witness-host';
    const id = (await toleration(`tol-${risk}-r1`))?.id as string;
    expect(id).toBeDefined();
    const cityCard = onlyCard(USERS.city, risk);
    const cityAnswer = await press(
      USERS.city,
      cityCard,
      'tolerate',
      buttonData(cityCard.card, 'tolerate'),
      'City agrees',
    );
    expect(cityAnswer.status).toBe(200);
    expect(await toleration(id)).toMatchObject({ status: 'awaiting', outcome: null });
    // Oliver's copy now shows the City's decision, and still his buttons.
    const hdcCard = onlyCard(USERS.hdc, risk);
    expect(hdcCard.updatedAt).toBeDefined();
    expectValidAdaptiveCard(hdcCard.card);
    expect(JSON.stringify(hdcCard.card)).toContain('City agrees');
    expect(executeButtons(hdcCard.card).map((b) => b.verb)).toEqual(['tolerate', 'treat']);
    expect((await press(USERS.hdc, hdcCard, 'tolerate', buttonData(hdcCard.card, 'tolerate'))).status).toBe(200);
    expect(await toleration(id)).toMatchObject({ status: 'awaiting' });
    const scdcCard = onlyCard(USERS.scdc, risk);
    expect((await press(USERS.scdc, scdcCard, 'tolerate', buttonData(scdcCard.card, 'tolerate'))).status).toBe(200);
    expect(await toleration(id)).toMatchObject({ status: 'decided', outcome: 'tolerate' });
    for (const user of [USERS.city, USERS.hdc, USERS.scdc]) {
      const { card } = onlyCard(user, risk);
      expectValidAdaptiveCard(card);
      expect(executeButtons(card)).toEqual([]);
      expect(JSON.stringify(card)).toContain('Outcome: tolerated');
    }
  });

  it('records exactly one decision when 50 presses by approvers of one council race, with no server error', async () => {
    const city = required(await app.runtime.stores.approvers.get(P, 'CCC'));
    const added = [USERS.cityStaff, USERS.cityOther].map((upn) => app.connector.userOf(upn).objectId);
    const others = city.record.approvers.filter((a) => !added.includes(a.objectId));
    const listed = city.record.approvers.filter((a) => added.includes(a.objectId));
    const extra = [USERS.cityStaff, USERS.cityOther].map((upn) => {
      const user = app.connector.userOf(upn);
      const roles = listed.find((a) => a.objectId === user.objectId)?.roles ?? [];
      return { objectId: user.objectId, name: user.displayName, roles: [...roles, 'risk-approver' as const] };
    });
    await app.runtime.stores.approvers.replace({ ...city.record, approvers: [...others, ...extra] }, city.etag);
    const risk = 'risk-joint-monitoring';
    const id = await ask(risk);
    const pressers = [USERS.city, USERS.cityStaff, USERS.cityOther];
    const cards = pressers.map((user) => onlyCard(user, risk));
    const before = await audits('risk.toleration.decide');
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const card = cards[i % 3] as PostedCard;
        return press(pressers[i % 3] as string, card, 'tolerate', buttonData(card.card, 'tolerate'), `press ${i}`);
      }),
    );
    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    expect(answers.map((answer) => answer.status).filter((status) => status !== 200)).toEqual([]);
    const record = await toleration(id);
    expect(record?.decisions.map((d) => d.partnerCode)).toEqual(['CCC']);
    expect(record?.status).toBe('awaiting');
    expect(await audits('risk.toleration.decide')).toBe(before + 1);
    // Each City approver's copy shows the one decision; HDC's and SCDC's still ask theirs.
    for (const user of pressers) expect(executeButtons(onlyCard(user, risk).card)).toEqual([]);
    expect(executeButtons(onlyCard(USERS.hdc, risk).card).length).toBeGreaterThan(0);
    await app.runtime.stores.approvers.replace(
      city.record,
      required(await app.runtime.stores.approvers.get(P, 'CCC')).etag,
    );
  });

  it('sends a bid’s card only to councils with a share, and approves it when they approve from their cards', async () => {
    const id = await draftBid('Telephony refresh', { CCC: 150_000, HDC: 150_000, SCDC: 0 });
    expect(cardsOf(USERS.city, id)).toEqual([]);
    expect((await api(USERS.admin, 'POST', `bids/${id}/submit`)).status).toBe(200);
    expect(cardsOf(USERS.scdc, id)).toEqual([]);
    const cityCard = onlyCard(USERS.city, id);
    const hdcCard = onlyCard(USERS.hdc, id);
    for (const { card } of [cityCard, hdcCard]) {
      expectValidAdaptiveCard(card);
      expect(executeButtons(card).map((b) => b.verb)).toEqual(['approveShare', 'rejectShare']);
    }
    // Refused: a member of staff; a rejection without a reason records nothing.
    expect(
      (await press(USERS.cityStaff, cityCard, 'approveShare', buttonData(cityCard.card, 'approveShare'))).status,
    ).toBe(403);
    expect((await press(USERS.city, cityCard, 'rejectShare', buttonData(cityCard.card, 'rejectShare'))).status).toBe(
      400,
    );
    const approved = await press(
      USERS.city,
      cityCard,
      'approveShare',
      buttonData(cityCard.card, 'approveShare'),
      'Yes',
    );
    expect(approved.status).toBe(200);
    expectValidAdaptiveCard((approved.body as { value: CardJson }).value);
    expect((await press(USERS.city, cityCard, 'approveShare', buttonData(cityCard.card, 'approveShare'))).status).toBe(
      200,
    );
    let bid = (await api(USERS.admin, 'GET', `bids/${id}`)).body;
    expect(bid).toMatchObject({ status: 'submitted', awaiting: ['HDC'] });
    expect(bid.decisions).toHaveLength(1);
    expect(bid.decisions[0]).toMatchObject({
      partnerCode: 'CCC',
      decision: 'approve',
      comment: 'Yes',
      channel: 'teams-card',
    });
    const hdcNow = onlyCard(USERS.hdc, id);
    expect(hdcNow.updatedAt).toBeDefined();
    expect((await press(USERS.hdc, hdcNow, 'approveShare', buttonData(hdcNow.card, 'approveShare'))).status).toBe(200);
    bid = (await api(USERS.admin, 'GET', `bids/${id}`)).body;
    expect(bid).toMatchObject({ status: 'approved', awaiting: [] });
    for (const user of [USERS.city, USERS.hdc]) {
      const { card } = onlyCard(user, id);
      expectValidAdaptiveCard(card);
      expect(executeButtons(card)).toEqual([]);
      expect(JSON.stringify(card)).toContain('Outcome: approved');
    }
    expect(cardsOf(USERS.scdc, id)).toEqual([]);
  });

  it('sends from the outbox timer the cards of a bid submitted just before its instance stopped', async () => {
    const id = await draftBid('Door access control', { CCC: 40_000, HDC: 0, SCDC: 0 });
    // Written through the use-case alone, as if the instance stopped before the function delivered the cards, and
    // long enough ago that the outbox no longer leaves it to that delivery.
    const admin = { ...callerOf('HDC', ['staff', 'partnership-admin'], P), name: 'Sam Smith' };
    const earlier = () => new Date(Date.now() - BID_DELIVERY_GRACE_MS - 1_000);
    expect((await submitBid(app.runtime.stores, admin, { id }, earlier)).recorded).toBe(true);
    expect(cardsOf(USERS.city, id)).toEqual([]);
    await app.host.runTimer('deliverApprovalCardOutbox');
    expect(onlyCard(USERS.city, id).card).toBeDefined();
    await app.host.runTimer('deliverApprovalCardOutbox');
    expect(cardsOf(USERS.city, id)).toHaveLength(1);
    expect(cardsOf(USERS.hdc, id)).toEqual([]);
  });
});
