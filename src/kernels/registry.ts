/**
 * The JS lists of kernels. Order is the wire id shared with
 * native/kernels/registry.def (reductions) and registry_map.def (elementwise);
 * test/unit/registry.test.ts checks both sides agree.
 */
import { add, div, maximum, minimum, mul, sub } from './arith.js';
import { eq, ge, gt, le, lt, ne } from './compare.js';
import { dot, norm } from './dot.js';
import { argmax, argmin, max, min } from './extrema.js';
import type { MapTwin } from './map.js';
import type { ReduceTwin } from './reduce.js';
import { mean, sum } from './sum.js';

export const REDUCE_KERNELS: readonly ReduceTwin[] = [sum, mean, min, max, argmin, argmax, dot, norm];

/** Names of the reductions, in wire order. */
export type ReduceName = 'sum' | 'mean' | 'min' | 'max' | 'argmin' | 'argmax' | 'dot' | 'norm';

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

export const MAP_KERNELS: readonly MapTwin[] = [add, sub, mul, div, minimum, maximum, eq, ne, lt, le, gt, ge];

/** Names of the elementwise kernels, in wire order. */
export type MapName = 'add' | 'sub' | 'mul' | 'div' | 'minimum' | 'maximum' | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

const MAP_IDS = new Map(MAP_KERNELS.map((k, id) => [k.name, id]));

/** Wire id of an elementwise kernel. */
export function mapId(name: MapName): number {
  return MAP_IDS.get(name)!;
}

/** The elementwise twin with wire id `id`. */
export function mapTwin(id: number): MapTwin {
  const twin = MAP_KERNELS[id];
  if (twin === undefined) throw new RangeError(`kernel must be a registered elementwise id; got ${id}`);
  return twin;
}
