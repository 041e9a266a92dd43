/** Spec rows of cumsum and cumprod (their steps: src/api/scans.ts). */
import { type Declaration, type KernelSpec, spec } from './spec.js';

const SCAN_OPTIONS = ['axis', 'out', 'signal'] as const;

const scan = (name: 'cumsum' | 'cumprod', doc: string, numpy: string, details: readonly string[], tags: readonly string[]): KernelSpec => {
  const declaration: Declaration = {
    signatures: [
      '(x: NumericArray, options?: ScanOptions): Float64Array | Float32Array',
      '(x: NDArray, options?: ScanOptions): NDArray',
      '(x: NumericArray | NDArray, options?: ScanOptions): Float64Array | Float32Array | NDArray',
    ],
    steps: `scanSteps('${name}', x, options)`,
    imports: { './scans.js': ['scanSteps', 'type ScanOptions'] },
    details,
    python: `${numpy} (\`numpy.${name}(x)\` for float input)`,
    tags,
  };
  return spec(
    'scan',
    name,
    ['x'],
    'Float64Array (Float32Array for float32 x); an NDArray for an NDArray',
    SCAN_OPTIONS,
    doc,
    numpy,
    declaration,
  );
};

export const SCANS_SPECS: readonly KernelSpec[] = [
  scan(
    'cumsum',
    'Cumulative sum, as a parallel blocked scan.',
    '`numpy.cumsum(x, dtype=numpy.float64)`',
    [
      'Integer input gives Float64Array, exact while every partial sum stays below 2^53 in magnitude (numpy gives int64); ' +
        'Float32Array gives Float32Array, accumulated in float64. The result is identical for every thread count and on ' +
        'both backends (the order is in src/api/scans.ts).',
      'An NDArray is scanned along `options.axis` (negative counts from the end; a result of its shape), or flattened in ' +
        'C order when axis is undefined or null (a 1-d result), as numpy does; every line is exactly the flat scan of ' +
        'that line copied out contiguous.',
    ],
    [
      '@param x - the input, a TypedArray or an NDArray (any view); may be SharedArrayBuffer-backed, at any byteOffset.',
      '@param options - `axis` (NDArray: the axis, or undefined/null for the flattened array), `out` (the result',
      '  dtype and length, may be x itself; for an NDArray any view of the result shape) and `signal`.',
      '@returns `out`, or a new array (SharedArrayBuffer-backed when x is; a C-contiguous NDArray for an NDArray).',
      '@throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER /',
      '  ERR_INVALID_OPTION, RangeError ERR_AXIS_OUT_OF_RANGE for a bad axis, ERR_LENGTH_MISMATCH /',
      '  ERR_SHAPE_MISMATCH / ERR_OVERLAP for a bad `out`,',
      '  AbortError ABORT_ERR when cancelled (`out` is then partly written).',
    ],
  ),
  scan(
    'cumprod',
    'Cumulative product, as a parallel blocked scan.',
    '`numpy.cumprod(x, dtype=numpy.float64)`',
    ['The dtypes and options are those of {@link cumsum}.'],
    [
      '@param x - the input, as for {@link cumsum}.',
      '@param options - as for {@link cumsum}.',
      '@returns `out`, or a new array.',
      '@throws (rejects) as {@link cumsum}.',
    ],
  ),
];
