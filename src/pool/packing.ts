/**
 * Chunks of plain numbers travel as Float64Arrays whose buffer is
 * transferred: structured clone of a JS array costs tens of ns per element,
 * a typed array's buffer moves for free. Used for map-chunk payloads (main →
 * worker) and their results (worker → main); imported by both sides.
 */

/** Below this a chunk is cheaper to send as it is. */
export const PACK_MIN = 16;

/** The numbers of `values` as a Float64Array, or undefined if any is not a number. */
export function packNumbers(values: ArrayLike<unknown>): Float64Array<ArrayBuffer> | undefined {
  const n = values.length;
  if (n < PACK_MIN) return undefined;
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== 'number') return undefined;
    packed[i] = v;
  }
  return packed;
}
