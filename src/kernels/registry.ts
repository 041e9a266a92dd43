/**
 * The JS lists of kernels. Order is the wire id shared with
 * native/kernels/registry.def (reductions) and registry_map.def (elementwise);
 * test/unit/registry.test.ts checks both sides agree.
 */
import { ARITH_KERNELS } from './arith.js';
import { BINARY_MATH_KERNELS } from './binary_math.js';
import { CAST_KERNELS } from './cast.js';
import { COMPARE_KERNELS } from './compare.js';
import { FUSED_KERNELS } from './fused.js';
import { UNARY_KERNELS } from './unary.js';
import { dot, norm } from './dot.js';
import { argmax, argmin, max, min } from './extrema.js';
import type { MapRow, MapTwin } from './map.js';
import { reduceRow, type ReduceRow } from './reduce.js';
import { mean, sum } from './sum.js';
import { all, any, countNonzero, prod, sqdev } from './stats.js';
import { nanmax, nanmean, nanmin, nansum } from './nan_reduce.js';
import { norm1, normInf } from './norms.js';
import { binmax } from './histogram.js';

/**
 * The reductions in wire order (native/kernels/registry.def). The public
 * ones with a plain signature carry their spec row; dot, norm (ord picks
 * norm, norm1 or normInf), variance/std (over sqdev) and histogram's binmax
 * are written by hand in src/api.
 */
export const REDUCE_KERNELS: readonly ReduceRow[] = [
  reduceRow(
    sum,
    '`numpy.sum(a)`',
    'Sum of all elements. Floats are summed in fixed 8-lane blocks combined pairwise (more accurate than a running total, identical for any thread count); integer dtypes are summed exactly while |total| < 2^53.',
    'the sum; 0 for an empty array.',
  ),
  reduceRow(
    mean,
    '`numpy.mean(a)`',
    'Arithmetic mean: {@link sum} divided by the length.',
    'the mean; NaN for an empty array (numpy warns and returns nan).',
  ),
  reduceRow(
    min,
    '`numpy.min(a)`',
    'Smallest element. A NaN anywhere makes the result NaN, as in numpy; of equal minima (such as -0 and +0) the first one is returned.',
    'the minimum.',
  ),
  reduceRow(max, '`numpy.max(a)`', 'Largest element, with the NaN and tie rules of {@link min}.', 'the maximum.'),
  reduceRow(argmin, '`numpy.argmin(a)`', 'Index of the first smallest element, or of the first NaN if there is one.', 'the index.'),
  reduceRow(argmax, '`numpy.argmax(a)`', 'Index of the first largest element, or of the first NaN if there is one.', 'the index.'),
  dot,
  norm,
  reduceRow(
    prod,
    '`numpy.prod(a, dtype=numpy.float64)`',
    'Product of all elements, accumulated in float64 in the lane and block order of {@link sum}. Integer input is widened to float64 too, so the product is exact while |product| < 2^53 and rounds beyond (numpy wraps it modulo 2^64 in int64 instead).',
    'the product; 1 for an empty array.',
  ),
  sqdev,
  reduceRow(countNonzero, '`numpy.count_nonzero(a)`', 'Number of elements that are not zero (NaN counts; -0 does not).', 'the count.'),
  reduceRow(
    any,
    '`numpy.any(a)`',
    'Whether any element is non-zero (NaN counts as non-zero); false when empty.',
    'true when some element is non-zero.',
    'boolean',
  ),
  reduceRow(
    all,
    '`numpy.all(a)`',
    'Whether every element is non-zero (NaN counts as non-zero); true when empty.',
    'true when no element is zero.',
    'boolean',
  ),
  reduceRow(
    nansum,
    '`numpy.nansum(a)`',
    'Sum that treats NaN as zero, in the order of {@link sum}.',
    'the sum; 0 for an empty or all-NaN array.',
  ),
  reduceRow(
    nanmean,
    '`numpy.nanmean(a)`',
    'Mean of the elements that are not NaN.',
    'the mean; NaN for an empty or all-NaN array (numpy warns and returns nan).',
  ),
  reduceRow(
    nanmin,
    '`numpy.nanmin(a)`',
    'Smallest element ignoring NaN. Of -0 and +0, -0 is the smaller.',
    'the minimum; NaN for an all-NaN array (numpy returns nan with a RuntimeWarning; corepool returns NaN silently).',
  ),
  reduceRow(
    nanmax,
    '`numpy.nanmax(a)`',
    'Largest element ignoring NaN. Of -0 and +0, +0 is the larger.',
    'the maximum; NaN for an all-NaN array (see {@link nanmin}).',
  ),
  norm1,
  normInf,
  binmax,
];

/** Names of the reductions, in wire order. */
export type ReduceName =
  | 'sum'
  | 'mean'
  | 'min'
  | 'max'
  | 'argmin'
  | 'argmax'
  | 'dot'
  | 'norm'
  | 'prod'
  | 'sqdev'
  | 'countNonzero'
  | 'any'
  | 'all'
  | 'nansum'
  | 'nanmean'
  | 'nanmin'
  | 'nanmax'
  | 'norm1'
  | 'normInf'
  | 'binmax';

const IDS = new Map(REDUCE_KERNELS.map((k, id) => [k.name, id]));

/** Wire id of a reduction. */
export function reduceId(name: ReduceName): number {
  return IDS.get(name)!;
}

/** The JS twin with wire id `id`. */
export function reduceTwin(id: number): ReduceRow {
  const twin = REDUCE_KERNELS[id];
  if (twin === undefined) throw new RangeError(`kernel must be a registered reduction id; got ${id}`);
  return twin;
}

/**
 * Elementwise kernels (their spec rows), family by family in the order of
 * native/kernels/registry_map.def. Each family file exports its list.
 */
export const MAP_KERNELS: readonly MapRow[] = [
  ...ARITH_KERNELS,
  ...COMPARE_KERNELS,
  ...UNARY_KERNELS,
  ...BINARY_MATH_KERNELS,
  ...FUSED_KERNELS,
  ...CAST_KERNELS,
];

/** Name of an elementwise kernel (checked at run time by mapId). */
export type MapName = string;

const MAP_IDS = new Map(MAP_KERNELS.map((k, id) => [k.name, id]));

/** Wire id of an elementwise kernel. */
export function mapId(name: MapName): number {
  const id = MAP_IDS.get(name);
  if (id === undefined) throw new RangeError(`no elementwise kernel named ${name}`);
  return id;
}

/** The elementwise twin with wire id `id`. */
export function mapTwin(id: number): MapTwin {
  const twin = MAP_KERNELS[id];
  if (twin === undefined) throw new RangeError(`kernel must be a registered elementwise id; got ${id}`);
  return twin;
}

/**
 * The kernel names of each wire table, in wire order. The native backend is
 * used only when the addon reports exactly these tables (src/backend/select.ts).
 */
export function wireTables(): { readonly reduce: readonly string[]; readonly map: readonly string[] } {
  return { reduce: REDUCE_KERNELS.map((k) => k.name), map: MAP_KERNELS.map((k) => k.name) };
}
