/** Spec rows of the linear algebra kernels. */
import { type KernelSpec, MAP_OPTIONS, MATRIX, spec } from './spec.js';

export const LINALG_SPECS: readonly KernelSpec[] = [
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
];
