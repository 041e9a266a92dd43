/** Spec rows of the sort family. */
import { type KernelSpec, SIGNAL, spec } from './spec.js';

export const SORT_SPECS: readonly KernelSpec[] = [
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
];
