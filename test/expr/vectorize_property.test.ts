import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node } from '../../src/expr/ast.js';
import { translateFunction, translateSource } from '../../src/expr/vectorize.js';
import { evaluate, fnOf } from './tree.js';

// Property tests of the translator: random functions of the supported
// subset translate, and their trees mean what the functions do; any other
// text is refused with a coded error, never a crash.

type Gen = fc.GeneratorValue;

const UNARY = 'abs sign sqrt cbrt exp expm1 log log1p log2 log10 sin cos tan asin acos atan sinh cosh tanh floor ceil trunc round'.split(
  ' ',
);
const ARITH = ['+', '-', '*', '/', '%', '**'];
const COMPARE = ['<', '<=', '>', '>=', '==', '!=', '===', '!=='];
const LITERALS = ['0', '1', '2.5', '1e3', '0.5', '(-3)', 'Math.PI', 'NaN', 'Infinity', 'Number.EPSILON'];

const pick = <T>(g: Gen, items: readonly T[]): T => items[g(fc.nat, { max: items.length - 1 })]!;

/** A random numeric expression over `names`. */
function num(g: Gen, names: readonly string[], depth: number): string {
  const choice = depth <= 0 ? g(fc.nat, { max: 1 }) : g(fc.nat, { max: 9 });
  switch (choice) {
    case 0:
      return pick(g, LITERALS);
    case 1:
      return pick(g, names);
    case 2:
    case 3:
      return `(${num(g, names, depth - 1)} ${pick(g, ARITH)} ${num(g, names, depth - 1)})`;
    case 4:
      return `Math.${pick(g, UNARY)}(${num(g, names, depth - 1)})`;
    case 5:
      return `(${bool(g, names, depth - 1)} ? ${num(g, names, depth - 1)} : ${num(g, names, depth - 1)})`;
    case 6:
      return `Math.${pick(g, ['min', 'max', 'hypot', 'atan2', 'pow'])}(${num(g, names, depth - 1)}, ${num(g, names, depth - 1)})`;
    case 7:
      return `(${num(g, names, depth - 1)} ${pick(g, ['&&', '||'])} ${num(g, names, depth - 1)})`;
    case 8:
      return `(- ${num(g, names, depth - 1)})`;
    default:
      return `(${bool(g, names, depth - 1)} + ${num(g, names, depth - 1)})`;
  }
}

/** A random boolean expression: JS's `===` on a boolean and a number differs from `==`, so comparisons take numbers. */
function bool(g: Gen, names: readonly string[], depth: number): string {
  switch (depth <= 0 ? 0 : g(fc.nat, { max: 3 })) {
    case 0:
      return `(${num(g, names, depth - 1)} ${pick(g, COMPARE)} ${num(g, names, depth - 1)})`;
    case 1:
      return `!${bool(g, names, depth - 1)}`;
    case 2:
      return `(${bool(g, names, depth - 1)} ${pick(g, ['&&', '||'])} ${bool(g, names, depth - 1)})`;
    default:
      return `Number.isNaN(${num(g, names, depth - 1)})`;
  }
}

/**
 * A random block: locals, reassigned lets, ifs (with or without else) whose
 * sides may return, fall through, or both, and at the end a return, always
 * at the function's top level and sometimes inside an if.
 */
function block(g: Gen, names: string[], lets: string[], depth: number, fresh: { n: number }, top: boolean): string {
  const lines: string[] = [];
  const count = g(fc.nat, { max: 4 });
  for (let i = 0; i < count; i++) {
    const kind = g(fc.nat, { max: depth > 0 ? 4 : 2 });
    if (kind === 0 || (kind <= 2 && lets.length === 0)) {
      const name = `v${fresh.n++}`;
      const keyword = g(fc.boolean) ? 'const' : 'let';
      lines.push(`${keyword} ${name} = ${num(g, names, 2)};`);
      names.push(name);
      if (keyword === 'let') lets.push(name);
    } else if (kind === 1 || kind === 2) {
      lines.push(`${pick(g, lets)} ${pick(g, ['=', '+=', '*=', '-='])} ${num(g, names, 2)};`);
    } else if (kind === 3) {
      const then = block(g, [...names], [...lets], depth - 1, fresh, false);
      const otherwise = g(fc.boolean) ? ` else {\n${block(g, [...names], [...lets], depth - 1, fresh, false)}\n}` : '';
      lines.push(`if (${bool(g, names, 2)}) {\n${then}\n}${otherwise}`);
    } else if (lets.length > 0) {
      const target = pick(g, lets);
      lines.push(`if (${bool(g, names, 1)}) { ${target} = ${num(g, names, 2)}; } else { ${target} -= ${num(g, names, 1)}; }`);
    }
  }
  if (top || g(fc.boolean)) lines.push(`return ${num(g, names, 3)};`);
  return lines.join('\n');
}

/** Every node carries a position inside the source, for the compiler's messages. */
function expectPlaced(root: Node, source: string): void {
  const lines = source.split('\n');
  const seen = new Set<Node>();
  const visit = (node: Node): void => {
    if (seen.has(node)) return; // shared (a DAG): checked once
    seen.add(node);
    const { pos, line, column } = node;
    const ok =
      pos >= 0 && pos < source.length && line! >= 1 && line! <= lines.length && column! >= 1 && column! <= lines[line! - 1]!.length;
    if (!ok) throw new Error(`${source}\nnode ${node.type} at pos ${pos}, line ${line}, column ${column}`);
    if (node.type === 'unary') visit(node.arg);
    else if (node.type === 'binary') [node.left, node.right].forEach(visit);
    else if (node.type === 'conditional') [node.test, node.then, node.otherwise].forEach(visit);
    else if (node.type === 'call') node.args.forEach(visit);
  };
  visit(root);
}

const INPUTS = [0, -0, 1, -1, 0.5, -0.5, 2.5, -2.5, 3, 1e308, -1e-308, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

describe('vectorize: random functions of the subset', () => {
  it('translate, and their trees compute what the functions compute (JS semantics, evaluated in JS)', () => {
    fc.assert(
      fc.property(fc.gen(), fc.constantFrom(...INPUTS), fc.double(), (g, x, y) => {
        const body = g(fc.boolean) ? num(g, ['x', 'y'], 4) : `{\n${block(g, ['x', 'y'], [], 3, { n: 0 }, true)}\n}`;
        const source = `(x, y) => ${body}`;
        const fn = fnOf(source);
        const { root, params } = translateFunction(fn);
        expect(params).toEqual(['x', 'y']);
        expectPlaced(root, source);
        const expected = Number(fn(x, y));
        const got = evaluate(root, { x, y });
        if (!Object.is(expected, got)) throw new Error(`${source}\nat x=${x}, y=${y}: JS ${expected}, tree ${got}`);
      }),
      { numRuns: 500 },
    );
  });
});

const TOKENS =
  '( ) x y => { } return if else for while ; + - * / % ** Math . sqrt , 1 0.5 let const var = ` " \' ? : function async class ... [ ] this new ! && || < >= === typeof'.split(
    ' ',
  );

function expectCodedOrTree(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error).toMatchObject({ code: 'ERR_VECTORIZE_UNSUPPORTED' });
    expect((error as Error).message.startsWith('vectorize: ')).toBe(true);
  }
}

describe('vectorize: anything else is refused with a coded error', () => {
  it('random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => expectCodedOrTree(() => translateSource(text))),
      { numRuns: 500 },
    );
  });

  it('random token soup, and the functions it happens to spell', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 25 }), (tokens) => {
        const text = tokens.join(' ');
        expectCodedOrTree(() => translateSource(text));
        expectCodedOrTree(() => translateSource(`(x) => ${text}`));
        expectCodedOrTree(() => translateSource(`(x, y) => { ${text} }`));
        let fn: unknown;
        try {
          fn = fnOf(`(x, y) => { ${text} }`);
        } catch {
          return; // not JavaScript
        }
        expectCodedOrTree(() => translateFunction(fn));
      }),
      { numRuns: 1000 },
    );
  });
});
