/** Spec rows of histogram and bincount. */
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
];
