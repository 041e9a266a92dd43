/** Spec rows of the sort family (their steps, and the order and stability contract: src/api/sort.ts). */
import { type Declaration, type KernelSpec, spec } from './spec.js';

const T = '<T extends NumericArray>';

const ND_DETAIL =
  "An NDArray is sorted along `options.axis` (default -1, the last; null flattens it in C order, numpy's axis=None) " +
  'into a new C-contiguous NDArray: every line as the flat kernel sorts it.';

/** The declaration of a sort-family row: its steps and types come from ./sort.js. */
const declare = (
  signatures: readonly string[],
  steps: string,
  types: readonly string[],
  python: string,
  details: readonly string[],
  tags: readonly string[],
): Declaration => ({
  signatures,
  steps,
  imports: {
    './sort.js': [steps.slice(0, steps.indexOf('('))],
    './sort_args.js': types.map((t) => `type ${t}`),
    './sort_nd.js': ['type NDValuesAndIndices'],
  },
  details,
  python,
  tags,
});

export const SORT_SPECS: readonly KernelSpec[] = [
  spec(
    'sort',
    'sort',
    ['a'],
    'a, or options.out',
    ['axis', 'descending', 'out', 'signal'],
    'Sorts stably, in place or into `options.out`; an NDArray along an axis, into a new array.',
    "`numpy.sort(a, kind='stable')`",
    declare(
      [
        `${T}(a: T, options?: SortOptions): T`,
        '(a: NDArray, options?: SortOptions): NDArray',
        '(a: NumericArray | NDArray, options?: SortOptions): NumericArray | NDArray',
      ],
      'sortSteps(a, options)',
      ['SortOptions'],
      "`a.sort(kind='stable')` (in place) / `numpy.sort(a, axis=-1, kind='stable')`",
      [ND_DETAIL],
      [
        '@param a - any corepool TypedArray (any byteOffset, SharedArrayBuffer or not), or an NDArray (any view).',
        '@param options - `axis` (NDArray), `descending`, `out` (same dtype and length, or for an NDArray any view',
        '  of the result shape; a is then left unchanged), `signal`.',
        '@returns `out`, or `a` itself sorted in place; for an NDArray a new C-contiguous NDArray (a is untouched).',
        '@throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER /',
        '  ERR_INVALID_OPTION, RangeError ERR_AXIS_OUT_OF_RANGE for a bad axis, ERR_LENGTH_MISMATCH /',
        '  ERR_SHAPE_MISMATCH / ERR_OVERLAP for a bad `out`,',
        '  AbortError ABORT_ERR when cancelled (the target is then unchanged or partly sorted).',
      ],
    ),
  ),
  spec(
    'sort',
    'argsort',
    ['a'],
    'Uint32Array (Float64Array from 2^32 elements) of indices',
    ['axis', 'descending', 'signal'],
    'The stable sorting permutation (along an axis of an NDArray).',
    "`numpy.argsort(a, kind='stable')`",
    declare(
      [
        '(a: NumericArray, options?: ArgsortOptions): IndexArray',
        '(a: NDArray, options?: ArgsortOptions): NDArray',
        '(a: NumericArray | NDArray, options?: ArgsortOptions): IndexArray | NDArray',
      ],
      'argsortSteps(a, options)',
      ['ArgsortOptions', 'IndexArray'],
      "`numpy.argsort(a, kind='stable')` (descending: `numpy.argsort(-a, kind='stable')` for numbers without NaN)",
      [
        'Read in its order, a is sorted: `a[result[0]], a[result[1]], ...`; equal keys keep input order. `a` is not modified.',
        "For an NDArray: the positions along the axis (numpy.argsort(a, axis, kind=stable)), a Uint32-backed NDArray of a's shape.",
      ],
      [
        '@param a - any corepool TypedArray, as for {@link sort}.',
        '@param options - `axis` (NDArray; default -1, null flattens), `descending`, `signal`.',
        '@returns a Uint32Array (Float64Array from 2^32 elements), SharedArrayBuffer-backed when a is; an NDArray for an NDArray.',
        '@throws (rejects) as {@link sort}.',
      ],
    ),
  ),
  spec(
    'sort',
    'partition',
    ['a', 'k'],
    '{ values, indices }',
    ['axis', 'signal'],
    'Stable three-way partition around the element of rank k (along an axis of an NDArray).',
    '`numpy.partition(a, k)`',
    declare(
      [
        `${T}(a: T, k: number, options?: PartitionOptions): ValuesAndIndices<T>`,
        '(a: NDArray, k: number, options?: PartitionOptions): NDValuesAndIndices',
        '(a: NumericArray | NDArray, k: number, options?: PartitionOptions): ValuesAndIndices | NDValuesAndIndices',
      ],
      'partitionSteps(a, k, options)',
      ['PartitionOptions', 'ValuesAndIndices'],
      '`numpy.partition(a, k)` / `numpy.argpartition(a, k)`',
      [
        'The pivot p is the element at position k of the stable ascending sort: values = [keys < p in input ' +
          "order][keys == p in input order][keys > p in input order], so values[k] has p's key; indices are the " +
          'input positions. (numpy leaves the order inside each side unspecified.)',
      ],
      [
        '@param k - an integer, 0 <= k < a.length (an NDArray: < the length along the axis).',
        '@param options - `axis` (NDArray; default -1, null flattens), `signal`.',
        "@returns { values (a new array of a's dtype), indices }, SharedArrayBuffer-backed when a is.",
        '@throws (rejects) TypeError for a bad a or options, RangeError ERR_OUT_OF_RANGE naming `k`, AbortError.',
      ],
    ),
  ),
  spec(
    'sort',
    'topk',
    ['a', 'k'],
    '{ values, indices }',
    ['axis', 'largest', 'signal'],
    'The k largest (or smallest) elements, best first (along an axis of an NDArray).',
    "`a[numpy.argsort(-a, kind='stable')[:k]]`",
    declare(
      [
        `${T}(a: T, k: number, options?: TopkOptions): ValuesAndIndices<T>`,
        '(a: NDArray, k: number, options?: TopkOptions): NDValuesAndIndices',
        '(a: NumericArray | NDArray, k: number, options?: TopkOptions): ValuesAndIndices | NDValuesAndIndices',
      ],
      'topkSteps(a, k, options)',
      ['TopkOptions', 'ValuesAndIndices'],
      "`idx = numpy.argsort(-a, kind='stable')[:k]; a[idx]` (`torch.topk(a, k)`)",
      [
        'They are the first k entries of the stable sort (descending when largest), so ties go to the lower ' +
          'input index and NaN counts as the largest value.',
      ],
      [
        '@param k - an integer, 0 <= k <= a.length (an NDArray: <= the length along the axis; the result has k there).',
        '@param options - `axis` (NDArray; default -1, null flattens), `largest` (default true), `signal`.',
        '@throws (rejects) as {@link partition}.',
      ],
    ),
  ),
  spec(
    'sort',
    'searchsorted',
    ['sorted', 'values'],
    'indices (a number for a number)',
    ['side', 'signal'],
    'Insertion points of values into ascending `sorted`.',
    '`numpy.searchsorted(sorted, values, side)`',
    declare(
      [
        '(sorted: NumericArray, values: number, options?: SearchsortedOptions): number',
        '(sorted: NumericArray, values: NumericArray, options?: SearchsortedOptions): IndexArray',
        '(sorted: NumericArray, values: NumericArray | number, options?: SearchsortedOptions): IndexArray | number',
        '(sorted: NumericArray, values: NumericArray | number, options?: SearchsortedOptions): IndexArray | number',
      ],
      'searchsortedSteps(sorted, values, options)',
      ['IndexArray', 'SearchsortedOptions'],
      '`numpy.searchsorted(sorted, values, side=side)`',
      [
        "`sorted` is not checked, as in numpy. side 'left': first i with !(sorted[i] < v); 'right': first i " +
          'with v < sorted[i], in numpy order (a NaN value: left gives the first NaN, right gives sorted.length). ' +
          'Different dtypes compare exactly (they are converted to a dtype holding both, float64 at worst).',
      ],
      [
        '@param values - a TypedArray (any dtype) or a number.',
        "@param options - `side` ('left' or 'right'), `signal`.",
        '@returns an index array of values.length, or a number for a number.',
        '@throws (rejects) TypeError for a bad sorted, values or options (ERR_INVALID_OPTION for side), AbortError.',
      ],
    ),
  ),
  spec(
    'sort',
    'unique',
    ['a'],
    'the sorted unique values (with counts on request)',
    ['counts', 'signal'],
    'The sorted unique values.',
    '`numpy.unique(a)`',
    declare(
      [
        `${T}(a: T, options: UniqueOptions & { counts: true }): UniqueCounts<T>`,
        `${T}(a: T, options?: UniqueOptions): T`,
        `${T}(a: T, options?: UniqueOptions): T | UniqueCounts<T>`,
      ],
      'uniqueSteps(a, options)',
      ['UniqueCounts', 'UniqueOptions'],
      '`numpy.unique(a)` / `numpy.unique(a, return_counts=True)`',
      ['The zeros -0 and +0 are one value, the first zero in input order; all NaNs are one value, last. Counts on request.'],
      [
        '@param options - `counts` (also return how often each value occurs), `signal`.',
        "@returns values (a's dtype, SharedArrayBuffer-backed when a is), or { values, counts }",
        "  with Uint32Array counts (like numpy's intp counts; Float64Array from 2^32 elements).",
        '@throws (rejects) TypeError for a bad a or options, AbortError.',
      ],
    ),
  ),
];
