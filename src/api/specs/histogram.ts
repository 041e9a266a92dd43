/** Spec rows of histogram and bincount (their steps: src/api/histogram.ts). */
import { type KernelSpec, spec } from './spec.js';

export const HISTOGRAM_SPECS: readonly KernelSpec[] = [
  spec(
    'histogram',
    'histogram',
    ['a'],
    '{ counts, edges }',
    ['bins', 'range', 'weights', 'signal'],
    "Histogram with numpy's edge rules.",
    '`numpy.histogram(a, bins, range, weights=weights)`',
    {
      signatures: ['(a: NumericArray | NDArray, options?: HistogramOptions): Histogram'],
      steps: 'histogramSteps(a, options)',
      imports: { './histogram.js': ['histogramSteps', 'type Histogram', 'type HistogramOptions'] },
      details: [
        '`bins` equal-width bins over `options.range`, or over [min(a), max(a)] when it is omitted (widened by 0.5 ' +
          'each way when min equals max, [0, 1] for an empty array); edges as numpy.linspace computes them; bin i ' +
          'holds edges[i] <= x < edges[i+1] and the last bin is closed. Values outside the edges and NaN are ignored. ' +
          '`bins` may also be an array of increasing edges (then `range` is ignored, as numpy does). Float32 input is ' +
          'binned by its exact float64 value against float64 edges (numpy uses float32 edges for float32 input).',
      ],
      tags: [
        '@param a - the values; any dtype, SharedArrayBuffer-backed or not; an NDArray is flattened (C order), as numpy does.',
        '@param options - `bins`, `range`, `weights` and `signal`.',
        '@returns `{ counts, edges }`, both Float64Array (SharedArrayBuffer-backed when a is).',
        '@throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE for a bad `a`,',
        '  TypeError or RangeError ERR_INVALID_OPTION for bad options, RangeError',
        '  ERR_LENGTH_MISMATCH for weights of another length, RangeError ERR_OUT_OF_RANGE',
        '  when `range` is omitted and `a` holds NaN or ±Infinity (numpy raises too),',
        '  AbortError ABORT_ERR when cancelled.',
      ],
    },
  ),
  spec(
    'histogram',
    'bincount',
    ['x'],
    'Float64Array',
    ['weights', 'minlength', 'signal'],
    'Occurrences (or summed weights) of each non-negative integer.',
    '`numpy.bincount(x, weights, minlength)`',
    {
      signatures: ['(x: NumericArray | NDArray, options?: BincountOptions): Float64Array'],
      steps: 'bincountSteps(x, options)',
      imports: { './histogram.js': ['bincountSteps', 'type BincountOptions'] },
      details: [
        'counts[v] is how many elements equal v (or the sum of their weights), over max(max(x) + 1, minlength) ' +
          'slots. Float arrays are accepted when they hold integral values.',
      ],
      tags: [
        '@param x - non-negative integers, any dtype; an NDArray is flattened (C order).',
        '@param options - `weights`, `minlength` and `signal`.',
        '@returns a Float64Array (SharedArrayBuffer-backed when x is).',
        '@throws (rejects) RangeError ERR_OUT_OF_RANGE when x holds a negative value, a',
        '  fraction, NaN or Infinity, or a value of 2^31 - 1 or more; TypeError or',
        '  RangeError ERR_INVALID_OPTION for bad options; as {@link histogram} otherwise.',
      ],
    },
  ),
];
