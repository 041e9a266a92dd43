/**
 * The expression parser: a string to the tree of src/expr/ast.ts. A
 * hand-written precedence climber over a small tokenizer; nothing here
 * evaluates anything, so no string can run code.
 *
 * Precedence, loosest first: `?:`, `||`, `&&`, `|`, `&`, comparisons (not
 * chained), `+ -`, `* / %`, unary `- + ! ~`, `**` (right-associative, and
 * tighter than a unary minus on its left: `-x**2` is `-(x**2)`, as in
 * Python), calls and parentheses.
 */
import { CorepoolSyntaxError, ErrorCode } from '../errors.js';
import type { BinaryOp, CallNode, Node, UnaryOp } from './ast.js';

/** Longest expression accepted: a guard against pathological input, not a real limit. */
export const MAX_EXPRESSION_LENGTH = 100_000;
/** Deepest nesting accepted (the parser recurses once per level). */
const MAX_DEPTH = 200;

type TokenType = 'number' | 'name' | 'op' | 'end';
interface Token {
  readonly type: TokenType;
  readonly text: string;
  readonly pos: number;
}

/** Two-character operators, then one-character ones: the longest match wins. */
const OPERATORS_2 = new Set(['**', '<=', '>=', '==', '!=', '&&', '||']);
const OPERATORS_1 = new Set(['+', '-', '*', '/', '%', '<', '>', '!', '~', '&', '|', '?', ':', '(', ')', ',', '=']);
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isNameStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/** The message of a syntax error at `pos`, with the expression and a caret under the place. */
export function pointAt(source: string, pos: number, message: string): string {
  const lines = source.split('\n');
  let line = 0;
  let column = pos;
  while (line < lines.length - 1 && column > lines[line]!.length) {
    column -= lines[line]!.length + 1;
    line++;
  }
  return `${message}\n  ${lines[line]}\n  ${' '.repeat(column)}^`;
}

function syntaxError(source: string, pos: number, message: string, hint?: string): CorepoolSyntaxError {
  const text = `expression: ${message} at position ${pos}${hint === undefined ? '' : `; ${hint}`}`;
  return new CorepoolSyntaxError(ErrorCode.EXPRESSION_SYNTAX, pointAt(source, pos, text));
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const end = source.length;
  let pos = 0;
  for (;;) {
    while (pos < end && isSpace(source.charCodeAt(pos))) pos++;
    if (pos >= end) break;
    const c = source.charCodeAt(pos);
    if (isDigit(c) || (c === 46 && isDigit(source.charCodeAt(pos + 1)))) {
      NUMBER.lastIndex = pos;
      const text = NUMBER.exec(source)![0];
      if (pos + text.length < end && isNameStart(source.charCodeAt(pos + text.length))) {
        throw syntaxError(source, pos + text.length, 'a number runs into a name');
      }
      tokens.push({ type: 'number', text, pos });
      pos += text.length;
      continue;
    }
    if (isNameStart(c)) {
      let stop = pos + 1;
      while (stop < end) {
        const d = source.charCodeAt(stop);
        if (!isNameStart(d) && !isDigit(d)) break;
        stop++;
      }
      tokens.push({ type: 'name', text: source.slice(pos, stop), pos });
      pos = stop;
      continue;
    }
    const two = source.slice(pos, pos + 2);
    const op = OPERATORS_2.has(two) ? two : OPERATORS_1.has(source[pos]!) ? source[pos]! : undefined;
    if (op === undefined) throw syntaxError(source, pos, `unexpected character '${source[pos]}'`);
    tokens.push({ type: 'op', text: op, pos });
    pos += op.length;
  }
  tokens.push({ type: 'end', text: '', pos: end });
  return tokens;
}

/** Binary operators by level, loosest first; comparisons sit at COMPARE_LEVEL. */
const LEVELS: ReadonlyArray<readonly BinaryOp[]> = [
  ['||'],
  ['&&'],
  ['|'],
  ['&'],
  ['<', '<=', '>', '>=', '==', '!='],
  ['+', '-'],
  ['*', '/', '%'],
];
const COMPARE_LEVEL = 4;

class Parser {
  readonly #source: string;
  readonly #tokens: Token[];
  #at = 0;
  #depth = 0;

  constructor(source: string) {
    this.#source = source;
    this.#tokens = tokenize(source);
  }

  parse(): Node {
    if (this.#peek().type === 'end') throw syntaxError(this.#source, 0, 'the expression is empty');
    const node = this.#conditional();
    const next = this.#peek();
    if (next.type !== 'end') throw this.#unexpected(next);
    return node;
  }

  #peek(): Token {
    return this.#tokens[this.#at]!;
  }

  #take(): Token {
    return this.#tokens[this.#at++]!;
  }

  #isOp(text: string): boolean {
    const token = this.#peek();
    return token.type === 'op' && token.text === text;
  }

  #expect(text: string): Token {
    if (!this.#isOp(text)) throw this.#unexpected(this.#peek(), `'${text}'`);
    return this.#take();
  }

  #unexpected(token: Token, wanted?: string): CorepoolSyntaxError {
    const what = token.type === 'end' ? 'end of expression' : `'${token.text}'`;
    return syntaxError(this.#source, token.pos, `unexpected ${what}`, wanted === undefined ? undefined : `expected ${wanted}`);
  }

  #enter(pos: number): void {
    if (++this.#depth > MAX_DEPTH) throw syntaxError(this.#source, pos, `nesting deeper than ${MAX_DEPTH} levels`);
  }

  #conditional(): Node {
    const start = this.#peek().pos;
    this.#enter(start);
    const test = this.#binary(0);
    let node = test;
    if (this.#isOp('?')) {
      const pos = this.#take().pos;
      const then = this.#conditional();
      this.#expect(':');
      const otherwise = this.#conditional();
      node = { type: 'conditional', test, then, otherwise, pos };
    }
    this.#depth--;
    return node;
  }

  #binary(level: number): Node {
    if (level === LEVELS.length) return this.#unary();
    let left = this.#binary(level + 1);
    const ops = LEVELS[level]!;
    let compared = false;
    for (;;) {
      const token = this.#peek();
      if (token.type !== 'op' || !ops.includes(token.text as BinaryOp)) return left;
      // Python chains a < b < c and JS compares a boolean; refusing it avoids either surprise.
      if (level === COMPARE_LEVEL && compared) {
        throw syntaxError(this.#source, token.pos, 'comparisons cannot be chained', 'combine them with &&');
      }
      compared = true;
      this.#take();
      const right = this.#binary(level + 1);
      left = { type: 'binary', op: token.text as BinaryOp, left, right, pos: token.pos };
    }
  }

  #unary(): Node {
    const token = this.#peek();
    if (token.type === 'op' && (token.text === '-' || token.text === '+' || token.text === '!' || token.text === '~')) {
      this.#take();
      this.#enter(token.pos);
      const arg = this.#unary();
      this.#depth--;
      return { type: 'unary', op: token.text as UnaryOp, arg, pos: token.pos };
    }
    return this.#power();
  }

  #power(): Node {
    const base = this.#primary();
    if (!this.#isOp('**')) return base;
    const pos = this.#take().pos;
    this.#enter(pos);
    // The exponent may carry its own sign: 2**-1.
    const exponent = this.#unary();
    this.#depth--;
    return { type: 'binary', op: '**', left: base, right: exponent, pos };
  }

  #primary(): Node {
    const token = this.#take();
    if (token.type === 'number') return { type: 'number', value: Number(token.text), pos: token.pos };
    if (token.type === 'name') return this.#isOp('(') ? this.#call(token) : { type: 'name', name: token.text, pos: token.pos };
    if (token.type === 'op' && token.text === '(') {
      const inner = this.#conditional();
      this.#expect(')');
      return inner;
    }
    throw this.#unexpected(token, 'a number, a name or (');
  }

  #call(name: Token): CallNode {
    this.#expect('(');
    const args: Node[] = [];
    const keywords: Array<{ name: string; value: Node; pos: number }> = [];
    while (!this.#isOp(')')) {
      if (args.length + keywords.length > 0) this.#expect(',');
      const token = this.#peek();
      if (token.type === 'name' && this.#tokens[this.#at + 1]?.text === '=') {
        this.#at += 2;
        keywords.push({ name: token.text, value: this.#keywordValue(), pos: token.pos });
        continue;
      }
      if (keywords.length > 0) throw syntaxError(this.#source, token.pos, 'a positional argument follows a keyword argument');
      args.push(this.#conditional());
    }
    this.#take();
    return { type: 'call', name: name.text, args, keywords, pos: name.pos };
  }

  /** A keyword's value: an expression, or a parenthesised tuple such as `(0, 1)`. */
  #keywordValue(): Node {
    if (!this.#isOp('(')) return this.#conditional();
    const pos = this.#take().pos;
    const items = [this.#conditional()];
    if (this.#isOp(')')) {
      this.#take();
      return items[0]!;
    }
    while (this.#isOp(',')) {
      this.#take();
      if (this.#isOp(')')) break;
      items.push(this.#conditional());
    }
    this.#expect(')');
    return { type: 'tuple', items, pos };
  }
}

/**
 * Parses an expression string.
 * @throws CorepoolSyntaxError (`ERR_EXPRESSION_SYNTAX`) pointing at the first error.
 */
export function parseExpression(source: string): Node {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new CorepoolSyntaxError(
      ErrorCode.EXPRESSION_SYNTAX,
      `expression: longer than ${MAX_EXPRESSION_LENGTH} characters (${source.length})`,
    );
  }
  return new Parser(source).parse();
}
