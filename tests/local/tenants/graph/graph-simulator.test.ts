import { ConfidentialClientApplication } from '@azure/msal-node';
import { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msalAuthorityOptions } from '../../../../local/tenants/msal-options';
import {
  councilTenants,
  type SimulatedGraph,
  startSimulatedGraph,
  userReadOnlyIn,
} from '../../../support/simulated-graph';

const NOW = new Date('2026-11-22T09:00:00Z');
const TENANTS = councilTenants(2_500);
const SELECT = ['id', 'displayName', 'assignedLicenses', 'employeeId', 'userType'];

describe('simulated Microsoft Graph, through msal-node and the Graph client', () => {
  let sim: SimulatedGraph;

  beforeAll(async () => {
    sim = await startSimulatedGraph({
      tenants: TENANTS,
      now: NOW,
      roles: userReadOnlyIn('SCDC'),
    });
  });
  afterAll(async () => {
    await sim?.stop();
  });

  const tokenFor = async (tenantIndex: number) => {
    const msal = new ConfidentialClientApplication({
      auth: {
        clientId: sim.clientId,
        clientSecret: sim.secret,
        ...msalAuthorityOptions(sim.authorityHost, TENANTS[tenantIndex]?.tenantId as string),
      },
    });
    return (
      (await msal.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] }))?.accessToken ??
      ''
    );
  };

  const clientFor = (tenantIndex: number) => {
    return Client.initWithMiddleware({
      baseUrl: `${sim.graph.baseUrl}/`,
      defaultVersion: 'v1.0',
      customHosts: new Set(['localhost']),
      authProvider: { getAccessToken: () => tokenFor(tenantIndex) },
    });
  };

  const readLicensedUsers = async (client: Client) => {
    let page = await client
      .api('/users')
      .header('ConsistencyLevel', 'eventual')
      .select(SELECT)
      .filter('assignedLicenses/$count ne 0')
      .count(true)
      .top(999)
      .get();
    const ids: string[] = page.value.map((u: { id: string }) => u.id);
    const total = page['@odata.count'];
    while (page['@odata.nextLink']) {
      page = await client.api(page['@odata.nextLink']).get();
      ids.push(...page.value.map((u: { id: string }) => u.id));
    }
    return { ids, total };
  };

  const licensedIn = (tenantIndex: number) =>
    Array.from({ length: sim.population.size(tenantIndex) }, (_, i) => sim.population.userAt(tenantIndex, i))
      .filter((user) => user.assignedLicenses.length > 0)
      .map((user) => user.id);

  it('pages through the licensed users in pages of 999, with the count', async () => {
    const before = sim.graph.requestCounts()[TENANTS[0]?.tenantId as string] ?? 0;
    const { ids, total } = await readLicensedUsers(clientFor(0));
    expect(ids).toEqual(licensedIn(0));
    expect(total).toBe(ids.length);
    expect((sim.graph.requestCounts()[TENANTS[0]?.tenantId as string] ?? 0) - before).toBe(
      Math.ceil(sim.population.size(0) / 999),
    );
  });

  it('gives the same users through a 429 storm and a 503, which the Graph client retries', async () => {
    const tenantId = TENANTS[1]?.tenantId as string;
    sim.graph.setFaults(tenantId, { throttleNext: 2, retryAfterSeconds: 1, unavailableNext: 1 });
    const { ids } = await readLicensedUsers(clientFor(1));
    expect(ids).toEqual(licensedIn(1));
  });

  it('answers a throttled request inside a batch as a 429 inside the 200', async () => {
    const client = clientFor(0);
    sim.graph.setFaults(TENANTS[0]?.tenantId as string, { throttleNext: 1, retryAfterSeconds: 3 });
    const answer = await client.api('/$batch').post({
      requests: [
        { id: '1', method: 'GET', url: '/users?$select=id&$top=5' },
        { id: '2', method: 'GET', url: '/subscribedSkus' },
      ],
    });
    const byId = Object.fromEntries(answer.responses.map((r: { id: string }) => [r.id, r]));
    expect(byId['1'].status).toBe(429);
    expect(byId['1'].headers['retry-after']).toBe('3');
    expect(byId['2'].status).toBe(200);
    expect(byId['2'].body.value[0]).toMatchObject({ skuPartNumber: 'SPE_E3', prepaidUnits: { enabled: 3000 } });
  });

  it('refuses what Graph refuses: pages over the maximum, a missing consistency level, a missing permission', async () => {
    const client = clientFor(2);
    await expect(client.api('/users').top(1000).get()).rejects.toMatchObject({ statusCode: 400 });
    await expect(client.api('/users').select(['id', 'signInActivity']).top(999).get()).rejects.toMatchObject({
      statusCode: 400,
    });
    await expect(client.api('/users').filter('assignedLicenses/$count ne 0').get()).rejects.toMatchObject({
      statusCode: 400,
    });
    await expect(client.api('/subscribedSkus').get()).rejects.toMatchObject({ statusCode: 403 });
  });

  it('records sent mail in the outbox', async () => {
    await clientFor(0)
      .api('/users/licences@cambridge.example/sendMail')
      .post({
        message: {
          subject: 'Licence report',
          toRecipients: [{ emailAddress: { address: 'priya.shah@cambridge.example' } }],
        },
      });
    expect(sim.graph.outbox().at(-1)).toMatchObject({
      fromUserId: 'licences@cambridge.example',
      message: { message: { subject: 'Licence report' } },
    });
  });

  it('reads every user with delta, then only what changed, and answers 410 once tokens expire', async () => {
    const client = clientFor(2);
    const readDelta = async (link?: string) => {
      let page = await (link ? client.api(link) : client.api('/users/delta').select(['id', 'accountEnabled']))
        .header('Prefer', 'odata.maxpagesize=999')
        .get();
      const users = [...page.value];
      while (page['@odata.nextLink']) {
        page = await client.api(page['@odata.nextLink']).header('Prefer', 'odata.maxpagesize=999').get();
        users.push(...page.value);
      }
      return { users, deltaLink: page['@odata.deltaLink'] as string };
    };
    const first = await readDelta();
    expect(first.users).toHaveLength(sim.population.size(2));
    expect(first.deltaLink).toMatch(/^https:\/\/localhost:\d+\/v1\.0\/users\/delta\?\$deltatoken=/);

    sim.population.change(2, 7, { accountEnabled: false });
    sim.population.change(2, 1_000, { assignedLicenses: [] });
    const second = await readDelta(first.deltaLink);
    expect(second.users.map((u) => u.id)).toEqual([sim.population.userAt(2, 7).id, sim.population.userAt(2, 1_000).id]);
    expect(second.users[0]).toEqual({ id: sim.population.userAt(2, 7).id, accountEnabled: false });
    expect((await readDelta(second.deltaLink)).users).toEqual([]);

    sim.graph.setFaults(TENANTS[2]?.tenantId as string, { expireDeltaTokens: true });
    await expect(client.api(second.deltaLink).get()).rejects.toMatchObject({ statusCode: 410 });
    sim.graph.setFaults(TENANTS[2]?.tenantId as string, {});
  });

  it('throttles sign-in activity reads far sooner than plain reads', async () => {
    const token = await tokenFor(0);
    const read = (select: string) =>
      fetch(`${sim.graph.baseUrl}/v1.0/users?$select=${select}&$top=500`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await read('id,signInActivity')).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    const throttled = await read('id,signInActivity');
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    for (let i = 0; i < 8; i++) expect((await read('id,displayName')).status).toBe(200);
  });
});
