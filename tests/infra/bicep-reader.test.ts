// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are Bicep text, whose interpolation is ${...}
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  descriptionOf,
  objectEntries,
  readBicep,
  resourceText,
  stringArrayItems,
  stringLiteral,
  stripComments,
  variableText,
} from './bicep-reader';

const folder = mkdtempSync(join(tmpdir(), 'bicep-reader-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function bicep(text: string) {
  const file = join(folder, `${Math.random().toString(36).slice(2)}.bicep`);
  writeFileSync(file, text);
  return readBicep(file);
}

describe('the Bicep reader', () => {
  it('strips comments but not the // inside strings', () => {
    expect(stripComments("var a = 'https://x' // note\n/* one\ntwo */var b = 1")).toBe(
      "var a = 'https://x' \n      \n      var b = 1",
    );
  });

  it('reads parameters and outputs with their decorators, including multi-line ones', () => {
    const file = bicep(
      [
        "@description('The region, it\\'s required.')",
        '@metadata({',
        '  azd: {',
        "    type: 'location'",
        '  }',
        '})',
        'param location string',
        '',
        '@allowed([',
        "  'a'",
        "  'b'",
        '])',
        "param choice string = 'a'",
        'param undescribed int = 3',
        "@description('Out.')",
        "output URL string = 'https://${location}'",
      ].join('\n'),
    );
    expect(file.params.map((p) => [p.name, p.type, p.value, descriptionOf(p)])).toEqual([
      ['location', 'string', undefined, "The region, it's required."],
      ['choice', 'string', "'a'", undefined],
      ['undescribed', 'int', '3', undefined],
    ]);
    expect(file.params[0]?.decorators).toHaveLength(2);
    expect(file.outputs.map((o) => [o.name, o.value, descriptionOf(o)])).toEqual([
      ['URL', "'https://${location}'", 'Out.'],
    ]);
  });

  it('does not carry decorators past another statement', () => {
    const file = bicep("@description('for the var')\nvar x = 1\nparam y string");
    expect(file.params[0]?.decorators).toEqual([]);
  });

  it('reads object and array variables entry by entry', () => {
    const file = bicep(
      [
        'var settings = {',
        '  // a comment',
        "  A: 'one'",
        "  'b-c': x.y",
        '  D: {',
        '    e: 1',
        '  }',
        "  F: 'p${q}'",
        '}',
        'var names = [',
        "  'x'",
        "  'y'",
        ']',
      ].join('\n'),
    );
    expect(objectEntries(variableText(file, 'settings'))).toEqual([
      { key: 'A', value: "'one'" },
      { key: 'b-c', value: 'x.y' },
      { key: 'D', value: '{\n    e: 1\n  }' },
      { key: 'F', value: "'p${q}'" },
    ]);
    expect(stringArrayItems(variableText(file, 'names'))).toEqual(['x', 'y']);
    expect(stringLiteral("'one'")).toBe('one');
    expect(stringLiteral("'p${q}'")).toBeUndefined();
    expect(stringLiteral('x.y')).toBeUndefined();
  });

  it('finds resources, looped or not', () => {
    const file = bicep(
      [
        "resource one 'A.B/c@2024-01-01' = {",
        "  name: 'one'",
        '}',
        '@batchSize(2)',
        "resource many 'A.B/d@2024-02-01' = [",
        '  for n in names: {',
        '    name: n',
        '  }',
        ']',
      ].join('\n'),
    );
    expect(resourceText(file, 'one')).toEqual({ type: 'A.B/c', apiVersion: '2024-01-01', body: "{\n  name: 'one'\n}" });
    expect(resourceText(file, 'many').body).toBe('{\n    name: n\n  }');
  });

  it('fails loudly on what it does not know', () => {
    const file = bicep("var list = [\n  'a'\n  b\n]\nvar flat = { a: 1, b: 2 }");
    expect(() => variableText(file, 'missing')).toThrow(/no variable missing/);
    expect(() => stringArrayItems(variableText(file, 'list'))).toThrow(/not a plain string literal/);
    expect(() => objectEntries(variableText(file, 'flat'))).toThrow(/single-line/);
    expect(() => bicep('param broken')).toThrow(/does not understand/);
  });
});
