/** Spec rows of the elementwise kernels that check more than the engine does: pow, axpy, clip and astype. */
import { type KernelSpec, MAP_OPTIONS, spec } from './spec.js';

export const ELEMENTWISE_SPECS: readonly KernelSpec[] = [
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
];
