/**
 * A checked, compiled expression and the steps that run it (src/api/steps.ts
 * drives them without blocking, or blocking). The tree is fixed once; each
 * run checks its variables, picks the dtypes and layout, and encodes a
 * program, which is cached for the next run with the same kinds of
 * operands, so a compiled expression in a loop costs little more than one
 * kernel call.
 */
import type { Dtype, NumericArray } from '../dtypes.js';
import { dtypeOf } from '../validate.js';
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import { reduceId, reduceTwin } from '../kernels/registry.js';
import { allocate } from '../nd/alloc.js';
import { NDArray, resultView } from '../nd/ndarray.js';
import { shapeSize } from '../nd/shape.js';
import { call, drive, driveSync, type Steps } from '../api/steps.js';
import { reduceAnySteps } from '../api/run_reduce.js';
import { checkOutView, clashes } from '../api/map_nd.js';
import { kernelOptions } from '../api/kernel_specs.js';
import type { Node } from './ast.js';
import { encode } from './encode.js';
import type { Lowered } from './lower.js';
import { checkAxis, runPlan } from './run_cache.js';

/** What an expression gives: an array of its result (an NDArray when an operand is one), or a number for a reduction of every element. */
export type ExpressionResult = NumericArray | NDArray | number;

/** Options of a run: `out` (a view of the result's shape and dtype), `signal`, and `axis` for a reduction. */
export interface ExpressionOptions {
  /**
   * The axes a top-level reduction reduces (as `sum(x, axis=1)` inside the
   * string): an integer, negative from the end, or an array of them.
   */
  axis?: number | readonly number[];
  /** Where the result goes: an NDArray of the result's shape, or a TypedArray of its size, of the result dtype. */
  out?: NumericArray | NDArray;
  /** Cancels the run: the Promise rejects with an AbortError. */
  signal?: AbortSignal;
}

/** The variables of a run: arrays (TypedArrays or NDArrays, broadcast together) or numbers. */
export type ExpressionVariables = Readonly<Record<string, NumericArray | NDArray | number | boolean>>;

type ReductionCall = `${'sum' | 'prod' | 'min' | 'max' | 'mean'}(${string}`;
/** An array result: a TypedArray when every array variable is one, an NDArray when they are NDArrays. */
type ArrayResultOf<V> = [V[keyof V]] extends [NumericArray | number | boolean]
  ? NumericArray
  : [V[keyof V]] extends [NDArray | number | boolean]
    ? NDArray
    : NumericArray | NDArray;
/**
 * The result type of expression `E` over variables `V`, read from the text
 * when `E` is a literal: a reduction of every element is a number, one with
 * `axis=` an NDArray, anything else an array (see ArrayResultOf).
 */
export type ExpressionResultOf<E extends string, V> = string extends E
  ? ExpressionResult
  : E extends ReductionCall
    ? E extends `${string}axis=${string}`
      ? NDArray
      : number
    : ArrayResultOf<V>;

function checkVariables(vars: unknown, owner: string): Record<string, unknown> {
  if (typeof vars !== 'object' || vars === null || Array.isArray(vars) || ArrayBuffer.isView(vars) || vars instanceof NDArray) {
    throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `${owner}: variables must be an object of arrays and numbers`);
  }
  return vars as Record<string, unknown>;
}

/** The result array of a store-mode run: `out` checked, or a fresh C-contiguous one. */
function resultArray(lowered: Lowered, out: unknown): NDArray {
  const dtype = (lowered.value as { dtype: Dtype }).dtype;
  if (out !== undefined) return checkOutView(out, lowered.shape, dtype);
  return resultView(allocate(dtype, shapeSize(lowered.shape), lowered.shared), dtype, lowered.shape, lowered.shared);
}

/** The options of a run. */
const EXPRESSION_OPTIONS = ['out', 'signal', 'axis'] as const;

/**
 * True when `out` is a TypedArray of the result's dtype and length that no
 * input overlaps except exactly in place: the common `{ out }` of a flat call
 * then skips the NDArray checks. Anything else goes the general way, which
 * also reports what is wrong.
 */
function flatOut(out: unknown, lowered: Lowered, inputs: readonly NumericArray[]): boolean {
  if (out instanceof NDArray || dtypeOf(out) !== (lowered.value as { dtype: Dtype }).dtype) return false;
  const o = out as NumericArray;
  if (o.length !== shapeSize(lowered.shape)) return false;
  for (const x of inputs) {
    if (x.buffer !== o.buffer) continue;
    const apart = x.byteOffset + x.byteLength <= o.byteOffset || o.byteOffset + o.byteLength <= x.byteOffset;
    const inPlace = x.byteOffset === o.byteOffset && x.BYTES_PER_ELEMENT === o.BYTES_PER_ELEMENT && x.length === o.length;
    if (!apart && !inPlace) return false;
  }
  return true;
}

/** The steps of one run of `tree`. */
export function* expressionSteps(tree: Node, source: string, vars: unknown, options: unknown, owner: string): Steps<ExpressionResult> {
  const checked = checkVariables(vars, owner);
  const { opts, signal } = kernelOptions(options, owner, EXPRESSION_OPTIONS);
  const axis = checkAxis(opts.axis);
  const last = runPlan(tree, source, checked, opts.out, axis);
  const { lowered, program } = last.prepared;
  const inputs = last.inputs;
  const reduction = lowered.reduction;
  if (reduction !== undefined && reduction.axis === undefined) {
    if (opts.out !== undefined) {
      throw new CorepoolTypeError(
        ErrorCode.INVALID_OPTION,
        `options.out cannot hold ${reduction.name} of every element (a number); give axis= or leave out out`,
      );
    }
    if (shapeSize(lowered.shape) === 0 && reduceTwin(reduceId(reduction.name)).emptyIsError) {
      throw new CorepoolRangeError(ErrorCode.EMPTY_INPUT, `expression: ${reduction.name} of an empty array has no identity`);
    }
    const dot = dotOperands(lowered, checked);
    if (dot !== undefined) return yield* call(signal, 'reduce', reduceId('dot'), dot);
    return (yield* call(signal, 'expr', program, inputs)) as number;
  }
  const given = reduction === undefined ? opts.out : undefined;
  if (given === undefined && reduction === undefined && lowered.flat) {
    // The common small call: a fresh flat result needs no NDArray around it.
    const value = (lowered.value as { dtype: Dtype }).dtype;
    const data = allocate(value, shapeSize(lowered.shape), lowered.shared);
    yield* call(signal, 'expr', program, [data, ...inputs]);
    return data;
  }
  if (given !== undefined && reduction === undefined && lowered.flat && flatOut(given, lowered, inputs)) {
    yield* call(signal, 'expr', program, [given as NumericArray, ...inputs]);
    return given as NumericArray;
  }
  const out = resultArray(lowered, given);
  if (given !== undefined && lowered.names.some((name) => clashes(out, asView(checked[name])))) {
    // An input read through another layout than out's is copied first, as numpy does; no cached program then.
    const separate = { ...lowered, bindings: lowered.names.map((name) => copyIfClash(out, asView(checked[name]))) };
    const encoded = encode(separate, out, -1);
    yield* call(signal, 'expr', encoded.program, encoded.arrays);
  } else {
    yield* call(signal, 'expr', program, [out.data, ...inputs]);
  }
  if (reduction !== undefined) {
    return yield* reduceAnySteps(reduction.name, out, { axis: reduction.axis, out: opts.out, signal }, owner);
  }
  if (given !== undefined) return given as NumericArray | NDArray;
  return out;
}

/**
 * `sum(a * b)` of two contiguous float64 arrays of the result's shape is
 * the dot kernel bit for bit (both round each product to float64, add in
 * the same lanes and blocks, and finish with + 0), and dot reads both in one
 * pass with no register in between. Length 1 differs (dot keeps the sign of
 * a lone -0 product), so it stays with the program.
 */
function dotOperands(lowered: Lowered, vars: Record<string, unknown>): NumericArray[] | undefined {
  const op = lowered.ops[0];
  if (lowered.reduction?.name !== 'sum' || lowered.ops.length !== 1 || op?.kernel !== 'mul' || op.dtype !== 'float64') return undefined;
  const size = shapeSize(lowered.shape);
  const value = lowered.value;
  if (size < 2 || value.kind !== 'array' || value.source.type !== 'op') return undefined;
  const arrays: NumericArray[] = [];
  for (const arg of op.args) {
    if (arg.kind !== 'array' || arg.source.type !== 'binding' || arg.dtype !== 'float64') return undefined;
    const view = asView(vars[lowered.names[arg.source.index]!]);
    if (!view.isContiguous || view.size !== size) return undefined;
    arrays.push(view.data.subarray(view.offset, view.offset + size));
  }
  return arrays;
}

const asView = (v: unknown): NDArray => (v instanceof NDArray ? v : new NDArray(v as NumericArray));
const copyIfClash = (out: NDArray, view: NDArray): NDArray => (clashes(out, view) ? view.copy() : view);

/**
 * An expression parsed and checked once, to run many times with new
 * variables. Made by {@link compile} (and by `vectorize`).
 */
export class CompiledExpression<E extends string = string> {
  /** The expression as given (or the vectorized function's source). */
  readonly source: E;
  readonly #tree: Node;

  /** @internal */
  constructor(tree: Node, source: E) {
    this.#tree = tree;
    this.source = source;
  }

  /**
   * Runs the expression without blocking the event loop.
   * @param vars - the variables: arrays (TypedArrays or NDArrays, broadcast together) or numbers.
   * @param options - `out`, `signal`, and `axis` for a reduction of the whole expression.
   * @returns the result array (an NDArray when an operand is one, else a TypedArray), or a number for a reduction of every
   *   element (an NDArray with an axis).
   * @throws (rejects) TypeError ERR_EXPRESSION_NAME / ERR_EXPRESSION_ARITY / ERR_EXPRESSION_TYPE / ERR_INVALID_ARG_TYPE /
   *   ERR_INVALID_OPTION, RangeError ERR_SHAPE_MISMATCH, AbortError ABORT_ERR.
   */
  run<V extends ExpressionVariables>(vars: V, options: ExpressionOptions & { axis: number | readonly number[] }): Promise<NDArray>;
  run<V extends ExpressionVariables>(vars: V, options?: ExpressionOptions): Promise<ExpressionResultOf<E, V>>;
  run(vars: ExpressionVariables, options?: ExpressionOptions): Promise<ExpressionResult> {
    return drive(expressionSteps(this.#tree, this.source, vars, options, 'run'));
  }

  /** {@link CompiledExpression.run}, blocking until done. */
  runSync<V extends ExpressionVariables>(vars: V, options: ExpressionOptions & { axis: number | readonly number[] }): NDArray;
  runSync<V extends ExpressionVariables>(vars: V, options?: ExpressionOptions): ExpressionResultOf<E, V>;
  runSync(vars: ExpressionVariables, options?: ExpressionOptions): ExpressionResult {
    return driveSync(expressionSteps(this.#tree, this.source, vars, options, 'runSync'));
  }
}

/** A compiled expression over an already-built tree (the expression parser's or vectorize's). */
export function compileTree<E extends string>(root: Node, source: E): CompiledExpression<E> {
  return new CompiledExpression(root, source);
}
