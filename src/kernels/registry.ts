/**
 * The JS list of kernels. Order is the wire id shared with
 * native/kernels/registry.def; test/unit/registry.test.ts checks both agree.
 */
import { dot, norm } from './dot.js';
import { argmax, argmin, max, min } from './extrema.js';
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
