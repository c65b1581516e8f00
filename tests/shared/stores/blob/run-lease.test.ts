import { randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { describe, expect, inject, it } from 'vitest';
import { asLeaseGuid, BlobRunLease, type BlobRunLeaseOptions } from '../../../../shared/stores/blob/run-lease';

/** A lease as one Function instance would hold it: its own client and its own BlobRunLease. */
const instance = (options?: BlobRunLeaseOptions) =>
  new BlobRunLease(BlobServiceClient.fromConnectionString(inject('storageConnectionString')), options);
const partnership = () => `p-${randomUUID().slice(0, 8)}`;
const run = () => randomUUID();
const leaseState = async (partnershipId: string) =>
  (
    await BlobServiceClient.fromConnectionString(inject('storageConnectionString'))
      .getContainerClient('licence-locks')
      .getBlobClient(`locks/${partnershipId}/licence-reconciler`)
      .getProperties()
  ).leaseState;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (condition()) resolve();
      else if (Date.now() > deadline) reject(new Error(`Condition not met within ${timeoutMs} ms`));
      else setTimeout(poll, 25);
    };
    poll();
  });
}

describe('BlobRunLease through @azure/storage-blob against Azurite', () => {
  it('lets one run in at a time, and the next in once it releases', async () => {
    const p = partnership();
    const first = await instance().acquire(p, run());
    expect(first).not.toBeNull();
    expect(await instance().acquire(p, run())).toBeNull();
    expect(await leaseState(p)).toBe('leased');

    await first?.release();
    expect(await leaseState(p)).toBe('available');
    const next = await instance().acquire(p, run());
    expect(next).not.toBeNull();
    await next?.release();
  });

  it('does not block one partnership with the run of another', async () => {
    const a = await instance().acquire(partnership(), run());
    const b = await instance().acquire(partnership(), run());
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    await Promise.all([a?.release(), b?.release()]);
  });

  it('lets exactly one of two racing runs in on a fresh partnership', async () => {
    for (let round = 0; round < 5; round += 1) {
      const p = partnership();
      const held = await Promise.all([instance().acquire(p, run()), instance().acquire(p, run())]);
      expect(held.filter((lease) => lease !== null)).toHaveLength(1);
      await Promise.all(held.map((lease) => lease?.release()));
    }
  });

  it('can be released twice', async () => {
    const p = partnership();
    const lease = await instance().acquire(p, run());
    await Promise.all([lease?.release(), lease?.release()]);
    await lease?.release();
    const next = await instance().acquire(p, run());
    expect(next).not.toBeNull();
    await next?.release();
  });

  it('hands the lease over to the run it was taken for, on another instance, and to no other run', async () => {
    const p = partnership();
    const runId = `3c-ict:${new Date().toISOString()}`;
    let renewals = 0;
    const request = await instance({ leaseSeconds: 15, renewEveryMs: 100, onRenewed: () => renewals++ }).acquire(
      p,
      runId,
    );
    expect(request).not.toBeNull();
    request?.handOver();
    const renewalsAtHandOver = renewals;
    await sleep(400);
    expect(renewals).toBe(renewalsAtHandOver);
    await request?.release();
    expect(await leaseState(p)).toBe('leased');

    expect(await instance().acquire(p, run())).toBeNull();
    const worker = await instance().acquire(p, runId);
    expect(worker).not.toBeNull();
    expect(await instance().acquire(p, run())).toBeNull();
    await worker?.release();
    expect(await leaseState(p)).toBe('available');
  });

  it('renews the lease while held and stops renewing once released', async () => {
    const p = partnership();
    let renewals = 0;
    const options = { leaseSeconds: 15, renewEveryMs: 200, onRenewed: () => renewals++ };
    const lease = await instance(options).acquire(p, run());
    await waitFor(() => renewals >= 3, 5000);
    expect(await instance().acquire(p, run())).toBeNull();

    await lease?.release();
    const afterRelease = renewals;
    await sleep(600);
    expect(renewals).toBe(afterRelease);
  });

  it('renews the very lease it holds: a broken lease is reported, not silently renewed', async () => {
    const p = partnership();
    const failures: unknown[] = [];
    const options = {
      leaseSeconds: 15,
      renewEveryMs: 200,
      onRenewalFailed: (_: string, e: unknown) => failures.push(e),
    };
    const lease = await instance(options).acquire(p, run());
    await BlobServiceClient.fromConnectionString(inject('storageConnectionString'))
      .getContainerClient('licence-locks')
      .getBlobClient(`locks/${p}/licence-reconciler`)
      .getBlobLeaseClient()
      .breakLease(0);

    await waitFor(() => failures.length > 0, 5000);
    expect(failures[0]).toMatchObject({ statusCode: 409 });
    await sleep(600);
    expect(failures).toHaveLength(1);

    const next = await instance().acquire(p, run());
    expect(next).not.toBeNull();
    await lease?.release();
    expect(await leaseState(p)).toBe('leased');
    await next?.release();
  });

  it('refuses a renewal interval that would let the lease lapse', () => {
    expect(() => instance({ leaseSeconds: 15, renewEveryMs: 15_000 })).toThrow(/lapse/);
  });

  it('turns any run id into a stable GUID, keeping one that is already a GUID', () => {
    const guid = 'C0FFEE00-1234-4abc-8def-0123456789AB';
    expect(asLeaseGuid(guid)).toBe(guid.toLowerCase());
    expect(asLeaseGuid('3c-ict:2026-11-22')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(asLeaseGuid('3c-ict:2026-11-22')).toBe(asLeaseGuid('3c-ict:2026-11-22'));
    expect(asLeaseGuid('3c-ict:2026-11-22')).not.toBe(asLeaseGuid('3c-ict:2026-11-23'));
  });
});
