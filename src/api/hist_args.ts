/**
 * Argument handling of histogram and bincount, and numpy's edge rules:
 * outer edges from options.range or from the data's min and max, widened by
 * 0.5 each way when equal; inner edges as numpy.linspace computes them.
 */
import { isShared, type NumericArray } from '../dtypes.js';
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import { HistMode, type HistSpec } from '../kernels/histogram.js';
import { checkAllocation, checkArray } from '../validate.js';
import { NDArray } from '../nd/ndarray.js';
import { elementsOf } from '../nd/operand.js';
import { formatShape } from '../nd/shape.js';
import { kernelOptions } from './kernel_specs.js';

/** Largest number of bins (and of bincount slots). */
export const MAX_BINS = 2 ** 31 - 1;

/** Options of histogram. */
export interface HistogramOptions {
  /** Number of equal-width bins (default 10), or an array of at least 2 increasing edges. */
  bins?: number | ArrayLike<number> | undefined;
  /** [lo, hi]: the outer edges of equal-width bins; values outside are ignored. Default: [min, max] of a. */
  range?: readonly [number, number] | undefined;
  /** A weight per element of a (any dtype): bins sum weights instead of counting. */
  weights?: NumericArray | NDArray | undefined;
  /** Cancels the call between blocks; it then rejects with an AbortError (code ABORT_ERR). */
  signal?: AbortSignal | undefined;
}

/** Options of bincount. */
export interface BincountOptions {
  /** A weight per element of x (any dtype): slots sum weights instead of counting. */
  weights?: NumericArray | NDArray | undefined;
  /** The least length of the result (default 0). */
  minlength?: number | undefined;
  signal?: AbortSignal | undefined;
}

export interface HistogramPlan {
  a: NumericArray;
  weights: NumericArray | undefined;
  /** Explicit edges, or undefined for `bins` equal-width bins. */
  edges: Float64Array | undefined;
  bins: number;
  range: [number, number] | undefined;
  signal: AbortSignal | undefined;
}

const invalid = (message: string): CorepoolRangeError => new CorepoolRangeError(ErrorCode.INVALID_OPTION, message);

/**
 * An input that may be an NDArray, flattened in C order as numpy's histogram
 * and bincount do (a subarray when contiguous, else a copy).
 */
function flatInput(value: unknown, name: string): NumericArray {
  if (value instanceof NDArray) return elementsOf(value);
  checkArray(value, name);
  return value as NumericArray;
}

function weightsOption(value: unknown, a: NumericArray, arg: string, shape?: readonly number[]): NumericArray | undefined {
  if (value === undefined) return undefined;
  if (value instanceof NDArray && shape !== undefined && (value.ndim !== shape.length || value.shape.some((d, i) => d !== shape[i]))) {
    throw new CorepoolRangeError(
      ErrorCode.SHAPE_MISMATCH,
      `options.weights must have the shape of ${arg} (${formatShape(shape)}); got ${formatShape(value.shape)}`,
    );
  }
  const w = flatInput(value, 'options.weights');
  if (w.length !== a.length) {
    throw new CorepoolRangeError(
      ErrorCode.LENGTH_MISMATCH,
      `options.weights must have the length of ${arg} (${a.length}); got ${w.length}`,
    );
  }
  return w;
}

function edgesOption(value: ArrayLike<unknown>): Float64Array {
  // An array-like can claim any length; check it before allocating for it.
  checkAllocation(value.length, 8, 'options.bins (edges)');
  const edges = new Float64Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const e = value[i];
    if (typeof e !== 'number' || e !== e || (i > 0 && e < edges[i - 1]!)) {
      throw invalid('options.bins must be an array of at least 2 edges that increase monotonically');
    }
    edges[i] = e;
  }
  if (edges.length < 2) throw invalid('options.bins must be an array of at least 2 edges that increase monotonically');
  return edges;
}

function rangeOption(value: unknown): [number, number] | undefined {
  if (value === undefined) return undefined;
  const pair = value as ArrayLike<unknown>;
  if (value === null || typeof value !== 'object' || pair.length !== 2 || typeof pair[0] !== 'number' || typeof pair[1] !== 'number') {
    throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, 'options.range must be an array of two numbers [lo, hi]');
  }
  const [lo, hi] = [pair[0], pair[1]];
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw invalid(`options.range must be finite; got [${lo}, ${hi}]`);
  if (lo > hi) throw invalid(`options.range must have lo <= hi; got [${lo}, ${hi}]`);
  return [lo, hi];
}

/** Validates histogram(a, options). */
export function planHistogram(a: unknown, options: unknown): HistogramPlan {
  const array = flatInput(a, 'a');
  const { opts, signal } = kernelOptions(options, 'histogram');
  const weights = weightsOption(opts.weights, array, 'a', a instanceof NDArray ? a.shape : undefined);
  const { bins = 10 } = opts;
  let edges: Float64Array | undefined;
  let count: number;
  if (typeof bins === 'number') {
    if (!Number.isInteger(bins) || bins < 1 || bins > MAX_BINS)
      throw invalid(`options.bins must be an integer from 1 to ${MAX_BINS} or an array of edges; got ${bins}`);
    count = bins;
  } else if (bins !== null && typeof bins === 'object' && typeof (bins as ArrayLike<number>).length === 'number') {
    edges = edgesOption(bins as ArrayLike<unknown>);
    count = edges.length - 1;
  } else {
    throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, `options.bins must be a number or an array of edges; got ${typeof bins}`);
  }
  // numpy reads range only to place equal-width bins; with explicit edges it is ignored.
  const range = edges === undefined ? rangeOption(opts.range) : undefined;
  return { a: array, weights, edges, bins: count, range, signal };
}

/** numpy's _get_outer_edges: [lo, hi], widened by 0.5 each way when equal. */
export function outerEdges(range: [number, number]): [number, number] {
  const [lo, hi] = range;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw new CorepoolRangeError(
      ErrorCode.OUT_OF_RANGE,
      `a must hold only finite values when options.range is omitted; its range is [${lo}, ${hi}]`,
    );
  }
  return lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
}

/** numpy.linspace(lo, hi, bins + 1): i * step + lo, the last edge exactly hi. */
export function uniformEdges(lo: number, hi: number, bins: number): Float64Array {
  // The edges and the counts: both are allocated before any element is read.
  checkAllocation(2 * bins + 1, 8, 'options.bins (edges and counts)');
  const edges = new Float64Array(bins + 1);
  const delta = hi - lo;
  const step = delta / bins;
  for (let i = 0; i < bins; i++) edges[i] = step === 0 ? (i / bins) * delta + lo : i * step + lo;
  edges[bins] = hi;
  return edges;
}

/** The counting spec for final edges. */
export function histogramSpec(plan: HistogramPlan, edges: Float64Array): HistSpec {
  const mode = plan.edges === undefined ? HistMode.UNIFORM : HistMode.EDGES;
  return { mode, a: plan.a, weights: plan.weights, edges, bins: edges.length - 1 };
}

/** Zeros for the result, SharedArrayBuffer-backed when the input is. */
export function zeros(length: number, like: NumericArray): Float64Array {
  checkAllocation(length, 8, 'the histogram (bins, minlength or the largest value of x)');
  return isShared(like) ? new Float64Array(new SharedArrayBuffer(length * 8)) : new Float64Array(length);
}

export interface BincountPlan {
  x: NumericArray;
  weights: NumericArray | undefined;
  minlength: number;
  signal: AbortSignal | undefined;
}

/** Validates bincount(x, options). */
export function planBincount(x: unknown, options: unknown): BincountPlan {
  const array = flatInput(x, 'x');
  const { opts, signal } = kernelOptions(options, 'bincount');
  const weights = weightsOption(opts.weights, array, 'x', x instanceof NDArray ? x.shape : undefined);
  const { minlength = 0 } = opts;
  if (typeof minlength !== 'number')
    throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, `options.minlength must be a number; got ${typeof minlength}`);
  if (!Number.isInteger(minlength) || minlength < 0 || minlength > MAX_BINS) {
    throw invalid(`options.minlength must be an integer from 0 to ${MAX_BINS}; got ${minlength}`);
  }
  return { x: array, weights, minlength, signal };
}

/** The bincount spec once binmax gave the largest value (-1 when empty, NaN when invalid). */
export function bincountSpec(plan: BincountPlan, largest: number): HistSpec {
  if (Number.isNaN(largest)) {
    throw new CorepoolRangeError(
      ErrorCode.OUT_OF_RANGE,
      'x must hold only non-negative integers (no NaN, Infinity, fractions or negative values)',
    );
  }
  if (largest >= MAX_BINS) throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `x must hold values below ${MAX_BINS}; got ${largest}`);
  const bins = Math.max(largest + 1, plan.minlength);
  return { mode: HistMode.BINCOUNT, a: plan.x, weights: plan.weights, edges: undefined, bins };
}
