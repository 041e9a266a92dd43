/**
 * The globals a vectorized function may use, and what each becomes in the
 * expression tree: `Math.*` constants and functions mapped to corepool's
 * kernels, a few `Number.*` members, and `Infinity`, `NaN`, `isNaN`,
 * `isFinite`. One row per name; anything not here is refused by name.
 */
import type { Node } from './ast.js';
import type { Make } from './vectorize_context.js';

/** How a global function is built from its translated arguments. */
export interface GlobalFunction {
  /** Fewest and most arguments (JS would ignore extras or pass undefined: both are mistakes here). */
  readonly arity: readonly [number, number];
  readonly build: (make: Make, args: readonly Node[]) => Node;
}

/** One kernel of the same arity, called by `name`. */
const kernel = (name: string, n = 1): GlobalFunction => ({ arity: [n, n], build: (make, args) => make.call(name, args) });

/** min/max: 0 args is JS's ±Infinity, 1 is the value, more fold left into binary kernel calls. */
const fold = (name: string, empty: number): GlobalFunction => ({
  arity: [0, Infinity],
  build: (make, args) => (args.length === 0 ? make.number(empty) : args.reduce((acc, next) => make.call(name, [acc, next]))),
});

/**
 * JS's Math.round is half up (-2.5 → -2, 2.5 → 3); numpy's round is half to
 * even. `floor(x + 0.5)` is wrong twice (0.49999999999999994 and odd
 * integers above 2^52 round up), but `x - floor(x)` is exact, and when it is
 * at least 0.5, x is not an integer, so ceil(x) is floor(x) + 1 with JS's
 * sign of zero (-0.3 → -0): `x - floor(x) >= 0.5 ? ceil(x) : floor(x)` is
 * Math.round for every double.
 */
const ROUND: GlobalFunction = {
  arity: [1, 1],
  build: (make, [x]) => {
    const f = make.call('floor', [x!]);
    return make.conditional(make.binary('>=', make.binary('-', x!, f), make.number(0.5)), make.call('ceil', [x!]), f);
  },
};

/** Math functions that are one unary kernel of the same name. */
const SAME_NAME = [
  'abs',
  'sign',
  'sqrt',
  'cbrt',
  'exp',
  'expm1',
  'log',
  'log1p',
  'log2',
  'log10',
  'sin',
  'cos',
  'tan',
  'asin',
  'acos',
  'atan',
  'sinh',
  'cosh',
  'tanh',
  'floor',
  'ceil',
  'trunc',
] as const;

export const MATH_FUNCTIONS: ReadonlyMap<string, GlobalFunction> = new Map<string, GlobalFunction>([
  ...SAME_NAME.map((name): [string, GlobalFunction] => [name, kernel(name)]),
  ['round', ROUND],
  ['pow', { arity: [2, 2], build: (make, [x, y]) => make.binary('**', x!, y!) }],
  ['atan2', kernel('atan2', 2)],
  [
    'hypot',
    {
      // Math.hypot(a, b, c) is one scaled sum; nesting hypot(hypot(a, b), c) can differ in the last bit.
      arity: [0, Infinity],
      build: (make, args) =>
        args.length === 0
          ? make.number(0)
          : args.length === 1
            ? make.call('abs', args)
            : args.reduce((acc, next) => make.call('hypot', [acc, next])),
    },
  ],
  ['min', fold('minimum', Infinity)],
  ['max', fold('maximum', -Infinity)],
]);

/** Math members refused with a reason, where "not supported" alone would leave the reader guessing. */
export const MATH_REFUSED: ReadonlyMap<string, string> = new Map([
  ['random', 'Math.random is not supported: a vectorized function must depend on its arguments only'],
  ['fround', 'Math.fround is not supported: expressions compute in float64 (pass Float32Array inputs for float32)'],
  ['imul', 'Math.imul is not supported: expressions have no 32-bit integer multiply'],
  ['clz32', 'Math.clz32 is not supported: expressions have no bit operations'],
  ['asinh', 'Math.asinh is not supported: corepool has no asinh kernel'],
  ['acosh', 'Math.acosh is not supported: corepool has no acosh kernel'],
  ['atanh', 'Math.atanh is not supported: corepool has no atanh kernel'],
]);

export const MATH_CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['PI', Math.PI],
  ['E', Math.E],
  ['LN2', Math.LN2],
  ['LN10', Math.LN10],
  ['LOG2E', Math.LOG2E],
  ['LOG10E', Math.LOG10E],
  ['SQRT2', Math.SQRT2],
  ['SQRT1_2', Math.SQRT1_2],
]);

export const NUMBER_CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['EPSILON', Number.EPSILON],
  ['MAX_VALUE', Number.MAX_VALUE],
  ['MIN_VALUE', Number.MIN_VALUE],
  ['MAX_SAFE_INTEGER', Number.MAX_SAFE_INTEGER],
  ['MIN_SAFE_INTEGER', Number.MIN_SAFE_INTEGER],
  ['POSITIVE_INFINITY', Number.POSITIVE_INFINITY],
  ['NEGATIVE_INFINITY', Number.NEGATIVE_INFINITY],
  ['NaN', Number.NaN],
]);

/** Number.isNaN and Number.isFinite; the global isNaN and isFinite agree with them on numbers. */
export const NUMBER_FUNCTIONS: ReadonlyMap<string, GlobalFunction> = new Map([
  ['isNaN', kernel('isnan')],
  ['isFinite', kernel('isfinite')],
]);

/** Bare global names: the two number constants and the two number tests. */
export const GLOBAL_CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['Infinity', Number.POSITIVE_INFINITY],
  ['NaN', Number.NaN],
]);
export const GLOBAL_FUNCTIONS = NUMBER_FUNCTIONS;

/** The namespaces whose members a function may use, with their tables. */
export const NAMESPACES: ReadonlyMap<
  string,
  { readonly constants: ReadonlyMap<string, number>; readonly functions: ReadonlyMap<string, GlobalFunction> }
> = new Map([
  ['Math', { constants: MATH_CONSTANTS, functions: MATH_FUNCTIONS }],
  ['Number', { constants: NUMBER_CONSTANTS, functions: NUMBER_FUNCTIONS }],
]);
