import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkHealth } from '../../../shared/health/check-health';

describe('checkHealth', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is ok when every dependency answers', async () => {
    const report = await checkHealth({ cosmos: async () => 1, storage: async () => 2 });
    expect(report.status).toBe('ok');
    expect(Object.values(report.dependencies).map((d) => d.status)).toEqual(['up', 'up']);
  });

  it('is degraded, naming the dependency and why, when one fails', async () => {
    const report = await checkHealth({
      cosmos: async () => 1,
      storage: async () => {
        throw new Error('connect ECONNREFUSED\nstack');
      },
    });
    expect(report.status).toBe('degraded');
    expect(report.dependencies.storage).toMatchObject({ status: 'down', error: 'connect ECONNREFUSED' });
    expect(report.dependencies.cosmos?.status).toBe('up');
  });

  it('reports a dependency that never answers as down after the time limit', async () => {
    vi.useFakeTimers();
    const pending = checkHealth({ cosmos: () => new Promise(() => {}) });
    await vi.advanceTimersByTimeAsync(3001);
    const report = await pending;
    expect(report.status).toBe('degraded');
    expect(report.dependencies.cosmos?.error).toMatch(/no answer within/);
  });
});
