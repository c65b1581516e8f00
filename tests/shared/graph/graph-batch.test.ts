import type { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POPULATION_SKUS } from '../../../local/tenants/graph/population';
import { type BatchRequest, sendBatch } from '../../../shared/graph/graph-batch';
import { createGraphClient } from '../../../shared/graph/graph-client';
import { type SimulatedGraph, startSimulatedGraph } from '../../support/simulated-graph';

const TENANT = {
  tenantId: '3c1c0001-0000-4000-8000-000000000001',
  partnerCode: 'CCC',
  domain: 'ccc.example',
  size: 200,
};

describe('the Graph client and $batch, against the simulated Graph', () => {
  let sim: SimulatedGraph;
  let client: Client;
  let wire = 0;

  beforeAll(async () => {
    sim = await startSimulatedGraph({
      tenants: [TENANT],
      now: new Date('2026-11-22T09:00:00Z'),
      plantedCases: false,
      roles: ['User.Read.All', 'Organization.Read.All'],
      skus: [{ skuId: POPULATION_SKUS.e3, skuPartNumber: 'SPE_E3', enabled: 300 }],
    });
    client = createGraphClient(sim.connectionFor(0), sim.secret, {
      onHttpRequest: () => {
        wire += 1;
      },
      retryDelaySeconds: 1,
    });
  });
  afterAll(async () => {
    await sim?.stop();
  });

  const simulatorCount = () => sim.graph.requestCounts()[TENANT.tenantId] ?? 0;
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
    sim.graph.setFaults(TENANT.tenantId, { throttleNext: 2, retryAfterSeconds: 1 });
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
    sim.graph.setFaults(TENANT.tenantId, { throttleNext: 3, retryAfterSeconds: 2 });
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
    sim.graph.setFaults(TENANT.tenantId, { unavailableNext: 1 });
    const waits: number[] = [];
    const recovered = await sendBatch(client, userRequests(2), { sleep: noSleep(waits) });
    expect(recovered.get('u0')?.status).toBe(200);
    expect(waits).toEqual([1_000]);

    sim.graph.setFaults(TENANT.tenantId, { throttleNext: 4, retryAfterSeconds: 600 });
    const capped: number[] = [];
    await expect(sendBatch(client, userRequests(2), { maxAttempts: 2, sleep: noSleep(capped) })).rejects.toThrow(
      /kept throttling \(429\/503\) these batch requests after 2 attempts: GET \/users, GET \/users$/,
    );
    expect(capped).toEqual([60_000]);
    sim.graph.setFaults(TENANT.tenantId, {});
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
