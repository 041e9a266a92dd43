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
import type { ReduceTwin } from './reduce.js';
import { mean, sum } from './sum.js';
import { all, any, countNonzero, prod, sqdev } from './stats.js';
import { nanmax, nanmean, nanmin, nansum } from './nan_reduce.js';
import { norm1, normInf } from './norms.js';
import { binmax } from './histogram.js';

export const REDUCE_KERNELS: readonly ReduceTwin[] = [
  sum, mean, min, max, argmin, argmax, dot, norm,
  prod, sqdev, countNonzero, any, all,
  nansum, nanmean, nanmin, nanmax,
  norm1, normInf,
  binmax,
];

/** Names of the reductions, in wire order. */
export type ReduceName =
  | 'sum' | 'mean' | 'min' | 'max' | 'argmin' | 'argmax' | 'dot' | 'norm'
  | 'prod' | 'sqdev' | 'countNonzero' | 'any' | 'all'
  | 'nansum' | 'nanmean' | 'nanmin' | 'nanmax'
  | 'norm1' | 'normInf'
  | 'binmax';

const IDS = new Map(REDUCE_KERNELS.map((k, id) => [k.name, id]));

/** Wire id of a reduction. */
export function reduceId(name: ReduceName): number {
  return IDS.get(name)!;
}

/** The JS twin with wire id `id`. */
export function reduceTwin(id: number): ReduceTwin {
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
