/** Spec rows of dot, norm, variance and std (their steps: src/api/reductions.ts and src/api/stats.ts). */
import { type Declaration, type KernelSpec, MATRIX, REDUCE_AXIS, SIGNAL, spec } from './spec.js';

const FLOAT = 'Float64Array | Float32Array';

const reduction = (
  name: string,
  doc: string,
  numpy: string,
  result = 'number',
  options: readonly string[] = SIGNAL,
  declaration?: Declaration,
): KernelSpec => spec('reduction', name, ['a'], result, options, doc, numpy, declaration);

const dot: Declaration = {
  signatures: [
    `(a: ${FLOAT}, b: ${FLOAT}, options: MatrixDotOptions): ${FLOAT}`,
    '(a: NumericArray, b: NumericArray, options?: ReduceOptions): number',
    `(a: NDArray, b: NDArray | ${FLOAT}, options?: MatmulNdOptions): NDArray | number`,
    `(a: NumericArray | NDArray, b: NumericArray | NDArray, options?: ReduceOptions | MatrixDotOptions | MatmulNdOptions): number | ${FLOAT} | NDArray`,
  ],
  steps: 'dotSteps(a, b, options)',
  // ReduceOptions: the generated files import it already.
  imports: { './reductions.js': ['dotSteps'], './linalg.js': ['type MatrixDotOptions', 'type MatmulNdOptions'] },
  details: [
    'Without a shape, the products are accumulated in float64 in the same fixed order as {@link sum}.',
    'With a shape (any of m, k, n in the options), a and b are row-major matrices and dot is the same as ' +
      '{@link matmul}(a, b, options), which it calls.',
    'With NDArrays it is numpy.dot for 1-D and 2-D operands: two 1-D arrays give their inner product (a number), ' +
      'a 2-D operand gives {@link matmul} of the two (an NDArray).',
  ],
  python: '`numpy.dot(a, b)` for 1-D arrays; `numpy.dot(a.reshape(m, k), b.reshape(k, n))` with a shape',
  tags: [
    '@param a - the first array; any dtype (Float64Array or Float32Array with a shape).',
    '@param b - the second array, the same dtype (and, without a shape, length) as a.',
    '@param options - `signal`; or a shape and the other options of {@link matmul}.',
    '@returns the inner product, 0 for empty arrays; with a shape, a new m x n array (or `options.out`).',
    '@throws (rejects) TypeError ERR_INVALID_DTYPE when the dtypes differ,',
    '  RangeError ERR_LENGTH_MISMATCH when the lengths differ, and as {@link sum};',
    '  with a shape, as {@link matmul}.',
  ],
};

const norm: Declaration = {
  signatures: [
    "(a: NumericArray, options?: Pick<NormOptions, 'ord' | 'signal'>): number",
    '(a: NDArray | NumericArray, options: AxisResult<NormOptions>): NDArray',
    '(a: NDArray | NumericArray, options?: NormOptions): NDArray | number',
    '(a: NDArray | NumericArray, options?: NormOptions): NDArray | number',
  ],
  steps: 'normSteps(a, options)',
  imports: { './reductions.js': ['normSteps', 'type NormOptions'], './reduce_args.js': ['type AxisResult'] },
  details: [
    '`ord` 2 (the default) is the Euclidean norm, the square root of the sum of squares; `ord` 1 sums |x| in the ' +
      'order of {@link sum}; `ord` Infinity is the largest |x| (NaN if any element is NaN). Every dtype is widened to float64.',
  ],
  tags: [
    '@param a - the array; may be SharedArrayBuffer-backed, at any byteOffset.',
    '@param options - `ord` (1, 2 or Infinity), `axis`, `keepdims`, `out` and `signal`.',
    '@returns the norm; 0 for an empty array with `ord` 1 or 2. Over `axis` (or for an NDArray with',
    '  `keepdims`), a float64 NDArray holding the norm of each line.',
    '@throws (rejects) RangeError ERR_INVALID_OPTION for another `ord`, RangeError',
    '  ERR_EMPTY_INPUT for an empty array with `ord` Infinity (numpy raises too),',
    '  and as {@link sum}.',
  ],
};

const variance: Declaration = {
  signatures: [
    "(a: NumericArray, options?: Pick<VarOptions, 'ddof' | 'signal'>): number",
    '(a: NDArray | NumericArray, options: AxisResult<VarOptions>): NDArray',
    '(a: NDArray | NumericArray, options?: VarOptions): NDArray | number',
    '(a: NDArray | NumericArray, options?: VarOptions): NDArray | number',
  ],
  steps: 'varianceSteps(a, options)',
  imports: { './stats.js': ['varianceSteps', 'type VarOptions'], './reduce_args.js': ['type AxisResult'] },
  details: [
    'Each block of 16384 takes a corrected two-pass sum of squared deviations around its own mean (the block is ' +
      "still in cache for the second pass), and blocks merge with Chan et al.'s pairwise update in the fixed tree " +
      'order: one pass over memory, accurate for data far from zero.',
  ],
  tags: [
    '@param a - the array; any dtype, read as float64.',
    '@param options - `ddof` (default 0, a non-negative number), `axis`, `keepdims`, `out` and `signal`.',
    '@returns the variance; NaN for an empty array, and, as numpy, NaN or',
    '  Infinity when n <= ddof (the divisor is max(n - ddof, 0)). Over `axis`, a float64',
    '  NDArray of the variance of each line.',
    '@throws (rejects) RangeError ERR_INVALID_OPTION for a bad `ddof`, and as {@link prod}.',
  ],
  alias: 'var',
};

const std: Declaration = {
  signatures: [
    "(a: NumericArray, options?: Pick<VarOptions, 'ddof' | 'signal'>): number",
    '(a: NDArray | NumericArray, options: AxisResult<VarOptions>): NDArray',
    '(a: NDArray | NumericArray, options?: VarOptions): NDArray | number',
    '(a: NDArray | NumericArray, options?: VarOptions): NDArray | number',
  ],
  steps: 'stdSteps(a, options)',
  imports: { './stats.js': ['stdSteps', 'type VarOptions'], './reduce_args.js': ['type AxisResult'] },
  tags: [
    '@param a - the array.',
    '@param options - `ddof`, `axis`, `keepdims`, `out` and `signal`, as for {@link variance}.',
    '@returns the standard deviation.',
    '@throws (rejects) as {@link variance}.',
  ],
};

export const REDUCTIONS_SPECS: readonly KernelSpec[] = [
  // A shape (m, k or n) makes dot a matrix product, so it takes matmul's options.
  spec(
    'reduction',
    'dot',
    ['a', 'b'],
    'number (a matrix with a shape)',
    MATRIX,
    'Inner product of two arrays of one dtype and length (a matrix product when the options give a shape).',
    '`numpy.dot(a, b)`',
    dot,
  ),
  reduction('norm', 'Vector norm (ord 2, 1 or Infinity).', '`numpy.linalg.norm(a, ord)`', 'number', ['ord', ...REDUCE_AXIS], norm),
  reduction(
    'variance',
    'Variance, sum((x - mean)^2) / (n - ddof), in float64 (also exported as `var`).',
    '`numpy.var(a, ddof=ddof)`',
    'number',
    ['ddof', ...REDUCE_AXIS],
    variance,
  ),
  reduction(
    'std',
    'Standard deviation: the square root of variance.',
    '`numpy.std(a, ddof=ddof)`',
    'number',
    ['ddof', ...REDUCE_AXIS],
    std,
  ),
];
