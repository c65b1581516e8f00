// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are Bicep text, whose interpolation is ${...}
import { describe, expect, it } from 'vitest';
import { BicepFailure, evaluateBicepExpression as evaluate } from './bicep-expression';

describe('the Bicep expression evaluator of these tests', () => {
  it("follows ARM's semantics: startsWith ignores case, == and take do not", () => {
    expect(evaluate("startsWith('reconciler_x', 'RECONCILER_')")).toBe(true);
    expect(evaluate("'reconciler_x' == 'RECONCILER_X'")).toBe(false);
    expect(evaluate("'abc' =~ 'ABC'")).toBe(true);
    expect(evaluate("take('reconciler_x', 11) == 'RECONCILER_'")).toBe(false);
    expect(evaluate("take('ab', 5)")).toBe('ab');
    expect(evaluate("substring('abc', 1, 1)")).toBe('b');
    expect(() => evaluate("substring('abc', 2, 5)")).toThrow(/out of range/);
  });

  it('splits on each of several delimiters and joins', () => {
    expect(evaluate("split('a-b_c', ['-', '_'])")).toEqual(['a', 'b', 'c']);
    expect(evaluate("join(split('AB', ['A', 'B']), '')")).toBe('');
    expect(evaluate("empty(join(split('AxB', ['A', 'B']), ''))")).toBe(false);
  });

  it('evaluates lambdas with the names around them, and interpolation', () => {
    const names = { items: [{ name: 'a' }, { name: 'bb' }], suffix: '!' };
    expect(evaluate('map(filter(items, item => length(item.name) > 1), item => item.name)', names)).toEqual(['bb']);
    expect(evaluate("toObject(items, item => item.name, item => '${item.name}${suffix}')", names)).toEqual({
      a: 'a!',
      bb: 'bb!',
    });
    expect(evaluate("map(range(0, 3), i => substring('xyz', i, 1))")).toEqual(['x', 'y', 'z']);
    expect(evaluate('!(1 > 2 || 2 >= 2) && true')).toBe(false);
  });

  it('fails only where fail() is evaluated, with its message', () => {
    expect(evaluate("empty([]) ? 'fine' : fail('not evaluated')")).toBe('fine');
    expect(() => evaluate("empty(['x']) ? 'fine' : fail('refused: ${join(['x', 'y'], ', ')}')")).toThrow(
      new BicepFailure('refused: x, y'),
    );
  });

  it('refuses what it does not know rather than guess', () => {
    expect(() => evaluate("toLower('A')")).toThrow(/does not know the function toLower/);
    expect(() => evaluate('a ?? b', { a: null, b: 1 })).toThrow();
    expect(() => evaluate('missing')).toThrow(/unknown name missing/);
    expect(() => evaluate("'a' + 'b'")).toThrow(/unexpected text/);
  });
});
