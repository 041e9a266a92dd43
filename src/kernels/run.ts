/** Runs a JS twin over blocks; shared by inline execution and the workers. */
import type { NumericArray } from '../dtypes.js';
import { blockBegin, blockCount, blockEnd } from './blocks.js';
import { PARTIAL_FIELDS, type ReduceTwin } from './reduce.js';

/**
 * Computes the partials of blocks [first, last) into a new array. Once
 * `flag[0]` is non-zero the remaining blocks are skipped: the caller, which
 * set the flag, discards the result.
 */
export function runBlocks(twin: ReduceTwin, ops: readonly NumericArray[], first: number, last: number, flag?: Int32Array): Float64Array {
  const n = ops[0]!.length;
  const parts = new Float64Array((last - first) * PARTIAL_FIELDS);
  for (let b = first; b < last; b++) {
    if (flag !== undefined && Atomics.load(flag, 0) !== 0) break;
    twin.block(ops, blockBegin(b), blockEnd(n, b), parts, b - first);
  }
  return parts;
}

/** The whole reduction on the calling thread. */
export function reduceInline(twin: ReduceTwin, ops: readonly NumericArray[]): number {
  const n = ops[0]!.length;
  if (n === 0) return twin.emptyValue;
  const count = blockCount(n);
  return twin.total(runBlocks(twin, ops, 0, count), count, ops);
}
