/**
 * Spec rows of the elementwise kernels that check more than the engine does:
 * pow, axpy, clip and astype (their steps: src/api/binary_math.ts,
 * fused.ts, cast.ts).
 */
import { type KernelSpec, MAP_OPTIONS, spec } from './spec.js';

// MapOptions, MapResult and Operand are not listed in `imports`: the generated files import them already.

export const ELEMENTWISE_SPECS: readonly KernelSpec[] = [
  spec(
    'binary_math',
    'pow',
    ['x', 'y'],
    'the promoted dtype',
    MAP_OPTIONS,
    'Elementwise x raised to the power y; integer powers wrap modulo 2^bits.',
    '`numpy.power(x, y)`',
    {
      signatures: [
        "<X extends Operand, Y extends Operand>(x: X, y: Y, options?: MapOptions): MapResult<'arith', [X, Y]>",
        '(x: NDOperand, y: NDOperand, options?: MapOptions): NDArray',
        '(x: NDOperand, y: NDOperand, options?: MapOptions): MapValue',
      ],
      steps: 'powSteps(x, y, options)',
      imports: { './binary_math.js': ['powSteps'] },
      details: [
        "Integer results stay integers and wrap modulo 2^bits, as numpy's do (int32 3^40 is 689956897); float " +
          'results follow C99 pow, so pow(1, NaN) and pow(−1, ±Infinity) are 1 (Math.pow gives NaN). float32 is ' +
          'evaluated in double and rounded once. An integer power with a signed integer exponent array first scans ' +
          'y for negatives (one extra read of y, with the `min` reduction).',
      ],
      tags: [
        '@param x - base: array or number',
        '@param y - exponent: array or number, the same length as x when both are arrays',
        '@param options - `out` (result dtype and length; may be x or y) and `signal`',
        '@returns `out`, or a new array of the promoted dtype',
        '@throws (rejects) RangeError ERR_OUT_OF_RANGE for a negative exponent of an integer power (numpy',
        '  raises ValueError), and everything {@link add} rejects with.',
      ],
    },
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
    {
      signatures: [
        '<Y extends NumericArray>(a: number, x: Operand, y: Y, options?: AxpyOptions): Y',
        '(a: number, x: NDOperand, y: NDArray, options?: AxpyOptions): NDArray',
        '(a: number, x: NDOperand, y: NumericArray | NDArray, options?: AxpyOptions): MapValue',
      ],
      steps: 'axpySteps(a, x, y, options)',
      imports: { './fused.js': ['axpySteps', 'type AxpyOptions'] },
      details: [
        "Computed as fma(a, x, y). y's dtype must be the promoted dtype of a, x and y (numpy's in-place `y += a * x` " +
          'refuses int y with a fractional a the same way).',
      ],
      python: '`y += a * x` (numpy)',
      tags: [
        '@param a - the scale, a number',
        '@param x - array (or number), the same length as y',
        '@param y - the array updated in place',
        '@param options - `signal`',
        '@returns y',
        '@throws (rejects) TypeError ERR_INVALID_ARG_TYPE (a not a number, x or y not an array),',
        '  ERR_INVALID_DTYPE (y cannot hold the result), ERR_INVALID_OPTION (options.out given);',
        '  RangeError ERR_LENGTH_MISMATCH / ERR_OUT_OF_RANGE / ERR_OVERLAP; AbortError ABORT_ERR.',
      ],
    },
  ),
  spec(
    'fused',
    'clip',
    ['x', 'lo', 'hi'],
    'the promoted dtype',
    MAP_OPTIONS,
    'Elementwise x limited to [lo, hi], NaN-propagating.',
    '`numpy.clip(x, lo, hi)`',
    {
      signatures: [
        "<X extends Operand, Lo extends Operand, Hi extends Operand>(x: X, lo: Lo, hi: Hi, options?: MapOptions): MapResult<'arith', [X, Lo, Hi]>",
        '(x: NDOperand, lo: NDOperand, hi: NDOperand, options?: MapOptions): NDArray',
        '(x: NDOperand, lo: NDOperand, hi: NDOperand, options?: MapOptions): MapValue',
      ],
      steps: 'clipSteps(x, lo, hi, options)',
      imports: { './fused.js': ['clipSteps'] },
      details: [
        "min(max(x, lo), hi) with numpy's NaN-propagating max and min, so a NaN in x, lo or hi gives NaN, and " +
          'lo > hi gives hi. As in numpy, a tie keeps x when both bounds are numbers (clip(−0, 0, 1) is −0) and ' +
          'takes the bound when a bound is an array.',
      ],
      tags: [
        '@param x - array or number',
        '@param lo - lower bound: array or number',
        '@param hi - upper bound: array or number; arrays must share one length',
        '@param options - `out` (result dtype and length; may be an input) and `signal`',
        '@returns `out`, or a new array of the promoted dtype of x, lo and hi',
        '@throws (rejects) as {@link fma}.',
      ],
    },
  ),
  spec(
    'cast',
    'astype',
    ['a', 'dtype'],
    'the target dtype',
    MAP_OPTIONS,
    'A copy converted as a TypedArray store converts.',
    '`a.astype(dtype)`',
    {
      signatures: [
        '(a: NumericArray, dtype: DtypeLike, options?: MapOptions): NumericArray',
        '(a: NDArray, dtype: DtypeLike, options?: MapOptions): NDArray',
        '(a: NumericArray | NDArray, dtype: DtypeLike, options?: MapOptions): MapValue',
      ],
      steps: 'astypeSteps(a, dtype, options)',
      imports: { './cast.js': ['astypeSteps', 'type DtypeLike'] },
      details: [
        'Element by element exactly as storing into a TypedArray of that dtype converts (new Int8Array([v])[0]):',
        '- integer targets truncate toward zero and wrap modulo 2^bits (ToInt32 and friends); NaN and ±Infinity give 0;',
        '- float32 rounds to nearest, ties to even; float64 holds every value;',
        '- uint8clamped clamps to [0, 255] and rounds half to even; NaN gives 0.',
        "This differs from numpy's astype, whose out-of-range float → int casts are undefined (platform-dependent). " +
          'The same dtype gives a copy.',
      ],
      python: '`a.astype(dtype)` (for in-range values)',
      tags: [
        '@param a - the array; SharedArrayBuffer-backed input gives a SharedArrayBuffer-backed result',
        "@param dtype - target: 'float64', 'float32', 'int32', 'uint32', 'int16', 'uint16', 'int8', 'uint8',",
        "  'uint8clamped', or the TypedArray constructor",
        "@param options - `out` (an array of the target dtype and a's length; may be a itself when the",
        '  dtypes share an element size) and `signal`',
        '@returns `out`, or a new array of the target dtype',
        '@throws (rejects) TypeError ERR_INVALID_DTYPE (unknown dtype, out of another dtype),',
        '  ERR_INVALID_ARG_TYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION, RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP,',
        '  AbortError ABORT_ERR.',
      ],
    },
  ),
];
