import { describe, expect, it } from 'vitest';
import type { Node } from '../../src/expr/ast.js';
import { translateFunction, translateSource } from '../../src/expr/vectorize.js';
import { NAMESPACES } from '../../src/expr/vectorize_math.js';
import { MAP_KERNELS } from '../../src/kernels/registry.js';
import { evaluate, fnOf, treeToString } from './tree.js';

const tree = (source: string): string => treeToString(translateSource(source).root);

/** Distinct node objects of a tree (a DAG counts each shared node once). */
function countNodes(root: Node): number {
  const seen = new Set<Node>();
  const visit = (node: Node): void => {
    if (seen.has(node)) return;
    seen.add(node);
    if (node.type === 'unary') visit(node.arg);
    if (node.type === 'binary') [node.left, node.right].forEach(visit);
    if (node.type === 'conditional') [node.test, node.then, node.otherwise].forEach(visit);
    if (node.type === 'call') node.args.forEach(visit);
  };
  visit(root);
  return seen.size;
}

// vectorize's translator: a function's source to the expression tree. Backend-independent, run in both projects.
describe('vectorize: supported constructs', () => {
  const cases: Array<[string, string]> = [
    ['(x, y) => Math.sqrt(x * x + y * y)', 'sqrt(((x * x) + (y * y)))'],
    ['(a, b) => a + b - a * b / a % b ** a', '((a + b) - (((a * b) / a) % (b ** a)))'],
    ['(x) => (x + 1) * 2', '((x + 1) * 2)'],
    ['(x) => x + 1.5 - -2 + true + false', '((((x + 1.5) - -2) + 1) + 0)'],
    ['(x) => -x + +x + !x', '(((-x) + (+x)) + (!((x != 0) && (x == x))))'],
    ['(x) => -(1)', '-1'],
    ['(a, b) => (a < b) + (a <= b) + (a > b) + (a >= b)', '((((a < b) + (a <= b)) + (a > b)) + (a >= b))'],
    ['(a, b) => (a == b) + (a != b) + (a === b) + (a !== b)', '((((a == b) + (a != b)) + (a == b)) + (a != b))'],
    ['(a, b) => a < b && b < 1 || !a', '(((a < b) && (b < 1)) || (!((a != 0) && (a == a))))'],
    ['(a, b) => !(a < b)', '(!(a < b))'],
    // On numbers && and || return an operand, as JS does; a number's truth is JS's (0 and NaN are false).
    ['(a, b) => a && b', '(((a != 0) && (a == a)) ? b : a)'],
    ['(a, b) => a || b', '(((a != 0) && (a == a)) ? a : b)'],
    ['(a, b) => a < b && b', '((a < b) ? b : (a < b))'],
    ['(x) => x > 0 ? x : -x', '((x > 0) ? x : (-x))'],
    ['(x) => x ? 1 : x < -1 ? 2 : 3', '(((x != 0) && (x == x)) ? 1 : ((x < -1) ? 2 : 3))'],
    ['(x) => Math.PI * x + Math.E', `((${Math.PI} * x) + ${Math.E})`],
    ['(x) => Math.LN2 + Math.LN10 + Math.LOG2E', `((${Math.LN2} + ${Math.LN10}) + ${Math.LOG2E})`],
    ['(x) => Math.LOG10E + Math.SQRT2 + Math.SQRT1_2', `((${Math.LOG10E} + ${Math.SQRT2}) + ${Math.SQRT1_2})`],
    ['(x) => Infinity - NaN', '(Infinity - NaN)'],
    ['(x) => Number.EPSILON + Number.MAX_SAFE_INTEGER', `(${Number.EPSILON} + ${Number.MAX_SAFE_INTEGER})`],
    ['(x, y) => Math.pow(x, y)', '(x ** y)'],
    ['(x, y) => Math.atan2(y, x)', 'atan2(y, x)'],
    ['(x, y) => Math.hypot(x, y)', 'hypot(x, y)'],
    ['(x, y) => Math.hypot(x, y, 2)', 'hypot(hypot(x, y), 2)'],
    ['(x) => Math.hypot(x)', 'abs(x)'],
    ['(x) => Math.hypot()', '0'],
    ['(x, y) => Math.min(x, y, 0)', 'minimum(minimum(x, y), 0)'],
    ['(x, y) => Math.max(x, y)', 'maximum(x, y)'],
    ['(x) => Math.max(x)', 'x'],
    ['(x) => Math.min()', 'Infinity'],
    ['(x) => Math.max()', '-Infinity'],
    ['(x) => Math.round(x)', '(((x - floor(x)) >= 0.5) ? ceil(x) : floor(x))'],
    ['(x) => Number.isNaN(x) || isFinite(x)', '(isnan(x) || isfinite(x))'],
    ['(x) => isNaN(x) + Number.isFinite(x)', '(isnan(x) + isfinite(x))'],
    ['function (x) { return x * 2; }', '(x * 2)'],
    ['function double(x) {\n  "use strict";\n  return x * 2;\n}', '(x * 2)'],
    ['(x) => { const a = x + 1, b = a * a; let c = b - a; return c / 2; }', '((((x + 1) * (x + 1)) - (x + 1)) / 2)'],
    ['(x) => { ; return x; ; }', 'x'],
  ];
  it.each(cases)('%s', (source, expected) => {
    expect(tree(source)).toBe(expected);
  });

  const SAME_NAME = 'abs sign sqrt cbrt exp expm1 log log1p log2 log10 sin cos tan asin acos atan sinh cosh tanh floor ceil trunc';
  it.each(SAME_NAME.split(' '))('Math.%s is the kernel of the same name', (name) => {
    expect(tree(`(x) => Math.${name}(x)`)).toBe(`${name}(x)`);
  });

  it('every call it emits is a map kernel of that arity (the compiler runs map kernels)', () => {
    const arity = new Map(MAP_KERNELS.map((k) => [k.name, k.arity]));
    const calls = new Map<string, number>();
    const collect = (node: Node): void => {
      if (node.type === 'call') calls.set(node.name, node.args.length);
      if (node.type === 'unary') collect(node.arg);
      if (node.type === 'binary') [node.left, node.right].forEach(collect);
      if (node.type === 'conditional') [node.test, node.then, node.otherwise].forEach(collect);
      if (node.type === 'call') node.args.forEach(collect);
    };
    for (const [space, table] of NAMESPACES) {
      for (const [name, fn] of table.functions) {
        const n = Math.min(Math.max(fn.arity[0], 2), fn.arity[1]);
        collect(translateSource(`(x, y) => ${space}.${name}(${['x', 'y'].slice(0, n).join(', ')})`).root);
      }
    }
    expect(calls.size).toBeGreaterThan(25);
    for (const [name, n] of calls) expect([name, arity.get(name)]).toEqual([name, n]);
  });

  it('returns the parameter names in order and the source as given', () => {
    const fn = fnOf('(alpha, beta) => alpha - beta');
    const t = translateFunction(fn);
    expect(t.params).toEqual(['alpha', 'beta']);
    expect(t.source).toBe('(alpha, beta) => alpha - beta');
  });

  it('takes functions written in a test file (as the test runner reprints them)', () => {
    const t = translateFunction((x: number, y: number) => Math.sqrt(x * x + y * y));
    expect(treeToString(t.root)).toBe('sqrt(((x * x) + (y * y)))');
  });
});

describe('vectorize: locals share nodes (the tree is a DAG)', () => {
  it('a const is the same node at every use', () => {
    const { root } = translateSource('(x) => { const t = Math.exp(x) + 1; return t * t; }');
    expect(root.type).toBe('binary');
    const { left, right } = root as Extract<Node, { type: 'binary' }>;
    expect(left).toBe(right);
    expect(treeToString(left)).toBe('(exp(x) + 1)');
  });

  it('a parameter is one name node', () => {
    const { root } = translateSource('(x) => x * x');
    const { left, right } = root as Extract<Node, { type: 'binary' }>;
    expect(left).toBe(right);
    expect(left).toMatchObject({ type: 'name', name: 'x' });
  });

  it('a let reassigned in straight-line code rebinds to a new node', () => {
    expect(tree('(x) => { let y = x; y = y + 1; y *= 2; y -= x; y++; y--; y **= 2; return y; }')).toBe(
      '((((((x + 1) * 2) - x) + 1) - 1) ** 2)',
    );
  });

  it('Math.round computes floor(x) once and reads x as one node', () => {
    const { root } = translateSource('(x) => Math.round(x)');
    const c = root as Extract<Node, { type: 'conditional' }>;
    const diff = (c.test as Extract<Node, { type: 'binary' }>).left as Extract<Node, { type: 'binary' }>;
    expect(diff.right).toBe(c.otherwise);
    expect((c.then as Extract<Node, { type: 'call' }>).args[0]).toBe(diff.left);
  });

  it("Math.round keeps JS's half-up rounding and sign of zero, where floor(x + 0.5) would not", () => {
    const { root } = translateSource('(x) => Math.round(x)');
    const values = [0.49999999999999994, 2 ** 52 + 1, -(2 ** 52) - 1, 2.5, -2.5, 0.5, -0.5, -0.3, -0, 0, 1.5, -1.5, 1e300, -5e-324];
    for (const x of [...values, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect([x, evaluate(root, { x })]).toEqual([x, Math.round(x)]);
    }
  });

  it('an operand of a numeric && is one node in its truth test and its value', () => {
    const { root } = translateSource('(x) => Math.sin(x) && x');
    const c = root as Extract<Node, { type: 'conditional' }>;
    const nonzero = (c.test as Extract<Node, { type: 'binary' }>).left as Extract<Node, { type: 'binary' }>;
    expect(nonzero.left).toBe(c.otherwise);
    expect(treeToString(c)).toBe('(((sin(x) != 0) && (sin(x) == sin(x))) ? x : sin(x))');
  });
});

describe('vectorize: if/else', () => {
  const cases: Array<[string, string]> = [
    ['(x) => { if (x > 0) { return x; } else { return -x; } }', '((x > 0) ? x : (-x))'],
    ['(x) => { if (x > 0) return x; return 0; }', '((x > 0) ? x : 0)'],
    ['(x) => { if (x < 0) return -1; if (x > 0) return 1; return 0; }', '((x < 0) ? -1 : ((x > 0) ? 1 : 0))'],
    [
      '(x) => { if (x < 0) { if (x < -1) return -2; return -1; } else if (x > 0) return 1; else return 0; }',
      '((x < 0) ? ((x < -1) ? -2 : -1) : ((x > 0) ? 1 : 0))',
    ],
    ['(x) => { const a = x * 2; if (a > 1) { const b = a + 1; return b; } return a; }', '(((x * 2) > 1) ? ((x * 2) + 1) : (x * 2))'],
    // Branches that assign and fall through merge into conditionals.
    ['(x) => { let y; if (x > 0) { y = x; } else { y = -x; } return y; }', '((x > 0) ? x : (-x))'],
    ['(x) => { let y = 0; if (x > 0) y = x; return y * 2; }', '(((x > 0) ? x : 0) * 2)'],
    [
      '(x) => { let y = 1, z = 2; if (x) { y = 3; z = 4; } return y + z; }',
      '((((x != 0) && (x == x)) ? 3 : 1) + (((x != 0) && (x == x)) ? 4 : 2))',
    ],
    // A side that may return puts the rest of the function (translated once, on the merged names) under its conditional.
    [
      '(x) => { let y = x; if (x > 1) { y = 2; if (x > 5) return 5; } return y; }',
      '((x > 1) ? ((x > 5) ? 5 : ((x > 1) ? 2 : x)) : ((x > 1) ? 2 : x))',
    ],
    ['(x) => { let y; if (x > 0) { y = 1; } else { return 0; } return y + x; }', '((x > 0) ? (1 + x) : 0)'],
    // Block scopes: the inner y is gone after its block; assignments to outer names stay.
    ['(x) => { const y = 1; let z = 0; { const y = 2; z = y; } return y + z; }', '(1 + 2)'],
    ['(x) => { if (x) return 1; else return 2; return 3; }', '(((x != 0) && (x == x)) ? 1 : 2)'],
  ];
  it.each(cases)('%s', (source, expected) => {
    expect(tree(source)).toBe(expected);
  });

  it('merged names share the test node', () => {
    const { root } = translateSource('(x) => { let y = 1, z = 2; if (x > 0) { y = 3; z = 4; } return y + z; }');
    const { left, right } = root as Extract<Node, { type: 'binary' }>;
    expect((left as Extract<Node, { type: 'conditional' }>).test).toBe((right as Extract<Node, { type: 'conditional' }>).test);
  });
});

describe('vectorize: positions', () => {
  it('sets pos, line and column on the nodes, relative to the function source', () => {
    const source = '(x) => {\n  const t = x * 2;\n  return Math.sin(t);\n}';
    const { root } = translateSource(source);
    expect(root).toMatchObject({ type: 'call', name: 'sin', line: 3, column: 10, pos: source.indexOf('Math.sin') });
    const arg = (root as Extract<Node, { type: 'call' }>).args[0]!;
    expect(arg).toMatchObject({ type: 'binary', line: 2, column: 13, pos: source.indexOf('x * 2') });
    expect((arg as Extract<Node, { type: 'binary' }>).left).toMatchObject({ type: 'name', line: 1, column: 2, pos: 1 });
  });
});

describe('vectorize: unsupported constructs are ERR_VECTORIZE_UNSUPPORTED naming the construct and its position', () => {
  const FREE = 'is neither a parameter nor a local variable: a vectorized function must be self-contained (no closures or globals)';
  const cases: Array<[string, string]> = [
    ['function (x) {\n  for (;;) {}\n}', "'for' loops are not supported (line 2, column 3)"],
    ['(x) => {\n  let s = 0;\n  for (const v of [x]) s += v;\n  return s;\n}', "'for...of' loops are not supported (line 3, column 3)"],
    ['(x) => { for (const k in x) return 1; return 0; }', "'for...in' loops are not supported (line 1, column 10)"],
    ['(x) => { while (x) {} return x; }', "'while' loops are not supported (line 1, column 10)"],
    ['(x) => { do {} while (x); return x; }', "'do...while' loops are not supported (line 1, column 10)"],
    ['(x) => { switch (x) { case 1: return 1; } return 0; }', "'switch' statements are not supported (line 1, column 10)"],
    ['(x) => { try { return x; } catch { return 0; } }', "'try' statements are not supported (line 1, column 10)"],
    ['(x) => { throw x; }', "'throw' statements are not supported (line 1, column 10)"],
    ['(x) => { l: { return x; } }', 'labels are not supported (line 1, column 10)'],
    ['(x) => { debugger; return x; }', "'debugger' is not supported (line 1, column 10)"],
    ['(x) => { function g() {} return x; }', 'nested functions are not supported (line 1, column 10)'],
    ['(x) => { class A {} return x; }', 'classes are not supported (line 1, column 10)'],
    ['(x) => { var y = x; return y; }', "'var' declarations are not supported: use const or let (line 1, column 10)"],
    ['(x) => { const [a] = [x]; return a; }', 'destructuring declarations are not supported (line 1, column 16)'],
    [
      '(x) => {\n  x = 2;\n  return x;\n}',
      "assignments to parameters ('x') are not supported: copy it to a local (let v = x) (line 2, column 3)",
    ],
    ['(x) => { const c = 1; c = 2; return c; }', "assignment to the constant 'c' (line 1, column 23)"],
    ['(x) => { y = 2; return x; }', "'y' is not a local variable: only let locals can be assigned (line 1, column 10)"],
    ['(x) => { let y = 1; y |= 2; return y; }', "the '|=' operator is not supported (line 1, column 21)"],
    ['(x) => { let y = 1; y ||= 2; return y; }', "the '||=' operator is not supported (line 1, column 21)"],
    ['(x) => { x.a = 2; return x; }', 'assignments to properties are not supported (line 1, column 10)'],
    [
      '(x) => { Math.sin(x); return x; }',
      'expression statements are not supported (only assignments to let variables) (line 1, column 10)',
    ],
    [
      '(x) => { let y; return y = x; }',
      'assignments inside expressions are not supported (assign a let variable in its own statement) (line 1, column 24)',
    ],
    [
      '(x) => { let y = 0; return y++; }',
      "'++' and '--' inside expressions are not supported (use them as statements on a let variable) (line 1, column 28)",
    ],
    ['(x) => foo(x)', "calls to 'foo' are not supported: only Math.* functions (line 1, column 8)"],
    ['(x) => x.toFixed(2)', "calls to 'x.toFixed' are not supported: only Math.* functions (line 1, column 8)"],
    ['(x) => x.length', "member access ('x.length') is not supported (line 1, column 8)"],
    ['(x) => Math["sqrt"](x)', `calls to 'Math["sqrt"]' are not supported: only Math.* functions (line 1, column 8)`],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the function's source holds a template string
    ['(x) => `${x}`', 'template strings are not supported (line 1, column 8)'],
    ['function (x) { return this * x; }', "'this' is not supported (line 1, column 23)"],
    ['function (x) { return this.k * x; }', "member access ('this.k') is not supported (line 1, column 23)"],
    ['(x) => x * k', `'k' ${FREE} (line 1, column 12)`],
    ['(x) => {\n  const a = x;\n  return a + scale;\n}', `'scale' ${FREE} (line 3, column 14)`],
    ['(x) => Math', "'Math' can only be used as Math.<function>(…) or Math.<constant> (line 1, column 8)"],
    ['(x) => Math.sqrt', "'Math.sqrt' must be called (line 1, column 8)"],
    ['(x) => isNaN', "'isNaN' must be called (line 1, column 8)"],
    ['(x) => Math.foo(x)', "'Math.foo' is not supported (line 1, column 8)"],
    ['(x) => Math.BAR', "'Math.BAR' is not supported (line 1, column 8)"],
    ['(x) => Math.PI(x)', "'Math.PI' is not a function (line 1, column 8)"],
    [
      '(x) => Math.random() * x',
      'Math.random is not supported: a vectorized function must depend on its arguments only (line 1, column 8)',
    ],
    [
      '(x) => Math.fround(x)',
      'Math.fround is not supported: expressions compute in float64 (pass Float32Array inputs for float32) (line 1, column 8)',
    ],
    ['(x) => Math.asinh(x)', 'Math.asinh is not supported: corepool has no asinh kernel (line 1, column 8)'],
    ['(x) => Math.sqrt(x, x)', 'Math.sqrt takes 1 argument; got 2 (line 1, column 8)'],
    ['(x) => Math.atan2(x)', 'Math.atan2 takes 2 arguments; got 1 (line 1, column 8)'],
    ['(x) => Math.max(...x)', 'spread arguments are not supported (line 1, column 17)'],
    ["(x) => x + 'a'", 'string literals are not supported (line 1, column 12)'],
    ['(x) => x + null', "'null' is not supported (line 1, column 12)"],
    ['(x) => x + undefined', "'undefined' is not supported (line 1, column 12)"],
    ['function (x) { return arguments.length; }', "member access ('arguments.length') is not supported (line 1, column 23)"],
    ['(x) => x + 1n', 'BigInt literals are not supported (line 1, column 12)'],
    ['(x) => /a/.test(x)', "calls to '/a/.test' are not supported: only Math.* functions (line 1, column 8)"],
    ['(x) => typeof x', "the 'typeof' operator is not supported (line 1, column 8)"],
    ['(x) => ~x', "the '~' operator is not supported (line 1, column 8)"],
    ['(x) => x | 0', "the '|' operator is not supported (line 1, column 8)"],
    ['(x) => x << 1', "the '<<' operator is not supported (line 1, column 8)"],
    ['(x) => x in x', "the 'in' operator is not supported (line 1, column 8)"],
    ['(x) => x ?? 1', "the '??' operator is not supported (line 1, column 8)"],
    ['(x) => x?.y', 'optional chaining is not supported (line 1, column 8)'],
    ['(x) => new Number(x)', "'new' is not supported (line 1, column 8)"],
    ['(x) => [x]', 'array literals are not supported (line 1, column 8)'],
    ['(x) => ({ a: x })', 'object literals are not supported (line 1, column 9)'],
    ['(x) => (y) => x', 'nested functions are not supported (line 1, column 8)'],
    ['(x) => (x, 1)', 'the comma operator is not supported (line 1, column 9)'],
    ['(x = 1) => x', 'default parameters are not supported (line 1, column 2)'],
    ['(...x) => x', 'rest parameters are not supported (line 1, column 2)'],
    ['({ a }) => a', 'destructuring parameters are not supported (line 1, column 2)'],
    ['function (x, x) { return x; }', "duplicate parameter 'x' (line 1, column 14)"],
    ['() => 1', 'a function without parameters has nothing to vectorize (line 1, column 1)'],
    ['async (x) => x', 'async functions are not supported (line 1, column 1)'],
    ['async function (x) { return await x; }', 'async functions are not supported (line 1, column 1)'],
    ['function* (x) { yield x; }', 'generator functions are not supported (line 1, column 1)'],
    ['class A {}', 'classes are not supported (line 1, column 1)'],
    ['(x) => {\n  if (x > 0) return 1;\n}', "every path must end in 'return'; one reaches the end of the function (line 3, column 1)"],
    [
      '(x) => { if (x > 0) { return 1; } else { x; } }',
      'expression statements are not supported (only assignments to let variables) (line 1, column 42)',
    ],
    ['(x) => { let y = 1; }', "every path must end in 'return'; one reaches the end of the function (line 1, column 21)"],
    ['(x) => { return; }', "'return' without a value is not supported (line 1, column 10)"],
    ['(x) => { let y; return y + x; }', "'y' is used before it is assigned a value on every path (line 1, column 24)"],
    ['(x) => { let y; if (x) y = 1; return y; }', "'y' is used before it is assigned a value on every path (line 1, column 38)"],
    ['(x) => { const z = y + 1; const y = 2; return z; }', "'y' is used before its declaration (line 1, column 20)"],
    ['(x) => { let y = y + 1; return y; }', "'y' is used before its declaration (line 1, column 18)"],
    ['(x) => { let y = 1; { y = 2; let y = 3; } return y; }', "'y' is used before its declaration (line 1, column 23)"],
  ];
  it.each(cases)('%s', (source, message) => {
    expect(() => translateFunction(fnOf(source))).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_VECTORIZE_UNSUPPORTED', message: `vectorize: ${message}` }),
    );
  });

  it('a shadowed Math is a local, not the namespace', () => {
    expect(() => translateSource('(Math) => Math.sqrt(Math)')).toThrow("calls to 'Math.sqrt' are not supported");
    expect(tree('(x, NaN) => x + NaN')).toBe('(x + NaN)');
  });

  it('methods, native and bound functions are refused without a position', () => {
    const refusals: Array<[unknown, string]> = [
      [
        {
          f(x: number) {
            return x;
          },
        }.f,
        'vectorize: methods are not supported: pass an arrow function or a function expression',
      ],
      [Math.sqrt, 'vectorize: native and bound functions have no source to translate (sqrt); wrap one: (x) => Math.sqrt(x)'],
      [
        fnOf('(x) => x').bind(null),
        'vectorize: native and bound functions have no source to translate (bound ); wrap one: (x) => Math.sqrt(x)',
      ],
    ];
    for (const [fn, message] of refusals) {
      expect(() => translateFunction(fn)).toThrow(expect.objectContaining({ code: 'ERR_VECTORIZE_UNSUPPORTED', message }));
    }
  });

  it('a non-function is ERR_INVALID_ARG_TYPE', () => {
    for (const value of [undefined, 1, '(x) => x', {}]) {
      expect(() => translateFunction(value)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    }
    expect(() => translateFunction('x')).toThrow('fn must be a function; got x');
  });

  it('source that does not parse names the place in the source', () => {
    expect(() => translateSource('(x) => x +')).toThrow(
      expect.objectContaining({
        code: 'ERR_VECTORIZE_UNSUPPORTED',
        message: "vectorize: the function's source does not parse: Unexpected token (line 2, column 1)",
      }),
    );
    expect(() => translateSource('1, 2')).toThrow('vectorize: the source is not one function');
  });

  it('translates the rest of the function once, however many ifs may return before it', () => {
    // Copying the rest under each such if would make 2^40 nodes.
    const ifs = Array.from({ length: 40 }, (_, i) => `if (x > ${i}) { y = y + ${i}; if (x > 99) return y; }`).join('\n');
    const { root } = translateSource(`(x) => { let y = x;\n${ifs}\nreturn y; }`);
    expect(countNodes(root)).toBeLessThan(40 * 12);
  });

  it('stops at a node budget instead of growing without end', () => {
    // Each `t = t + t` doubles the tree as text, but the DAG stays linear: the budget counts built nodes.
    const lines = Array.from({ length: 100_001 }, () => 't = t + 1;').join('\n');
    expect(() => translateSource(`(x) => { let t = x;\n${lines}\nreturn t; }`)).toThrow(/too large to vectorize/);
  });

  it('nesting thousands deep is a coded refusal, not a stack overflow', () => {
    const deep = `(x) => ${'('.repeat(20000)}x${')'.repeat(20000)}`;
    expect(() => translateSource(deep)).toThrow(expect.objectContaining({ code: 'ERR_VECTORIZE_UNSUPPORTED' }));
  });
});
