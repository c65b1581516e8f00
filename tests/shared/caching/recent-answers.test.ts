import { describe, expect, it } from 'vitest';
import { RecentAnswers } from '../../../shared/caching/recent-answers';

describe('RecentAnswers', () => {
  const inputs = [{ rows: [1, 2] }, { settings: {} }];

  it('reuses an answer for the very same inputs within its age, and computes again after it', () => {
    const answers = new RecentAnswers<{ n: number }>(5_000);
    let computed = 0;
    const compute = () => ({ n: ++computed });
    const first = answers.get('q', inputs, 1_000, compute);
    expect(answers.get('q', [...inputs], 5_999, compute)).toBe(first);
    expect(answers.get('q', inputs, 6_000, compute)).toEqual({ n: 2 });
    expect(computed).toBe(2);
  });

  it('computes again when any input is a new object, even an equal one, or the clock goes back', () => {
    const answers = new RecentAnswers<number>(5_000);
    let computed = 0;
    answers.get('q', inputs, 1_000, () => ++computed);
    answers.get('q', [inputs[0], { settings: {} }], 1_001, () => ++computed);
    answers.get('q', [inputs[0], { settings: {} }], 999, () => ++computed);
    expect(computed).toBe(3);
  });

  it('keeps answers apart by key and freezes them, since every caller shares them', () => {
    const answers = new RecentAnswers<{ list: number[] }>(5_000);
    const a = answers.get('a', inputs, 0, () => ({ list: [1] }));
    const b = answers.get('b', inputs, 0, () => ({ list: [2] }));
    expect([a.list, b.list]).toEqual([[1], [2]]);
    expect(() => a.list.push(3)).toThrow(TypeError);
  });

  it('holds at most its number of answers, dropping the oldest', () => {
    const answers = new RecentAnswers<number>(5_000, 2);
    let computed = 0;
    for (const key of ['a', 'b', 'c', 'a']) answers.get(key, inputs, 0, () => ++computed);
    expect(computed).toBe(4);
  });
});
