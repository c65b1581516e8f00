import { describe, expect, it } from 'vitest';
import { ReadThroughCache } from '../../../shared/caching/read-through-cache';

function deferred<V>() {
  let resolve!: (value: V) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<V>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('ReadThroughCache', () => {
  it('shares one load between concurrent readers and keeps its value until the time to live passes', async () => {
    let clock = 0;
    const cache = new ReadThroughCache<number>(5_000, () => clock);
    let loads = 0;
    const load = async () => ++loads;
    const [a, b] = await Promise.all([cache.read('p', 'k', load), cache.read('p', 'k', load)]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
    clock = 4_999;
    expect(await cache.read('p', 'k', load)).toBe(1);
    clock = 5_000;
    expect(await cache.read('p', 'k', load)).toBe(2);
  });

  it('does not keep a failed load', async () => {
    const cache = new ReadThroughCache<string>(5_000);
    await expect(cache.read('p', 'k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.read('p', 'k', async () => 'up')).toBe('up');
  });

  it('forgets a partition at once, and does not keep a load that was under way when it forgot', async () => {
    const cache = new ReadThroughCache<string>(5_000);
    const slow = deferred<string>();
    const racing = cache.read('p', 'k', () => slow.promise);
    cache.forget('p');
    slow.resolve('before the write');
    expect(await racing).toBe('before the write');
    expect(await cache.read('p', 'k', async () => 'after the write')).toBe('after the write');
    expect(await cache.read('other', 'k', async () => 'other partition')).toBe('other partition');
  });

  it('keeps nothing with a time to live of 0', async () => {
    const cache = new ReadThroughCache<number>(0);
    let loads = 0;
    await cache.read('p', 'k', async () => ++loads);
    await cache.read('p', 'k', async () => ++loads);
    expect(loads).toBe(2);
  });
});
