/**
 * The spec rows of the kernels whose public function is written by hand
 * (reductions, stats, scans, linalg, histograms, sorting, random, and the
 * elementwise kernels that check more than the engine does), and the option
 * lists every kernel's options are checked against. The elementwise rows live
 * next to their JS twins (src/kernels/*.ts, MapRow); both feed the README
 * tables (scripts/gen_kernels.ts) and the Pool's `kernels.*`.
 */
import { checkOptions, checkSignal } from '../validate.js';

/** Options of every elementwise kernel. */
export const MAP_OPTIONS = ['out', 'signal'] as const;

const SIGNAL = ['signal'] as const;
const MATRIX = ['m', 'k', 'n', 'transA', 'transB', 'alpha', 'beta', 'out', 'signal'] as const;
const RANDOM = ['seed', 'offset', 'shared', 'signal'] as const;

/** A hand-written kernel's spec row. */
export interface KernelSpec {
  readonly name: string;
  readonly family: string;
  /** Positional parameters. */
  readonly params: readonly string[];
  /** What it resolves to. */
  readonly result: string;
  /** Every option key it takes. */
  readonly options: readonly string[];
  /** One doc line. */
  readonly doc: string;
  /** numpy's (or Python's) equivalent. */
  readonly numpy: string;
}

const spec = (
  family: string,
  name: string,
  params: readonly string[],
  result: string,
  options: readonly string[],
  doc: string,
  numpy: string,
): KernelSpec => ({ name, family, params, result, options, doc, numpy });

const reduction = (name: string, doc: string, numpy: string, result = 'number', options: readonly string[] = SIGNAL): KernelSpec =>
  spec('reduction', name, ['a'], result, options, doc, numpy);

/** The hand-written kernels, family by family (the plain reductions are rows in src/kernels/registry.ts). */
export const HAND_WRITTEN: readonly KernelSpec[] = [
  // A shape (m, k or n) makes dot a matrix product, so it takes matmul's options.
  spec(
    'reduction',
    'dot',
    ['a', 'b'],
    'number (a matrix with a shape)',
    MATRIX,
    'Inner product of two arrays of one dtype and length (a matrix product when the options give a shape).',
    '`numpy.dot(a, b)`',
  ),
  reduction('norm', 'Vector norm (ord 2, 1 or Infinity).', '`numpy.linalg.norm(a, ord)`', 'number', ['ord', 'signal']),
  reduction(
    'variance',
    'Variance, sum((x - mean)^2) / (n - ddof), in float64 (also exported as `var`).',
    '`numpy.var(a, ddof=ddof)`',
    'number',
    ['ddof', 'signal'],
  ),
  reduction('std', 'Standard deviation: the square root of variance.', '`numpy.std(a, ddof=ddof)`', 'number', ['ddof', 'signal']),
  spec(
    'scan',
    'cumsum',
    ['x'],
    'Float64Array (Float32Array for float32 x)',
    MAP_OPTIONS,
    'Cumulative sum, as a parallel blocked scan.',
    '`numpy.cumsum(x, dtype=numpy.float64)`',
  ),
  spec(
    'scan',
    'cumprod',
    ['x'],
    'Float64Array (Float32Array for float32 x)',
    MAP_OPTIONS,
    'Cumulative product, as a parallel blocked scan.',
    '`numpy.cumprod(x, dtype=numpy.float64)`',
  ),
  spec(
    'binary_math',
    'pow',
    ['x', 'y'],
    'the promoted dtype',
    MAP_OPTIONS,
    'Elementwise x raised to the power y; integer powers wrap modulo 2^bits.',
    '`numpy.power(x, y)`',
  ),
  // axpy names `out` to explain why it is refused: the result goes into y.
  spec(
    'fused',
    'axpy',
    ['a', 'x', 'y'],
    'y, updated in place',
    MAP_OPTIONS,
    'y ← a·x + y in place (BLAS axpy), with two roundings.',
    '`y += a * x`',
  ),
  spec(
    'fused',
    'clip',
    ['x', 'lo', 'hi'],
    'the promoted dtype',
    MAP_OPTIONS,
    'Elementwise x limited to [lo, hi], NaN-propagating.',
    '`numpy.clip(x, lo, hi)`',
  ),
  spec(
    'cast',
    'astype',
    ['a', 'dtype'],
    'the target dtype',
    MAP_OPTIONS,
    'A copy converted as a TypedArray store converts.',
    '`a.astype(dtype)`',
  ),
  spec(
    'linalg',
    'matmul',
    ['a', 'b'],
    'Float64Array or Float32Array',
    MATRIX,
    'Matrix product C = alpha·op(A)·op(B) + beta·C (BLAS gemm).',
    '`a.reshape(m, k) @ b.reshape(k, n)`',
  ),
  spec(
    'linalg',
    'matrixDot',
    ['a', 'b'],
    'Float64Array or Float32Array',
    MATRIX,
    'The matrix form of dot.',
    '`numpy.dot(a.reshape(m, k), b.reshape(k, n))`',
  ),
  spec(
    'linalg',
    'matvec',
    ['a', 'x'],
    'Float64Array or Float32Array',
    ['m', 'n', 'trans', 'alpha', 'beta', 'out', 'signal'],
    'Matrix-vector product y = alpha·op(A)·x + beta·y (BLAS gemv).',
    '`a.reshape(m, n) @ x`',
  ),
  spec(
    'linalg',
    'transpose',
    ['a'],
    'the dtype of a',
    ['rows', 'cols', 'out', 'signal'],
    'Transpose of a rows × cols matrix, in cache tiles.',
    '`a.reshape(rows, cols).T`',
  ),
  spec(
    'linalg',
    'outer',
    ['x', 'y'],
    'Float64Array or Float32Array',
    MAP_OPTIONS,
    'Outer product out[i·n + j] = x[i]·y[j].',
    '`numpy.outer(x, y)`',
  ),
  spec(
    'histogram',
    'histogram',
    ['a'],
    '{ counts, edges }',
    ['bins', 'range', 'weights', 'signal'],
    "Histogram with numpy's edge rules.",
    '`numpy.histogram(a, bins, range, weights=weights)`',
  ),
  spec(
    'histogram',
    'bincount',
    ['x'],
    'Float64Array',
    ['weights', 'minlength', 'signal'],
    'Occurrences (or summed weights) of each non-negative integer.',
    '`numpy.bincount(x, weights, minlength)`',
  ),
  spec(
    'sort',
    'sort',
    ['a'],
    'a, or options.out',
    ['descending', 'out', 'signal'],
    'Sorts stably, in place or into `options.out`.',
    "`numpy.sort(a, kind='stable')`",
  ),
  spec(
    'sort',
    'argsort',
    ['a'],
    'Int32Array or Float64Array of indices',
    ['descending', 'signal'],
    'The stable sorting permutation.',
    "`numpy.argsort(a, kind='stable')`",
  ),
  spec(
    'sort',
    'partition',
    ['a', 'k'],
    '{ values, indices }',
    SIGNAL,
    'Stable three-way partition around the element of rank k.',
    '`numpy.partition(a, k)`',
  ),
  spec(
    'sort',
    'topk',
    ['a', 'k'],
    '{ values, indices }',
    ['largest', 'signal'],
    'The k largest (or smallest) elements, best first.',
    "`a[numpy.argsort(-a, kind='stable')[:k]]`",
  ),
  spec(
    'sort',
    'searchsorted',
    ['sorted', 'values'],
    'indices (a number for a number)',
    ['side', 'signal'],
    'Insertion points of values into ascending `sorted`.',
    '`numpy.searchsorted(sorted, values, side)`',
  ),
  spec(
    'sort',
    'unique',
    ['a'],
    'the sorted unique values (with counts on request)',
    ['counts', 'signal'],
    'The sorted unique values.',
    '`numpy.unique(a)`',
  ),
  spec(
    'random',
    'random.uniform',
    ['nOrOut'],
    'Float64Array or Float32Array',
    ['low', 'high', 'dtype', ...RANDOM],
    'Uniform floats in [low, high), counter-based (Philox).',
    '`numpy.random.default_rng(seed).uniform(low, high, n)`',
  ),
  spec(
    'random',
    'random.normal',
    ['nOrOut'],
    'Float64Array or Float32Array',
    ['mean', 'std', 'dtype', ...RANDOM],
    'Normal floats mean + std·z (Box–Muller), counter-based.',
    '`numpy.random.default_rng(seed).normal(mean, std, n)`',
  ),
  spec(
    'random',
    'random.integers',
    ['nOrOut'],
    'an integer TypedArray',
    ['low', 'high', 'endpoint', 'dtype', ...RANDOM],
    'Uniform integers in [low, high), unbiased.',
    '`numpy.random.default_rng(seed).integers(low, high, n)`',
  ),
];

const BY_NAME: ReadonlyMap<string, KernelSpec> = new Map(HAND_WRITTEN.map((s) => [s.name, s]));

/** Options of the reductions generated from their spec rows (src/kernels/registry.ts). */
export const REDUCE_OPTIONS = SIGNAL;

/** The checked options of a kernel and their signal. */
export interface KernelOptions {
  readonly opts: Record<string, unknown>;
  readonly signal: AbortSignal | undefined;
}

/**
 * Checks the options of kernel `owner` against its row (or `allowed`; a
 * generated reduction takes REDUCE_OPTIONS), and reads `signal`.
 * @throws TypeError ERR_INVALID_ARG_TYPE (not an object), ERR_INVALID_OPTION
 *   (an unknown key, or a signal that is not an AbortSignal).
 */
export function kernelOptions(
  options: unknown,
  owner: string,
  allowed: readonly string[] = BY_NAME.get(owner)?.options ?? REDUCE_OPTIONS,
): KernelOptions {
  const opts = checkOptions(options, owner, allowed);
  return { opts, signal: checkSignal(opts) };
}
