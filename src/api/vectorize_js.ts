/**
 * `vectorize(fn, { fallback: 'js' })` for a function the translator refused:
 * the function itself, element by element, over index blocks on a Pool's
 * workers (`parallelFor`). Its own JS semantics apply (JS `%`, Math.round,
 * truthiness), whatever the expression engine would do.
 *
 * Workers rebuild shipped functions from source, so the block function is
 * composed as text around the user's source: it is self-contained when the
 * user's function is (checked here, before anything runs).
 */
import { parse } from 'acorn';
import { abortError } from '../abort.js';
import { threadCount } from '../config.js';
import { CONSTRUCTOR_BY_DTYPE, isShared, type NumericArray } from '../dtypes.js';
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import { sourceShape } from '../pool/fn_check.js';
import { Pool } from '../pool/pool.js';
import { checkArray, checkOverlap, describeValue, dtypeOf, throwIfDetached } from '../validate.js';

/** A call's checked operands: arrays of one length `n` and numbers. */
export interface JsOperands {
  readonly values: ReadonlyArray<NumericArray | number>;
  /** The common length, or -1 when every operand is a number. */
  readonly n: number;
}

/** The function's source in the form a worker rebuilds, or the error saying why it cannot run there. */
export interface JsPlan {
  readonly fn: (...args: number[]) => unknown;
  /** One name per operand: the declared parameters (`arg<i>` where one is not a plain name). */
  readonly params: readonly string[];
  readonly source: string;
  readonly method: boolean;
  /** Worker block functions by operand pattern ('a' array, 's' number per parameter), made once each. */
  readonly blocks: Map<string, Block>;
  /** The calling thread's loops by operand pattern. */
  readonly loops: Map<string, Loop>;
}

/**
 * Below this many elements the calling thread runs the loop itself: a
 * parallelFor round trip costs about 0.2 ms (bench/vectorize_js_inline.mjs),
 * which a `Math.sin(x) * Math.exp(-x * x)` body takes about 4000 elements to
 * spend. Cheaper bodies break even later; this is a floor, measured on a
 * busy 2-core machine, not a tuned optimum.
 */
export const JS_INLINE_ELEMENTS = 4096;

/** Idle workers of the default pool exit after this long (they never keep the process alive meanwhile). */
const IDLE_MS = 10_000;

let defaultPool: Pool | undefined;

/** The module's Pool, started on first use. Its idle workers are unref'd, so it never holds the process open. */
function pool(): Pool {
  if (defaultPool === undefined || defaultPool.state !== 'running') {
    defaultPool = new Pool({ processes: threadCount(), idleTimeout: IDLE_MS });
  }
  return defaultPool;
}

/**
 * The plan for running `fn` as JS, or throws when it cannot run on workers.
 * @param reason - the translator's error: the answer for what JS cannot run either (classes, async, native).
 * @throws `reason`; TypeError ERR_FN_NOT_SELF_CONTAINED (with `reason` as cause) for a function that uses outside variables.
 */
export function jsPlan(fn: (...args: number[]) => unknown, reason: Error): JsPlan {
  const tag = Object.prototype.toString.call(fn);
  const source = Function.prototype.toString.call(fn);
  if (tag !== '[object Function]' || /^class\b/.test(source)) throw reason;
  const shape = sourceShape(fn);
  if (shape instanceof Error) {
    if (/\[native code\]/.test(source)) throw reason;
    throw Object.assign(new CorepoolTypeError(shape.code, `vectorize: ${shape.message}`, { cause: reason }), {
      freeVariables: (shape as { freeVariables?: string[] }).freeVariables ?? [],
    });
  }
  const params = declaredParams(shape.source, shape.method);
  const names = params ?? Array.from({ length: fn.length }, (_, i) => `arg${i}`);
  // The operand count must be fixed: a function of no declared parameters (or only a rest one) has none.
  if (names.length === 0) throw reason;
  return { fn, params: names, source: shape.source, method: shape.method, blocks: new Map(), loops: new Map() };
}

/** The parameters before any rest parameter, named where they are plain (or defaulted) names. */
function declaredParams(source: string, method: boolean): string[] | undefined {
  try {
    const program = parse(method ? `({ ${source}\n})` : `(${source}\n)`, { ecmaVersion: 'latest', sourceType: 'script' });
    const statement = program.body[0];
    let fn = statement?.type === 'ExpressionStatement' ? statement.expression : undefined;
    // A method's function is the value of the object literal's one property.
    if (fn?.type === 'ObjectExpression' && fn.properties[0]?.type === 'Property') fn = fn.properties[0].value as typeof fn;
    if (fn?.type !== 'ArrowFunctionExpression' && fn?.type !== 'FunctionExpression') return undefined;
    const names: string[] = [];
    for (const param of fn.params) {
      if (param.type === 'RestElement') break;
      const id = param.type === 'AssignmentPattern' ? param.left : param;
      names.push(id.type === 'Identifier' ? id.name : `arg${names.length}`);
    }
    return names;
  } catch {
    return undefined;
  }
}

/**
 * Checks the operands: numbers, or supported TypedArrays of one length.
 * @throws TypeError ERR_INVALID_ARG_TYPE (naming the parameter), RangeError ERR_LENGTH_MISMATCH.
 */
export function jsOperands(params: readonly string[], args: readonly unknown[]): JsOperands {
  let n = -1;
  let first = '';
  args.forEach((value, i) => {
    const name = params[i]!;
    if (typeof value === 'number') return;
    if (dtypeOf(value) === undefined) {
      throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `${name} must be a number or a TypedArray; got ${describeValue(value)}`);
    }
    checkArray(value, name);
    const length = (value as NumericArray).length;
    if (n === -1) [n, first] = [length, name];
    else if (length !== n) {
      throw new CorepoolRangeError(ErrorCode.LENGTH_MISMATCH, `${name} must have the same length as ${first} (${n}); got ${length}`);
    }
  });
  return { values: args as Array<NumericArray | number>, n };
}

/** Checks `out` against the operands: a TypedArray of length n that overlaps no input (or is one). */
export function jsOut(out: unknown, operands: JsOperands, params: readonly string[]): NumericArray | undefined {
  if (out === undefined) return undefined;
  checkArray(out, 'options.out');
  const view = out as NumericArray;
  const n = Math.max(operands.n, 1);
  if (view.length !== n) {
    throw new CorepoolRangeError(ErrorCode.LENGTH_MISMATCH, `options.out must have the length of the inputs (${n}); got ${view.length}`);
  }
  operands.values.forEach((v, i) => {
    if (typeof v !== 'number') checkOverlap(view, v, params[i]!);
  });
  return view;
}

/** Runs the plan on the calling thread: the `.sync` form, and inputs too small to be worth a worker. */
export function runJsHere(plan: JsPlan, operands: JsOperands, out: NumericArray | undefined): NumericArray | number {
  const { values, n } = operands;
  if (n === -1) return store(out, Number(plan.fn(...(values as number[]))));
  const result = out ?? new Float64Array(n);
  hereLoop(plan, patternOf(values))(plan.fn, 0, n, { out: result, args: values });
  return result;
}

/** A scalar result: the number, or stored as out[0]. */
function store(out: NumericArray | undefined, value: number): NumericArray | number {
  if (out === undefined) return value;
  out[0] = value;
  return out;
}

/** Runs the plan over blocks on the default pool's workers. */
export async function runJsPool(
  plan: JsPlan,
  operands: JsOperands,
  out: NumericArray | undefined,
  signal: AbortSignal | undefined,
): Promise<NumericArray | number> {
  if (signal?.aborted) throw abortError(signal);
  const { values, n } = operands;
  if (n < JS_INLINE_ELEMENTS) return runJsHere(plan, operands, out);
  // Workers read and write the same memory only through SharedArrayBuffers.
  const args = values.map((v) => (typeof v === 'number' || isShared(v) ? v : sharedCopy(v)));
  const direct = out instanceof Float64Array && isShared(out) ? out : undefined;
  const result = direct ?? new Float64Array(new SharedArrayBuffer(n * Float64Array.BYTES_PER_ELEMENT));
  const p = pool();
  await p.parallelFor(n, blockFn(plan, patternOf(values)), { shared: { out: result, args }, blocks: p.processes, signal });
  if (direct !== undefined) return direct;
  if (out !== undefined) {
    // The caller's own (unshared) out may have been transferred away while the workers ran.
    throwIfDetached([out]);
    out.set(result);
    return out;
  }
  const allShared = values.every((v) => typeof v === 'number' || isShared(v));
  return allShared ? result : new Float64Array(result);
}

function sharedCopy(v: NumericArray): NumericArray {
  const Ctor = CONSTRUCTOR_BY_DTYPE.get(dtypeOf(v)!)!;
  const copy = new Ctor(new SharedArrayBuffer(v.length * Ctor.BYTES_PER_ELEMENT));
  copy.set(v as never);
  return copy;
}

type Block = (start: number, end: number, shared: unknown) => void;
type Loop = (fn: JsPlan['fn'], start: number, end: number, shared: unknown) => void;

/** The operand pattern of a call: 'a' for an array, 's' for a number, per parameter. */
function patternOf(values: ReadonlyArray<NumericArray | number>): string {
  return values.map((v) => (typeof v === 'number' ? 's' : 'a')).join('');
}

/**
 * The loop over [__cpStart, __cpEnd) calling __cpF with one element of each
 * array operand (or the number): generated per pattern so the call has a
 * fixed arity and V8 can inline it, where a spread of a row array cannot.
 * Its locals have names a self-contained user function cannot read (it may
 * use only its own names and the globals), so wrapping its source changes
 * nothing it sees.
 */
function loopText(pattern: string): string {
  const reads = [...pattern].map((kind, j) => (kind === 'a' ? `__cpA${j}[__cpI]` : `__cpA${j}`)).join(', ');
  return [
    'const __cpOut = __cpShared.out;',
    ...[...pattern].map((_, j) => `const __cpA${j} = __cpShared.args[${j}];`),
    `for (let __cpI = __cpStart; __cpI < __cpEnd; __cpI++) __cpOut[__cpI] = __cpF(${reads});`,
  ].join('\n');
}

/** The calling thread's loop for this pattern: the user's function is passed in, not compiled. */
function hereLoop(plan: JsPlan, pattern: string): Loop {
  let loop = plan.loops.get(pattern);
  if (loop === undefined) {
    loop = new Function('__cpF', '__cpStart', '__cpEnd', '__cpShared', loopText(pattern)) as Loop;
    plan.loops.set(pattern, loop);
  }
  return loop;
}

/** The block function a worker rebuilds from source: the user's source, then the loop. */
function blockFn(plan: JsPlan, pattern: string): Block {
  let block = plan.blocks.get(pattern);
  if (block === undefined) {
    const fn = plan.method ? `(() => { const o = ({ ${plan.source}\n}); return o[Reflect.ownKeys(o)[0]]; })()` : `(${plan.source}\n)`;
    block = new Function('__cpStart', '__cpEnd', '__cpShared', `const __cpF = ${fn};\n${loopText(pattern)}`) as Block;
    plan.blocks.set(pattern, block);
  }
  return block;
}
