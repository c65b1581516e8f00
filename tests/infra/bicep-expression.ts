import { type BicepFile, variableText } from './bicep-reader';

/**
 * Evaluates a Bicep expression of infra/ the way Azure Resource Manager would at deployment, for the few functions
 * and operators the templates' computed values use: literals (strings with `${...}`, integers, booleans, arrays),
 * variables of the file and given parameter values, member access, lambdas, `!`, comparisons, `&&`, `||`, `? :`,
 * and the functions listed in FUNCTIONS, each with ARM's semantics (startsWith ignores case, `==` does not). There
 * is no Bicep compiler here: anything else makes the evaluation fail loudly rather than guess.
 */

type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | Lambda;
type Lambda = { lambda: (...args: Value[]) => Value };
type Node =
  | { kind: 'literal'; value: Value }
  | { kind: 'template'; parts: Array<string | Node> }
  | { kind: 'name'; name: string }
  | { kind: 'array'; items: Node[] }
  | { kind: 'member'; target: Node; name: string }
  | { kind: 'index'; target: Node; index: Node }
  | { kind: 'call'; name: string; args: Node[] }
  | { kind: 'lambda'; params: string[]; body: Node }
  | { kind: 'unary'; op: string; operand: Node }
  | { kind: 'binary'; op: string; left: Node; right: Node }
  | { kind: 'ternary'; condition: Node; then: Node; otherwise: Node };

/** What `fail()` raises: the deployment's error, with the template's message. */
export class BicepFailure extends Error {}

export function parseBicepExpression(text: string): Node {
  const parser = new Parser(text);
  const node = parser.expression();
  parser.skipSpace();
  if (!parser.done()) throw new Error(`unexpected text at ${parser.position}: ${text.slice(parser.position, 40)}`);
  return node;
}

/** The value of `var <name>` in the file, with these parameter values; other variables are evaluated as needed. */
export function evaluateVariable(file: BicepFile, name: string, params: Record<string, Value>): Value {
  const variables = new Map<string, Value>();
  const lookup = (identifier: string): Value => {
    if (identifier in params) return params[identifier] as Value;
    if (!variables.has(identifier)) {
      variables.set(identifier, evaluate(parseBicepExpression(variableText(file, identifier)), lookup));
    }
    return variables.get(identifier) as Value;
  };
  return lookup(name);
}

export function evaluateBicepExpression(text: string, names: Record<string, Value> = {}): Value {
  return evaluate(parseBicepExpression(text), (name) => {
    if (!(name in names)) throw new Error(`unknown name ${name}`);
    return names[name] as Value;
  });
}

class Parser {
  position = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.position >= this.text.length;
  }

  skipSpace(): void {
    while (/\s/.test(this.text[this.position] ?? '')) this.position++;
  }

  private peek(token: string): boolean {
    this.skipSpace();
    return this.text.startsWith(token, this.position);
  }

  private take(token: string): boolean {
    if (!this.peek(token)) return false;
    this.position += token.length;
    return true;
  }

  private expect(token: string): void {
    if (!this.take(token)) {
      throw new Error(`expected ${token} at ${this.position}: ${this.text.slice(this.position, this.position + 40)}`);
    }
  }

  private identifier(): string | undefined {
    this.skipSpace();
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.position));
    if (!match) return undefined;
    this.position += match[0].length;
    return match[0];
  }

  expression(): Node {
    const start = this.position;
    const single = this.identifier();
    if (single !== undefined && this.take('=>')) return { kind: 'lambda', params: [single], body: this.expression() };
    this.position = start;
    if (this.take('(')) {
      const params: string[] = [];
      let name = this.identifier();
      while (name !== undefined) {
        params.push(name);
        name = this.take(',') ? this.identifier() : undefined;
      }
      if (this.take(')') && this.take('=>')) return { kind: 'lambda', params, body: this.expression() };
      this.position = start;
    }
    const condition = this.binary(0);
    if (!this.take('?')) return condition;
    const then = this.expression();
    this.expect(':');
    return { kind: 'ternary', condition, then, otherwise: this.expression() };
  }

  private static readonly LEVELS = [['||'], ['&&'], ['==', '!=', '=~', '!~'], ['<=', '>=', '<', '>']];

  private binary(level: number): Node {
    const operators = Parser.LEVELS[level];
    if (!operators) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const op = operators.find((candidate) => this.peek(candidate) && !this.peek('=>'));
      if (!op) return left;
      this.position += op.length;
      left = { kind: 'binary', op, left, right: this.binary(level + 1) };
    }
  }

  private unary(): Node {
    if (this.take('!')) return { kind: 'unary', op: '!', operand: this.unary() };
    return this.postfix(this.primary());
  }

  private postfix(node: Node): Node {
    for (;;) {
      if (this.take('.')) {
        const name = this.identifier();
        if (!name) throw new Error(`expected a property name at ${this.position}`);
        node = { kind: 'member', target: node, name };
      } else if (this.take('[')) {
        node = { kind: 'index', target: node, index: this.expression() };
        this.expect(']');
      } else {
        return node;
      }
    }
  }

  private primary(): Node {
    this.skipSpace();
    const c = this.text[this.position];
    if (c === "'") return this.string();
    if (c !== undefined && /[0-9]/.test(c)) {
      const digits = /^[0-9]+/.exec(this.text.slice(this.position))?.[0] ?? '';
      this.position += digits.length;
      return { kind: 'literal', value: Number(digits) };
    }
    if (this.take('(')) {
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    if (this.take('[')) {
      const items: Node[] = [];
      while (!this.take(']')) {
        items.push(this.expression());
        this.take(',');
      }
      return { kind: 'array', items };
    }
    const name = this.identifier();
    if (name === undefined) throw new Error(`unexpected text at ${this.position}: ${this.text.slice(this.position)}`);
    if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true' };
    if (name === 'null') return { kind: 'literal', value: null };
    if (this.take('(')) {
      const args: Node[] = [];
      while (!this.take(')')) {
        args.push(this.expression());
        if (!this.peek(')')) this.expect(',');
      }
      return { kind: 'call', name, args };
    }
    return { kind: 'name', name };
  }

  private string(): Node {
    this.position++; // the opening quote
    const parts: Array<string | Node> = [];
    let literal = '';
    for (;;) {
      const c = this.text[this.position];
      if (c === undefined) throw new Error('unterminated string');
      if (c === "'") {
        this.position++;
        break;
      }
      if (c === '\\') {
        const escaped = this.text[this.position + 1] ?? '';
        literal += ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[escaped] ?? escaped;
        this.position += 2;
      } else if (this.text.startsWith('${', this.position)) {
        this.position += 2;
        if (literal) parts.push(literal);
        literal = '';
        parts.push(this.expression());
        this.expect('}');
      } else {
        literal += c;
        this.position++;
      }
    }
    if (literal || parts.length === 0) parts.push(literal);
    return parts.length === 1 && typeof parts[0] === 'string'
      ? { kind: 'literal', value: parts[0] }
      : { kind: 'template', parts };
  }
}

const isLambda = (value: Value): value is Lambda => typeof value === 'object' && value !== null && 'lambda' in value;

function text(value: Value, what: string): string {
  if (typeof value !== 'string') throw new Error(`${what}: expected a string, not ${JSON.stringify(value)}`);
  return value;
}

function int(value: Value, what: string): number {
  if (typeof value !== 'number') throw new Error(`${what}: expected an integer, not ${JSON.stringify(value)}`);
  return value;
}

function list(value: Value, what: string): Value[] {
  if (!Array.isArray(value)) throw new Error(`${what}: expected an array, not ${JSON.stringify(value)}`);
  return value;
}

function lambda(value: Value, what: string): Lambda['lambda'] {
  if (!isLambda(value)) throw new Error(`${what}: expected a lambda`);
  return value.lambda;
}

function sizeOf(value: Value, what: string): number {
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  if (typeof value === 'object' && value !== null && !isLambda(value)) return Object.keys(value).length;
  throw new Error(`${what}: expected a string, an array or an object`);
}

/** Functions as ARM evaluates them (https://learn.microsoft.com/azure/azure-resource-manager/bicep/bicep-functions). */
const FUNCTIONS: Record<string, (...args: Value[]) => Value> = {
  length: (value) => sizeOf(value, 'length'),
  empty: (value) => value === null || sizeOf(value, 'empty') === 0,
  range: (start, count) => Array.from({ length: int(count, 'range') }, (_, i) => int(start, 'range') + i),
  substring: (value, start, count?) => {
    const s = text(value, 'substring');
    const from = int(start, 'substring');
    const n = count === undefined ? s.length - from : int(count, 'substring');
    if (from < 0 || n < 0 || from + n > s.length) throw new Error('substring: out of range');
    return s.slice(from, from + n);
  },
  take: (value, count) => {
    const n = Math.max(0, int(count, 'take'));
    return Array.isArray(value) ? value.slice(0, n) : text(value, 'take').slice(0, n);
  },
  // ARM's startsWith and endsWith ignore case.
  startsWith: (value, prefix) =>
    text(value, 'startsWith').toLowerCase().startsWith(text(prefix, 'startsWith').toLowerCase()),
  split: (value, delimiter) => {
    const delimiters = Array.isArray(delimiter) ? delimiter.map((d) => text(d, 'split')) : [text(delimiter, 'split')];
    const pattern = new RegExp(delimiters.map((d) => d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
    return text(value, 'split').split(pattern);
  },
  join: (values, delimiter) =>
    list(values, 'join')
      .map((v) => text(v, 'join'))
      .join(text(delimiter, 'join')),
  map: (values, fn) => list(values, 'map').map((item, i) => lambda(fn, 'map')(item, i)),
  filter: (values, fn) => list(values, 'filter').filter((item, i) => lambda(fn, 'filter')(item, i) === true),
  toObject: (values, key, value?) =>
    Object.fromEntries(
      list(values, 'toObject').map((item) => [
        text(lambda(key, 'toObject')(item), 'toObject key'),
        value === undefined ? item : lambda(value, 'toObject')(item),
      ]),
    ),
  fail: (message) => {
    throw new BicepFailure(text(message, 'fail'));
  },
};

function evaluate(node: Node, lookup: (name: string) => Value): Value {
  const at = (child: Node) => evaluate(child, lookup);
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'template':
      return node.parts
        .map((part) => {
          if (typeof part === 'string') return part;
          const value = at(part);
          return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
        })
        .join('');
    case 'name':
      return lookup(node.name);
    case 'array':
      return node.items.map(at);
    case 'member': {
      const target = at(node.target);
      if (typeof target !== 'object' || target === null || Array.isArray(target) || isLambda(target)) {
        throw new Error(`.${node.name} of something that is not an object`);
      }
      if (!(node.name in target)) throw new Error(`the object has no property ${node.name}`);
      return target[node.name] as Value;
    }
    case 'index': {
      const target = list(at(node.target), 'index');
      const index = int(at(node.index), 'index');
      if (index < 0 || index >= target.length) throw new Error('index out of range');
      return target[index] as Value;
    }
    case 'call': {
      const fn = FUNCTIONS[node.name];
      if (!fn) throw new Error(`this evaluator does not know the function ${node.name}()`);
      return fn(...node.args.map(at));
    }
    case 'lambda':
      return {
        lambda: (...args: Value[]) =>
          evaluate(node.body, (name) => {
            const index = node.params.indexOf(name);
            return index >= 0 ? (args[index] as Value) : lookup(name);
          }),
      };
    case 'unary': {
      const operand = at(node.operand);
      if (typeof operand !== 'boolean') throw new Error('! of something that is not a bool');
      return !operand;
    }
    case 'ternary': {
      const condition = at(node.condition);
      if (typeof condition !== 'boolean') throw new Error('a condition that is not a bool');
      return condition ? at(node.then) : at(node.otherwise);
    }
    case 'binary':
      return binary(
        node.op,
        () => at(node.left),
        () => at(node.right),
      );
  }
}

function binary(op: string, left: () => Value, right: () => Value): Value {
  const bool = (value: Value) => {
    if (typeof value !== 'boolean') throw new Error(`${op} of something that is not a bool`);
    return value;
  };
  switch (op) {
    case '&&':
      return bool(left()) && bool(right());
    case '||':
      return bool(left()) || bool(right());
    case '==':
      return JSON.stringify(left()) === JSON.stringify(right());
    case '!=':
      return JSON.stringify(left()) !== JSON.stringify(right());
    case '=~':
    case '!~': {
      const same = text(left(), op).toLowerCase() === text(right(), op).toLowerCase();
      return op === '=~' ? same : !same;
    }
    default: {
      const a = int(left(), op);
      const b = int(right(), op);
      return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
    }
  }
}
