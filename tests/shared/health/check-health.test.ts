import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkHealth } from '../../../shared/health/check-health';

const answerAfter = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('checkHealth', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is ok when every dependency answers, stamped with the time given', async () => {
    const report = await checkHealth(
      { cosmos: async () => 1, storage: async () => 2 },
      () => new Date('2020-04-01T09:00:00.000Z'),
    );
    expect(report.status).toBe('ok');
    expect(report.checkedAt).toBe('2020-04-01T09:00:00.000Z');
    expect(report.dependencies).toEqual({
      cosmos: { status: 'up', latencyMs: expect.any(Number) },
      storage: { status: 'up', latencyMs: expect.any(Number) },
    });
  });

  it('is degraded when one dependency fails, naming it and giving the first line of its error', async () => {
    const report = await checkHealth({
      cosmos: async () => 1,
      storage: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:10000\n    at TCPConnectWrap');
      },
    });
    expect(report.status).toBe('degraded');
    expect(report.dependencies.storage).toMatchObject({
      status: 'down',
      error: 'connect ECONNREFUSED 127.0.0.1:10000',
    });
    expect(report.dependencies.cosmos).toEqual({ status: 'up', latencyMs: expect.any(Number) });
  });

  it('reports a probe that throws before returning a promise, or rejects with something other than an Error', async () => {
    const report = await checkHealth({
      sync: () => {
        throw new Error('no client configured');
      },
      odd: () => Promise.reject('socket hang up'),
    });
    expect(report.status).toBe('degraded');
    expect(report.dependencies.sync).toMatchObject({ status: 'down', error: 'no client configured' });
    expect(report.dependencies.odd).toMatchObject({ status: 'down', error: 'unavailable' });
  });

  it('reports a dependency that never answers as down once the 3 s limit passes, and not before', async () => {
    vi.useFakeTimers();
    let report: Awaited<ReturnType<typeof checkHealth>> | undefined;
    const pending = checkHealth({ cosmos: () => new Promise(() => {}), storage: async () => 'ok' }).then((r) => {
      report = r;
    });
    await vi.advanceTimersByTimeAsync(2_999);
    expect(report).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(report?.status).toBe('degraded');
    expect(report?.dependencies.cosmos).toMatchObject({ status: 'down', error: 'no answer within 3000 ms' });
    expect(report?.dependencies.storage?.status).toBe('up');
  });

  it('counts a slow answer inside the limit as up', async () => {
    vi.useFakeTimers();
    const pending = checkHealth({ cosmos: () => answerAfter(2_900, 'ok') });
    await vi.advanceTimersByTimeAsync(2_900);
    expect((await pending).dependencies.cosmos?.status).toBe('up');
  });

  it('runs the probes at the same time, not one after the other', async () => {
    vi.useFakeTimers();
    let done = false;
    const pending = checkHealth({
      a: () => answerAfter(2_000, 1),
      b: () => answerAfter(2_000, 2),
      c: () => answerAfter(2_000, 3),
    }).then((report) => {
      done = true;
      return report;
    });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(done).toBe(true);
    expect((await pending).status).toBe('ok');
  });

  it('leaves no time-limit timer behind once the probes have answered', async () => {
    vi.useFakeTimers();
    await checkHealth({ cosmos: async () => 1, storage: async () => Promise.reject(new Error('down')) });
    expect(vi.getTimerCount()).toBe(0);
  });
});
