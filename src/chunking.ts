/**
 * The one convention for ranges and chunks (STYLE rule 10): ranges are
 * half-open, and a chunksize or block count of 0 / undefined means "auto".
 * The native pool implements the same formulas; test/pool/chunking.test.ts
 * holds the shared table.
 */

/**
 * CPython's automatic chunksize for `Pool.map`: `ceil(n / (4 × workers))`,
 * and 0 for empty input (multiprocessing/pool.py, `_map_async`).
 * @param n - number of input items.
 * @param workers - number of pool workers.
 * @returns the chunksize CPython would pick.
 */
export function autoChunksize(n: number, workers: number): number {
  if (n === 0) return 0;
  const per = workers * 4;
  return Math.floor(n / per) + (n % per === 0 ? 0 : 1);
}

/**
 * The chunksize to use: `requested` when it is a positive integer, else the
 * automatic one. Never 0 for non-empty input.
 */
export function resolveChunksize(n: number, workers: number, requested: number | undefined): number {
  if (requested !== undefined && requested > 0) return requested;
  return autoChunksize(n, workers);
}

/** Number of chunks of `chunksize` covering `n` items (the last one may be short). */
export function chunkCount(n: number, chunksize: number): number {
  return chunksize === 0 ? 0 : Math.ceil(n / chunksize);
}

/**
 * Splits [0, n) into `blocks` contiguous half-open ranges whose sizes differ
 * by at most one; the remainder goes to the first blocks (as in
 * BS::thread_pool). Empty blocks are dropped, so fewer ranges come back when
 * `blocks > n`.
 */
export function splitRange(n: number, blocks: number): Array<[number, number]> {
  const used = Math.min(blocks, n);
  const ranges: Array<[number, number]> = [];
  let start = 0;
  for (let b = 0; b < used; b++) {
    const end = start + Math.floor(n / used) + (b < n % used ? 1 : 0);
    ranges.push([start, end]);
    start = end;
  }
  return ranges;
}
