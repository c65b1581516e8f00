import { beforeEach, describe, expect, it } from 'vitest';
import { cardRecipients } from '../../../shared/bot/approvers';
import { resolveBotCaller } from '../../../shared/bot/bot-caller';
import {
  conversationOf,
  type PersonalConversation,
  rememberConversation,
} from '../../../shared/bot/remember-conversation';
import type { Stores } from '../../../shared/stores/stores';
import { storesWithPartnership, threeCouncils } from '../../support/memory-partnership';

const CITY = '3c1c0001-0000-4000-8000-000000000001';
const FIONA = '763b8df2-c6c6-54c2-8c51-5711c5ac2baa';
const ALEX = '1a2b3c4d-0000-4000-8000-00000000a1e2';

const conversation = (changes: Partial<PersonalConversation> = {}): PersonalConversation => ({
  partnershipId: 'p3',
  partnerCode: 'CCC',
  tenantId: CITY,
  userObjectId: FIONA,
  teamsUserId: '29:1fiona',
  userName: 'Fiona Bryant',
  botId: '28:bot',
  conversationId: 'a:1fiona',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  channelId: 'msteams',
  ...changes,
});

describe('rememberConversation', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await storesWithPartnership();
  });

  it('keeps one reference per user, written again only when where to reach them changed', async () => {
    const first = new Date('2026-12-01T09:00:00Z');
    expect(await rememberConversation(stores, conversation(), first)).toEqual({ changed: true });
    expect(await rememberConversation(stores, conversation(), new Date('2026-12-02T09:00:00Z'))).toEqual({
      changed: false,
    });
    expect((await conversationOf(stores, 'p3', CITY, FIONA))?.updatedAt).toBe(first.toISOString());

    const moved = conversation({ serviceUrl: 'https://smba.trafficmanager.net/uk/' });
    expect(await rememberConversation(stores, moved, new Date('2026-12-03T09:00:00Z'))).toEqual({ changed: true });
    expect(await stores.conversationReferences.listAll('p3')).toEqual([
      expect.objectContaining({
        record: expect.objectContaining({
          id: `${CITY}:${FIONA}`,
          serviceUrl: 'https://smba.trafficmanager.net/uk/',
          updatedAt: '2026-12-03T09:00:00.000Z',
        }),
      }),
    ]);
  });

  it('refuses what is not a reference (a bad service URL, an object id that is no GUID)', async () => {
    await expect(rememberConversation(stores, conversation({ serviceUrl: 'nowhere' }), new Date())).rejects.toThrow();
    await expect(rememberConversation(stores, conversation({ userObjectId: 'fiona' }), new Date())).rejects.toThrow();
    expect(await stores.conversationReferences.listAll('p3')).toEqual([]);
  });
});

describe('resolveBotCaller and cardRecipients', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await storesWithPartnership();
    await stores.approvers.create({
      id: 'CCC',
      partnershipId: 'p3',
      sequence: 0,
      partnerCode: 'CCC',
      approvers: [{ objectId: FIONA, name: 'Fiona Bryant', roles: ['bid-approver', 'risk-approver'] }],
    });
  });

  it("gives an approver their council's roles, in the order the product lists roles", async () => {
    const caller = await resolveBotCaller(stores, threeCouncils, {
      tenantId: CITY,
      objectId: FIONA.toUpperCase(),
      teamsUserId: '29:1fiona',
      name: 'F. Bryant (Teams)',
    });
    expect(caller).toEqual({
      partnershipId: 'p3',
      partnerCode: 'CCC',
      roles: ['staff', 'risk-approver', 'bid-approver'],
      tenantId: CITY,
      userId: FIONA,
      name: 'Fiona Bryant',
      teamsUserId: '29:1fiona',
    });
  });

  it('gives anyone else of the tenant only staff, and an approver of another council nothing there', async () => {
    const alex = await resolveBotCaller(stores, threeCouncils, {
      tenantId: CITY,
      objectId: ALEX,
      teamsUserId: '29:1alex',
      name: 'Alex Turner',
    });
    expect(alex.roles).toEqual(['staff']);
    const fionaInHdc = await resolveBotCaller(stores, threeCouncils, {
      tenantId: '3c1c0002-0000-4000-8000-000000000002',
      objectId: FIONA,
      teamsUserId: '29:1x',
      name: undefined,
    });
    expect(fionaInHdc).toMatchObject({ partnerCode: 'HDC', roles: ['staff'], name: FIONA });
  });

  it('lists the approvers of a role in the councils asked, with their conversation once they installed the app', async () => {
    expect(await cardRecipients(stores, 'p3', ['CCC', 'HDC'], 'risk-approver')).toEqual([
      { partnerCode: 'CCC', approver: expect.objectContaining({ objectId: FIONA }), conversation: null },
    ]);
    await rememberConversation(stores, conversation(), new Date());
    const [recipient] = await cardRecipients(stores, 'p3', ['CCC'], 'bid-approver');
    expect(recipient?.conversation).toMatchObject({ conversationId: 'a:1fiona', teamsUserId: '29:1fiona' });
    expect(await cardRecipients(stores, 'p3', ['CCC'], 'licence-admin')).toEqual([]);
  });
});
