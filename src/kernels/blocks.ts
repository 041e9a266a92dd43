/**
 * Block splitting and the fixed combine order of every reduction; the twin of
 * native/pool/blocks.h. Both sides must agree to the bit.
 */

/** Elements per reduction block (native kReduceBlock). Fixed, so results never depend on threads. */
export const REDUCE_BLOCK = 16384;

/** Number of blocks covering [0, n). */
export function blockCount(n: number, block: number = REDUCE_BLOCK): number {
  return Math.ceil(n / block);
}

/** Start of block `index`. */
export function blockBegin(index: number, block: number = REDUCE_BLOCK): number {
  return index * block;
}

/** End (exclusive) of block `index` in an input of length `n`. */
export function blockEnd(n: number, index: number, block: number = REDUCE_BLOCK): number {
  return Math.min(n, (index + 1) * block);
}

/**
 * Sums values[lo, hi) as a balanced binary tree split at lo + floor((hi-lo)/2),
 * the same shape as native TreeCombine. `stride` skips interleaved fields.
 */
export function treeSum(values: Float64Array, lo: number, hi: number, stride = 1): number {
  if (hi - lo === 1) return values[lo * stride]!;
  const mid = lo + ((hi - lo) >>> 1);
  return treeSum(values, lo, mid, stride) + treeSum(values, mid, hi, stride);
}

/**
 * Sums exact integer block totals without rounding until the end: each part
 * is split at 2^32 so both running sums stay exact, and the one final
 * addition rounds like native's int64→double conversion.
 */
export function exactIntegerSum(values: Float64Array, count: number, stride = 1): number {
  const SPLIT = 4294967296;
  let high = 0;
  let low = 0;
  for (let i = 0; i < count; i++) {
    const part = values[i * stride]!;
    const h = Math.floor(part / SPLIT);
    high += h;
    low += part - h * SPLIT;
  }
  return high * SPLIT + low;
}
