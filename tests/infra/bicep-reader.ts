import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * A small, honest reader of the Bicep in infra/: there is no Bicep compiler here, so the infrastructure tests read
 * the text. It understands only what the templates use and the tests need: comments, single-quoted strings (with
 * `\'` escapes and `${...}` interpolation), bracket nesting, top-level `param` and `output` declarations with their
 * decorators, and the entries of an object or array assigned to a `var`. It is not a Bicep parser: a construct it
 * does not know makes a lookup fail loudly rather than guess.
 */

export const REPO_ROOT = join(__dirname, '..', '..');
export const INFRA_DIR = join(REPO_ROOT, 'infra');

export type Declaration = {
  kind: 'param' | 'output';
  name: string;
  /** The declared type, e.g. `string`, `reconcilerCredential[]`. */
  type: string;
  /** Each decorator's whole text, e.g. `@description('...')`. */
  decorators: string[];
  /** The text after `=`, for a parameter default or an output value; undefined when there is none. */
  value: string | undefined;
};

export type BicepFile = {
  /** Path relative to the repository root. */
  path: string;
  text: string;
  /** The text with comments blanked out (line breaks kept), strings untouched. */
  code: string;
  params: Declaration[];
  outputs: Declaration[];
};

/** Every .bicep file under infra/, sorted by path. */
export function readAllBicep(): BicepFile[] {
  return listFiles(INFRA_DIR)
    .filter((file) => file.endsWith('.bicep'))
    .sort()
    .map(readBicep);
}

export function readBicep(file: string): BicepFile {
  const path = file.startsWith('/') ? file : join(REPO_ROOT, file);
  const text = readFileSync(path, 'utf8');
  const code = stripComments(text);
  const declarations = readDeclarations(code);
  return {
    path: relative(REPO_ROOT, path),
    text,
    code,
    params: declarations.filter((d) => d.kind === 'param'),
    outputs: declarations.filter((d) => d.kind === 'output'),
  };
}

/** Blanks out `//` and `/* *\/` comments, leaving strings (which may hold `//`, as URLs do) as they are. */
export function stripComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("'''", i)) {
      const end = text.indexOf("'''", i + 3);
      const stop = end < 0 ? text.length : end + 3;
      out += text.slice(i, stop);
      i = stop;
    } else if (text[i] === "'") {
      const stop = stringEnd(text, i);
      out += text.slice(i, stop);
      i = stop;
    } else if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}

/** Index just past the single-quoted string starting at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (text[i] === "'") return i + 1;
    else i++;
  }
  return i;
}

/** Index of the bracket that closes the one at `open` (`{`, `[` or `(`), skipping strings. */
export function matchingBracket(code: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < code.length) {
    const c = code[i];
    if (c === "'") {
      i = code.startsWith("'''", i) ? code.indexOf("'''", i + 3) + 3 : stringEnd(code, i);
      continue;
    }
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') {
      depth--;
      if (depth === 0) return i;
    }
    i++;
  }
  throw new Error(`unbalanced bracket at offset ${open}`);
}

/** Net bracket depth a line opens (strings skipped). */
function depthChange(line: string): number {
  let depth = 0;
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === "'") {
      i = stringEnd(line, i);
      continue;
    }
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth--;
    i++;
  }
  return depth;
}

/** Top-level `param` and `output` declarations, each with the decorators written above it. */
function readDeclarations(code: string): Declaration[] {
  const lines = code.split('\n');
  const declarations: Declaration[] = [];
  let pending: string[] = [];
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] ?? '';
    if (line.trim() === '' || /^\s/.test(line)) continue;
    if (line.startsWith('@')) {
      let decorator = line;
      let depth = depthChange(line);
      while (depth > 0 && n + 1 < lines.length) {
        n++;
        const next = lines[n] ?? '';
        decorator += `\n${next}`;
        depth += depthChange(next);
      }
      pending.push(decorator.trim());
      continue;
    }
    const declaration =
      /^(param|output)\s+([A-Za-z_][A-Za-z0-9_]*)\s+([A-Za-z_][A-Za-z0-9_.]*(?:\[\])?)(?:\s*=\s*(.*))?$/.exec(line);
    if (declaration) {
      let value = declaration[4];
      if (value !== undefined) {
        let depth = depthChange(value);
        while (depth > 0 && n + 1 < lines.length) {
          n++;
          const next = lines[n] ?? '';
          value += `\n${next}`;
          depth += depthChange(next);
        }
      }
      declarations.push({
        kind: declaration[1] as 'param' | 'output',
        name: declaration[2] ?? '',
        type: declaration[3] ?? '',
        decorators: pending,
        value: value?.trim(),
      });
    } else if (/^(param|output)\b/.test(line)) {
      throw new Error(`the reader does not understand this declaration: ${line}`);
    }
    pending = [];
  }
  return declarations;
}

/** The text of the description decorator, or undefined when there is none. */
export function descriptionOf(declaration: Declaration): string | undefined {
  for (const decorator of declaration.decorators) {
    const match = /^@(?:sys\.)?description\(\s*'((?:[^'\\]|\\.)*)'\s*\)$/s.exec(decorator);
    if (match) return (match[1] ?? '').replace(/\\'/g, "'");
  }
  return undefined;
}

/** The value text of `var <name> = ...`, bracket-balanced; throws when the file has no such variable. */
export function variableText(file: BicepFile, name: string): string {
  const match = new RegExp(`^var\\s+${name}\\s*=\\s*`, 'm').exec(file.code);
  if (!match) throw new Error(`${file.path} has no variable ${name}`);
  const start = match.index + match[0].length;
  const first = file.code[start];
  if (first === '{' || first === '[' || first === '(') {
    return file.code.slice(start, matchingBracket(file.code, start) + 1);
  }
  // An expression: to the end of its line, or further while it has brackets open (a call spread over lines).
  const rest = file.code.slice(start).split('\n');
  let value = rest[0] ?? '';
  let depth = depthChange(value);
  for (let n = 1; depth > 0 && n < rest.length; n++) {
    value += `\n${rest[n]}`;
    depth += depthChange(rest[n] ?? '');
  }
  return value.trim();
}

/**
 * The entries of a multi-line object literal (`{` then one `key: value` a line), in order; a value may span lines
 * when it opens brackets. Keys may be quoted.
 */
export function objectEntries(objectText: string): Array<{ key: string; value: string }> {
  if (!objectText.trim().includes('\n') && objectText.replace(/[{}\s]/g, '') !== '') {
    throw new Error(`single-line objects are not read: ${objectText.trim()}`);
  }
  const body = innerLines(objectText, '{', '}');
  const entries: Array<{ key: string; value: string }> = [];
  for (let n = 0; n < body.length; n++) {
    const line = (body[n] ?? '').trim();
    if (line === '') continue;
    const entry = /^('(?:[^'\\]|\\.)*'|[A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)$/.exec(line);
    if (!entry) throw new Error(`not a "key: value" line in an object: ${line}`);
    let value = entry[2] ?? '';
    let depth = depthChange(value);
    while (depth > 0 && n + 1 < body.length) {
      n++;
      const next = body[n] ?? '';
      value += `\n${next}`;
      depth += depthChange(next);
    }
    const key = entry[1] ?? '';
    entries.push({ key: key.startsWith("'") ? key.slice(1, -1) : key, value: value.trim() });
  }
  return entries;
}

/** The items of a multi-line array literal of plain string literals, in order. */
export function stringArrayItems(arrayText: string): string[] {
  return innerLines(arrayText, '[', ']')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const literal = stringLiteral(line);
      if (literal === undefined) throw new Error(`not a plain string literal in an array: ${line}`);
      return literal;
    });
}

/** The value of a plain string literal (no interpolation), or undefined for any other expression. */
export function stringLiteral(valueText: string): string | undefined {
  const match = /^'((?:[^'\\$]|\\.|\$(?!\{))*)'$/.exec(valueText.trim());
  return match ? (match[1] ?? '').replace(/\\(.)/g, '$1') : undefined;
}

/** The text of the first `resource <symbol> '<type>@<version>' ... = { ... }` block with that symbolic name. */
export function resourceText(file: BicepFile, symbol: string): { type: string; apiVersion: string; body: string } {
  const match = new RegExp(`^resource\\s+${symbol}\\s+'([^'@]+)@([^']+)'[^\\n=]*=\\s*`, 'm').exec(file.code);
  if (!match) throw new Error(`${file.path} has no resource ${symbol}`);
  let start = match.index + match[0].length;
  // A loop (`= [ for x in xs: { ... } ]`) or a condition (`= if (...) { ... }`): the body is the first object.
  start = file.code.indexOf('{', start);
  return {
    type: match[1] ?? '',
    apiVersion: match[2] ?? '',
    body: file.code.slice(start, matchingBracket(file.code, start) + 1),
  };
}

/** The `{ ... }` value of the first `name: {` property in an object or resource body. */
export function propertyBlock(body: string, name: string): string {
  const match = new RegExp(`^\\s*${name}:\\s*\\{`, 'm').exec(body);
  if (!match) throw new Error(`no ${name}: { ... } property`);
  const start = match.index + match[0].length - 1;
  return body.slice(start, matchingBracket(body, start) + 1);
}

function innerLines(text: string, open: string, close: string): string[] {
  const trimmed = text.trim();
  if (!trimmed.startsWith(open) || !trimmed.endsWith(close)) {
    throw new Error(`expected a ${open} ... ${close} literal, not: ${trimmed.slice(0, 60)}`);
  }
  return trimmed.slice(1, -1).split('\n');
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
