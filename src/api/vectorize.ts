/**
 * `vectorize(fn)`: a plain JS function over numbers, run over whole arrays.
 * The function's source is translated to an expression tree
 * (src/expr/vectorize.ts) and compiled once (src/expr/compiled.ts), so a
 * call is one fused multi-core pass with no JS per element. With
 * `{ fallback: 'js' }` a function outside the subset runs as JS on a Pool's
 * workers instead (src/api/vectorize_js.ts).
 */
import type { NumericArray } from '../dtypes.js';
import { CorepoolTypeError, ErrorCode } from '../errors.js';
import { type CompiledExpression, compileTree, type ExpressionOptions, type ExpressionVariables } from '../expr/compiled.js';
import { translateFunction } from '../expr/vectorize.js';
import type { NDArray } from '../nd/ndarray.js';
import { checkOptions, checkSignal, optionError } from '../validate.js';
import { type JsPlan, jsOperands, jsOut, jsPlan, runJsHere, runJsPool } from './vectorize_js.js';

/** Options of {@link vectorize}. */
export interface VectorizeOptions {
  /**
   * What to do with a function outside the translatable subset: 'error' (the
   * default) throws ERR_VECTORIZE_UNSUPPORTED; 'js' runs the function itself,
   * element by element, on a Pool's workers.
   */
  fallback?: 'error' | 'js' | undefined;
}

/** Options of one call of a vectorized function, passed after the operands. */
export interface VectorizeCallOptions {
  /** Where to write the result. */
  out?: NumericArray | NDArray | undefined;
  signal?: AbortSignal | undefined;
}

/** An operand of a vectorized function: an array, or a number broadcast to every element. */
export type VectorizeOperand = NumericArray | NDArray | number;

/** What {@link vectorize} returns: call it with one operand per parameter, then optionally the call's options. */
export interface Vectorized {
  /**
   * Runs over the operands, one per parameter in order.
   * @returns a Promise of the result (a number when every operand is a number); it rejects, never throws.
   */
  (...args: Array<VectorizeOperand | VectorizeCallOptions>): Promise<unknown>;
  /** The blocking form: the same work, on the calling thread's turn (the JS fallback runs on the calling thread). */
  sync(...args: Array<VectorizeOperand | VectorizeCallOptions>): unknown;
  /** The parameter names, in order: the operands' names. */
  readonly params: readonly string[];
  /** The function's source. */
  readonly source: string;
  /** 'expression' when translated and compiled; 'js' when the function runs as itself ({ fallback: 'js' }). */
  readonly engine: 'expression' | 'js';
  /** Why the function runs as JS (the translator's or compiler's error), else undefined. */
  readonly reason: Error | undefined;
}

const VECTORIZE_KEYS: ReadonlyArray<keyof VectorizeOptions> = ['fallback'];
const CALL_KEYS: ReadonlyArray<keyof VectorizeCallOptions> = ['out', 'signal'];
const OWNER = 'a vectorized function';

/**
 * Turns a JS function over numbers into one over arrays that runs natively
 * on every core: `const hyp = vectorize((x, y) => Math.sqrt(x * x + y * y)); await hyp(xs, ys)`.
 *
 * The function is translated, never run: plain parameters, `const`/`let`
 * locals (a `let` may be reassigned; `var` is refused), `return`, `if`/`else`
 * (early returns included), `+ - * / % **`, comparisons, `?:`, `&&`/`||`,
 * `!`, number and boolean literals, `Math.*` constants and functions (not
 * random, fround, imul, clz32, asinh, acosh, atanh), `Number.isNaN`/`isFinite`
 * and the `Number.*` constants. Anything else is refused with its position.
 * The compiled expression computes with the expression engine's rules, which
 * differ from JS in a few places: `%` and integer-dtype arithmetic follow the
 * engine (numpy's remainder and dtype rules); `===` compares as `==`, so a
 * boolean equals 1 or 0; `true`/`false` are 1 and 0; `Math.hypot` of 3+
 * arguments nests 2-argument hypot (it may differ in the last bits).
 * Conditions keep JS's truth (0 and NaN are false) and `Math.round` JS's
 * half-up rounding.
 *
 * With `{ fallback: 'js' }` a refused but self-contained function runs as
 * itself, element by element, over blocks on a Pool's workers: its own JS
 * semantics, TypedArray and number operands, a Float64Array result (shared
 * memory when every array operand is), and `.sync` loops on the calling thread.
 * Python equivalent: `numpy.vectorize(f)` (which loops in Python), or a numexpr / numba.vectorize expression.
 * @param fn - an arrow function or function expression of numbers, with plain parameters.
 * @param options - see {@link VectorizeOptions}.
 * @returns the vectorized function; see {@link Vectorized}.
 * @throws TypeError ERR_INVALID_ARG_TYPE when `fn` is not a function; ERR_INVALID_OPTION for a bad or unknown option;
 *   ERR_VECTORIZE_UNSUPPORTED naming the first construct outside the subset and its position
 *   (`vectorize: 'for' loops are not supported (line 2, column 3)`) unless `fallback` is 'js';
 *   with 'js', ERR_FN_NOT_SELF_CONTAINED for a function that uses outside variables.
 */
export function vectorize(fn: (...args: number[]) => unknown, options?: VectorizeOptions): Vectorized {
  const opts = checkOptions(options, 'vectorize', VECTORIZE_KEYS);
  const fallback = opts.fallback ?? 'error';
  if (fallback !== 'error' && fallback !== 'js') throw optionError('fallback', "'error' or 'js'", fallback);
  let compiled: CompiledExpression | undefined;
  let translated: ReturnType<typeof translateFunction>;
  try {
    translated = translateFunction(fn);
    compiled = compileTree(translated.root, translated.source);
  } catch (error) {
    if (fallback === 'error' || !isRefusal(error) || typeof fn !== 'function') throw error;
    return jsVectorized(jsPlan(fn, error as Error), error as Error);
  }
  return expressionVectorized(compiled, translated.params, translated.source);
}

/** The translator's or checker's coded refusal, which the JS fallback may stand in for. */
function isRefusal(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (error instanceof TypeError || error instanceof RangeError) && typeof code === 'string' && code !== ErrorCode.INVALID_ARG_TYPE;
}

interface Call {
  readonly args: readonly unknown[];
  readonly out: unknown;
  readonly signal: AbortSignal | undefined;
}

/** Splits a call's arguments into one operand per parameter and the optional trailing options. */
function callArgs(params: readonly string[], args: readonly unknown[]): Call {
  if (args.length === params.length) return { args, out: undefined, signal: undefined };
  const last = args[args.length - 1];
  // One operand too many is a miscount, not an options object with keys '0', '1', ….
  const operandLike = typeof last === 'number' || ArrayBuffer.isView(last) || Array.isArray(last);
  if (args.length !== params.length + 1 || operandLike) {
    const names = params.join(', ');
    const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
    throw new CorepoolTypeError(
      ErrorCode.INVALID_ARG_TYPE,
      `${OWNER} takes ${plural(params.length, 'operand')} (${names}) and optional options; got ${plural(args.length, 'argument')}`,
    );
  }
  const opts = checkOptions(last, OWNER, CALL_KEYS);
  return { args: args.slice(0, -1), out: opts.out, signal: checkSignal(opts) };
}

function expressionVectorized(compiled: CompiledExpression, params: readonly string[], source: string): Vectorized {
  const prepare = (args: readonly unknown[]) => {
    const call = callArgs(params, args);
    // Checked by the compiled expression's run, as any variables are.
    const vars = Object.fromEntries(params.map((name, i) => [name, call.args[i]])) as ExpressionVariables;
    const options =
      call.out === undefined && call.signal === undefined ? undefined : ({ out: call.out, signal: call.signal } as ExpressionOptions);
    return { vars, options };
  };
  const run = (...args: unknown[]): Promise<unknown> => {
    try {
      const { vars, options } = prepare(args);
      return compiled.run(vars, options);
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return finish(
    run,
    (...args) => {
      const { vars, options } = prepare(args);
      return compiled.runSync(vars, options);
    },
    { params, source, engine: 'expression', reason: undefined },
  );
}

function jsVectorized(plan: JsPlan, reason: Error): Vectorized {
  const { params } = plan;
  const prepare = (args: readonly unknown[]) => {
    const call = callArgs(params, args);
    const operands = jsOperands(params, call.args);
    return { operands, out: jsOut(call.out, operands, params), signal: call.signal };
  };
  const run = (...args: unknown[]): Promise<unknown> => {
    try {
      const { operands, out, signal } = prepare(args);
      return runJsPool(plan, operands, out, signal);
    } catch (error) {
      return Promise.reject(error);
    }
  };
  const sync = (...args: unknown[]): unknown => {
    const { operands, out } = prepare(args);
    return runJsHere(plan, operands, out);
  };
  return finish(run, sync, { params, source: plan.source, engine: 'js', reason });
}

function finish(
  run: (...args: unknown[]) => Promise<unknown>,
  sync: (...args: unknown[]) => unknown,
  fields: Pick<Vectorized, 'params' | 'source' | 'engine' | 'reason'>,
): Vectorized {
  return Object.freeze(Object.assign(run, { sync, ...fields, params: Object.freeze([...fields.params]) })) as unknown as Vectorized;
}
