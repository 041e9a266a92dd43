/**
 * The fallback backend's random calls. Small calls run inline. Larger ones
 * run on the workers: a shared `out` is split across them in place; an
 * ordinary one is filled through a small shared scratch buffer, one round of
 * slices at a time, and copied out. Unlike reductions, which only read and
 * are memory-bound, generating costs tens of nanoseconds an element in JS,
 * so the copy (well under one) is cheap next to the parallel speed-up.
 */
import { isShared, type NumericArray } from '../dtypes.js';
import { blockCount } from '../kernels/blocks.js';
import { RANDOM_BLOCK, runRandomBlocks, type RandomParams } from '../kernels/random.js';
import { splitBlocks, type KernelWorkers } from './kernel_workers.js';
import { type Scratch, withScratch } from './scratch.js';
import { FALLBACK_SLICE_BLOCKS, INLINE_MAX_ELEMENTS } from './thresholds.js';

type Constructor = new (buffer: SharedArrayBuffer, byteOffset: number, length: number) => NumericArray;

/** Fills blocks of `out` (all of them) on the workers; false when aborted. */
async function onWorkers(workers: KernelWorkers, params: RandomParams, out: NumericArray, flag?: Int32Array): Promise<boolean> {
  const ranges = splitBlocks(blockCount(out.length, RANDOM_BLOCK), workers.size);
  const results = await Promise.all(ranges.map(([first, last], w) => workers.run(w, { kind: 'random', params, out, first, last, flag })));
  return results.every((r) => r.done === true);
}

/** Each round fills one slice per worker into shared scratch memory, then copies it to `out`. */
function throughScratch(workers: KernelWorkers, params: RandomParams, out: NumericArray, flag?: Int32Array): Promise<boolean> {
  return withScratch((pool) => fillThrough(workers, pool, params, out, flag));
}

async function fillThrough(
  workers: KernelWorkers,
  pool: Scratch,
  params: RandomParams,
  out: NumericArray,
  flag?: Int32Array,
): Promise<boolean> {
  const slice = FALLBACK_SLICE_BLOCKS * RANDOM_BLOCK;
  const round = slice * workers.size;
  const scratch = pool.array(out.constructor as Constructor, Math.min(round, out.length));
  for (let done = 0; done < out.length; done += round) {
    const n = Math.min(round, out.length - done);
    const pieces: Array<Promise<{ done?: boolean }>> = [];
    for (let lo = 0, w = 0; lo < n; lo += slice, w++) {
      const hi = Math.min(n, lo + slice);
      const piece = { ...params, start: params.start + done + lo };
      pieces.push(
        workers.run(w, {
          kind: 'random',
          params: piece,
          out: scratch.subarray(lo, hi),
          first: 0,
          last: blockCount(hi - lo, RANDOM_BLOCK),
          flag,
        }),
      );
    }
    const results = await Promise.all(pieces);
    if (!results.every((r) => r.done === true)) return false;
    out.set(scratch.subarray(0, n), done);
  }
  return true;
}

/** Fills `out`; resolves false when `flag[0]` was set before every block ran. */
export async function randomOnFallback(
  workers: KernelWorkers,
  params: RandomParams,
  out: NumericArray,
  flag?: Int32Array,
): Promise<boolean> {
  if (out.length <= INLINE_MAX_ELEMENTS) return runRandomBlocks(params, out, 0, blockCount(out.length, RANDOM_BLOCK), flag);
  return isShared(out) ? onWorkers(workers, params, out, flag) : throughScratch(workers, params, out, flag);
}

/** Fills `out` on the calling thread. */
export function randomSyncOnFallback(params: RandomParams, out: NumericArray): void {
  runRandomBlocks(params, out, 0, blockCount(out.length, RANDOM_BLOCK));
}
