/** Deterministic input arrays, in ordinary or shared memory. */

/**
 * A Float64Array of `n` values in [0, 1) from a xorshift32 stream, so every
 * process (and numpy, which uses its own seeded generator) sums comparable
 * data and no run depends on Math.random.
 */
export function makeArray(n, { shared = false, seed = 1 } = {}) {
  const bytes = n * Float64Array.BYTES_PER_ELEMENT;
  const a = new Float64Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    a[i] = x / 4294967296;
  }
  return a;
}

/** A copy of `a` in a new SharedArrayBuffer: what a caller does to use the workers. */
export function toShared(a) {
  const s = new Float64Array(new SharedArrayBuffer(a.byteLength));
  s.set(a);
  return s;
}
