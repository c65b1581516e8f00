import { join } from 'node:path';
import type { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalCertificates } from '../../../local/stack/local-certificates';
import { LOCAL_API_CLIENT_ID, LOCAL_STATE_FOLDER } from '../../../local/stack/local-stack';
import { trustLocalCertificateAuthority } from '../../../local/stack/trust-local-ca';
import { type RunningGraphSimulator, startGraphSimulator } from '../../../local/tenants/graph/graph-simulator';
import { POPULATION_SKUS, Population } from '../../../local/tenants/graph/population';
import { type RunningTenantSimulator, startTenantSimulator } from '../../../local/tenants/tenant-simulator';
import { type BatchRequest, sendBatch } from '../../../shared/graph/graph-batch';
import { createGraphClient } from '../../../shared/graph/graph-client';
import { tenantConnection } from '../../../shared/schemas/licences';

const TENANT = {
  tenantId: '3c1c0001-0000-4000-8000-000000000001',
  partnerCode: 'CCC',
  domain: 'ccc.example',
  size: 200,
};
const RECONCILER = { clientId: '7e0c7d0a-1f1e-4b8a-9a52-0c8f3a1b2c3d', clientSecret: 'local-reconciler-secret' };

describe('the Graph client and $batch, against the simulated Graph', () => {
  let tenants: RunningTenantSimulator;
  let graph: RunningGraphSimulator;
  let client: Client;
  let wire = 0;
  const population = new Population([TENANT], [], new Date('2026-11-22T09:00:00Z'));

  beforeAll(async () => {
    const certificates = await ensureLocalCertificates(join(LOCAL_STATE_FOLDER, 'ca'));
    trustLocalCertificateAuthority(certificates.ca);
    tenants = await startTenantSimulator({
      certificates,
      tenants: [{ ...TENANT, displayName: 'CCC', partnershipId: '3c-ict', users: [] }],
      api: { clientId: LOCAL_API_CLIENT_ID, appIdUri: `api://${LOCAL_API_CLIENT_ID}` },
      publicClientIds: [LOCAL_API_CLIENT_ID],
      confidentialClients: [
        { tenantId: TENANT.tenantId, ...RECONCILER, applicationRoles: ['User.Read.All', 'Organization.Read.All'] },
      ],
    });
    graph = await startGraphSimulator({
      certificates,
      authorityHost: tenants.authorityHost,
      population,
      tenants: [
        {
          tenantId: TENANT.tenantId,
          populationIndex: 0,
          skus: [{ skuId: POPULATION_SKUS.e3, skuPartNumber: 'SPE_E3', enabled: 300 }],
        },
      ],
    });
    const connection = tenantConnection.parse({
      partnerCode: TENANT.partnerCode,
      tenantId: TENANT.tenantId,
      clientId: RECONCILER.clientId,
      credential: { kind: 'secret', setting: 'RECONCILER_SECRET' },
      authorityHost: tenants.authorityHost,
      graphBaseUrl: graph.baseUrl,
    });
    client = createGraphClient(connection, RECONCILER.clientSecret, {
      onHttpRequest: () => {
        wire += 1;
      },
      retryDelaySeconds: 1,
    });
  });
  afterAll(async () => {
    await graph?.close();
    await tenants?.close();
  });

  const simulatorCount = () => graph.requestCounts()[TENANT.tenantId] ?? 0;
  const measure = async <T>(work: () => Promise<T>) => {
    const [wireBefore, simulatorBefore] = [wire, simulatorCount()];
    const result = await work();
    return { result, wire: wire - wireBefore, answered: simulatorCount() - simulatorBefore };
  };
  const userRequests = (count: number): BatchRequest[] =>
    Array.from({ length: count }, (_, i) => ({ id: `u${i}`, method: 'GET', url: `/users?$select=id&$top=${i + 1}` }));
  const noSleep = (waits: number[]) => async (ms: number) => {
    waits.push(ms);
  };

  it('signs in with msal and counts each request on the wire, the client retries included', async () => {
    graph.setFaults(TENANT.tenantId, { throttleNext: 2, retryAfterSeconds: 1 });
    const { result, wire: sent } = await measure(() => client.api('/subscribedSkus').get());
    expect(result.value[0]).toMatchObject({ skuPartNumber: 'SPE_E3' });
    expect(sent).toBe(3);
  });

  it('sends 45 requests as batches of 20, 20 and 5, and answers each by id', async () => {
    const { result, wire: sent, answered } = await measure(() => sendBatch(client, userRequests(45)));
    expect(sent).toBe(3);
    expect(answered).toBe(45);
    expect([...result.keys()].sort()).toEqual(
      userRequests(45)
        .map((request) => request.id)
        .sort(),
    );
    const seventh = result.get('u6')?.body as { value: unknown[] } | undefined;
    expect(seventh?.value).toHaveLength(7);
  });

  it('resends only the requests throttled inside a batch, after their Retry-After', async () => {
    graph.setFaults(TENANT.tenantId, { throttleNext: 3, retryAfterSeconds: 2 });
    const waits: number[] = [];
    const {
      result,
      wire: sent,
      answered,
    } = await measure(() => sendBatch(client, userRequests(25), { sleep: noSleep(waits) }));
    expect([...result.values()].every((response) => response.status === 200)).toBe(true);
    expect(result.size).toBe(25);
    // 20 + the 3 throttled ones again + 5.
    expect(sent).toBe(3);
    expect(answered).toBe(28);
    expect(waits).toEqual([2_000]);
  });

  it('backs off without a Retry-After, caps a long one, and gives up after its attempts', async () => {
    graph.setFaults(TENANT.tenantId, { unavailableNext: 1 });
    const waits: number[] = [];
    const recovered = await sendBatch(client, userRequests(2), { sleep: noSleep(waits) });
    expect(recovered.get('u0')?.status).toBe(200);
    expect(waits).toEqual([1_000]);

    graph.setFaults(TENANT.tenantId, { throttleNext: 4, retryAfterSeconds: 600 });
    const capped: number[] = [];
    await expect(sendBatch(client, userRequests(2), { maxAttempts: 2, sleep: noSleep(capped) })).rejects.toThrow(
      /kept throttling \(429\/503\) these batch requests after 2 attempts: GET \/users, GET \/users$/,
    );
    expect(capped).toEqual([60_000]);
    graph.setFaults(TENANT.tenantId, {});
  });

  it('returns other failures as they are, without resending them', async () => {
    const { result, answered } = await measure(() =>
      sendBatch(client, [
        { id: 'bad', method: 'GET', url: '/nowhere' },
        { id: 'skus', method: 'GET', url: '/subscribedSkus' },
      ]),
    );
    expect(result.get('bad')?.status).toBe(400);
    expect(result.get('skus')?.status).toBe(200);
    expect(answered).toBe(2);
    await expect(
      sendBatch(client, [
        { id: 'a', method: 'GET', url: '/subscribedSkus' },
        { id: 'a', method: 'GET', url: '/subscribedSkus' },
      ]),
    ).rejects.toThrow(/its own id/);
  });
});
