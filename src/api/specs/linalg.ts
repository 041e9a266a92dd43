/** Spec rows of the linear algebra kernels (their steps: src/api/linalg.ts). */
import { type Declaration, type KernelSpec, MAP_OPTIONS, MATRIX, spec } from './spec.js';

const FLOAT = 'Float64Array | Float32Array';
const IMPORTS = './linalg.js';

/** The rejections every linalg kernel shares, as matmul words them. */
const MATMUL_THROWS = [
  '@throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE (not float, or mixed dtypes) /',
  '  ERR_DETACHED_BUFFER / ERR_INVALID_OPTION, RangeError ERR_OUT_OF_RANGE (a size that is not a',
  '  non-negative integer), ERR_LENGTH_MISMATCH (a, b or out of the wrong length), ERR_OVERLAP',
  '  (out overlapping a or b), ERR_INVALID_OPTION (beta != 0 without out), AbortError ABORT_ERR.',
];

const matmul: Declaration = {
  signatures: [
    `(a: ${FLOAT}, b: ${FLOAT}, options: MatmulOptions): ${FLOAT}`,
    `(a: NDArray, b: NDArray | ${FLOAT}, options?: MatmulNdOptions): NDArray`,
    `(a: ${FLOAT}, b: NDArray, options?: MatmulNdOptions): NDArray`,
    `(a: NDArray | ${FLOAT}, b: NDArray | ${FLOAT}, options?: MatmulOptions | MatmulNdOptions): NDArray | ${FLOAT}`,
  ],
  steps: 'matmulSteps(a, b, options)',
  imports: { [IMPORTS]: ['matmulSteps', 'type MatmulOptions', 'type MatmulNdOptions'] },
  details: [
    'With an NDArray operand (a TypedArray beside it is a 1-d array) it is numpy.matmul: 2-D x 2-D, stacks ' +
      '(..., m, k) x (..., k, n) whose batch dimensions broadcast, 1-D operands promoted (and the 1 dropped from ' +
      'the result); the result is a new C-contiguous NDArray or `options.out` (any view of its shape and dtype), and ' +
      'the options are only `out` and `signal`. Transposed views (m.T) are read in place; other strided matrices are ' +
      'copied to C order first. A core-dimension mismatch is a RangeError ERR_SHAPE_MISMATCH naming both shapes.',
    'op(A) is m x k (A is stored k x m when `transA`), op(B) is k x n (B stored n x k when `transB`); ' +
      'BLAS dgemm for Float64Array, sgemm for Float32Array. Sizes left out of the options are inferred from the ' +
      'lengths (give at least one; any may be 0). With beta 0 (the default) C is not read; with alpha 0 or k 0, C = beta * C.',
  ],
  python: '`alpha * (a.reshape(m, k) @ b.reshape(k, n)) + beta * c` (numpy.matmul)',
  tags: [
    '@param a - op(A) data, row-major; may be SharedArrayBuffer-backed, at any byteOffset.',
    '@param b - op(B) data, the same dtype as a.',
    '@param options - m, k, n, transA, transB, alpha, beta, `out` (C, m x n; required when beta != 0), signal.',
    '@returns `out`, or a new m x n array (SharedArrayBuffer-backed when a is).',
    ...MATMUL_THROWS,
  ],
};

const matvec: Declaration = {
  signatures: [
    `(a: ${FLOAT}, x: ${FLOAT}, options?: MatvecOptions): ${FLOAT}`,
    `(a: NDArray, x: NDArray | ${FLOAT}, options?: MatmulNdOptions): NDArray`,
    `(a: NDArray | ${FLOAT}, x: NDArray | ${FLOAT}, options?: MatvecOptions | MatmulNdOptions): NDArray | ${FLOAT}`,
  ],
  steps: 'matvecSteps(a, x, options)',
  imports: { [IMPORTS]: ['matvecSteps', 'type MatvecOptions', 'type MatmulNdOptions'] },
  details: [
    'With an NDArray operand it is numpy.matvec: (..., m, n) x (..., n) -> (..., m) with broadcast batch ' +
      'dimensions, through the batched matmul; the options are only `out` and `signal`.',
    'BLAS dgemv/sgemv. A is stored m x n; op(A) = A (x has n elements, y m) or A^T with `trans` ' +
      '(x has m, y n). m and n default from x.length and a.length.',
  ],
  python: '`alpha * (a.reshape(m, n) @ x) + beta * y` (`a.reshape(m, n).T @ x` with trans)',
  tags: [
    '@param a - A, row-major, Float64Array or Float32Array.',
    '@param x - the vector, the same dtype as a.',
    '@param options - m, n, trans, alpha, beta, `out` (y; required when beta != 0), signal.',
    '@returns `out`, or a new array (SharedArrayBuffer-backed when a is).',
    '@throws (rejects) as {@link matmul}.',
  ],
};

const transpose: Declaration = {
  signatures: [`(a: ${FLOAT}, options: TransposeOptions): ${FLOAT}`],
  steps: 'transposeSteps(a, options)',
  imports: { [IMPORTS]: ['transposeSteps', 'type TransposeOptions'] },
  details: [
    'A is rows x cols; the result is cols x rows. `out` may be `a` itself: the transpose is then in place ' +
      '(the shape changes to cols x rows; non-square matrices go through a temporary copy).',
  ],
  python: '`numpy.ascontiguousarray(a.reshape(rows, cols).T)`',
  tags: [
    '@param a - A, row-major, Float64Array or Float32Array.',
    '@param options - rows and/or cols (the other is inferred), `out`, signal.',
    '@returns `out`, or a new array (SharedArrayBuffer-backed when a is).',
    '@throws (rejects) as {@link matmul}; ERR_OVERLAP when out overlaps a without being a.',
  ],
};

const outer: Declaration = {
  signatures: [
    `(x: ${FLOAT}, y: ${FLOAT}, options?: OuterOptions): ${FLOAT}`,
    `(x: NDArray | ${FLOAT}, y: NDArray, options?: MatmulNdOptions): NDArray`,
    `(x: NDArray, y: NDArray | ${FLOAT}, options?: MatmulNdOptions): NDArray`,
    `(x: NDArray | ${FLOAT}, y: NDArray | ${FLOAT}, options?: OuterOptions | MatmulNdOptions): NDArray | ${FLOAT}`,
  ],
  steps: 'outerSteps(x, y, options)',
  imports: { [IMPORTS]: ['outerSteps', 'type OuterOptions', 'type MatmulNdOptions'] },
  details: [
    'One rounding per element. With an NDArray operand it is numpy.outer: both inputs are flattened (C order) ' +
      'and the result is an (x.size, y.size) NDArray, or `options.out` (any view of that shape).',
  ],
  tags: [
    '@param x - Float64Array or Float32Array.',
    '@param y - the same dtype as x.',
    '@param options - `out` (x.length x y.length) and signal.',
    '@returns `out`, or a new array (SharedArrayBuffer-backed when x is).',
    '@throws (rejects) as {@link matmul}.',
  ],
};

export const LINALG_SPECS: readonly KernelSpec[] = [
  spec(
    'linalg',
    'matmul',
    ['a', 'b'],
    'Float64Array or Float32Array',
    MATRIX,
    'Matrix product C = alpha·op(A)·op(B) + beta·C (BLAS gemm).',
    '`a.reshape(m, k) @ b.reshape(k, n)`',
    matmul,
  ),
  spec(
    'linalg',
    'matvec',
    ['a', 'x'],
    'Float64Array or Float32Array',
    ['m', 'n', 'trans', 'alpha', 'beta', 'out', 'signal'],
    'Matrix-vector product y = alpha·op(A)·x + beta·y (BLAS gemv).',
    '`a.reshape(m, n) @ x`',
    matvec,
  ),
  spec(
    'linalg',
    'transpose',
    ['a'],
    'the dtype of a',
    ['rows', 'cols', 'out', 'signal'],
    'Transpose of a rows × cols matrix, in cache tiles.',
    '`a.reshape(rows, cols).T`',
    transpose,
  ),
  spec(
    'linalg',
    'outer',
    ['x', 'y'],
    'Float64Array or Float32Array',
    MAP_OPTIONS,
    'Outer product out[i·n + j] = x[i]·y[j].',
    '`numpy.outer(x, y)`',
    outer,
  ),
];
