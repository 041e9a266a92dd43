/**
 * The fallback backend's scans and histograms: the same blocks, parts and
 * fixed orders as native/binding/scan_binding.cc and histogram_binding.cc.
 * Shared memory goes to the workers (scans in one pass, chained block to
 * block through shared state); ordinary memory is processed on this thread
 * in slices that yield to the event loop.
 */
import { isShared, type NumericArray } from '../dtypes.js';
import { blockBegin, blockCount, blockEnd, REDUCE_BLOCK } from '../kernels/blocks.js';
import { histCount, histPart, histParts, histRunParts, mergeFlatParts, type HistSpec } from '../kernels/histogram.js';
import { SCAN_BLOCK, SCAN_SEGMENT, scanApply, scanIdentity, scanLineRange, scanLineUnits, scanStep } from '../kernels/scans.js';
import { throwIfDetached } from '../validate.js';
import { type KernelWorkers, splitBlocks } from './kernel_workers.js';
import { type Scratch, withScratch } from './scratch.js';
import { FALLBACK_SLICE_BLOCKS, INLINE_MAX_ELEMENTS } from './thresholds.js';

// Segments per slice: the same amount of work between yields as other kernels.
const SLICE_SEGMENTS = Math.floor((FALLBACK_SLICE_BLOCKS * REDUCE_BLOCK) / SCAN_SEGMENT);

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const stopped = (flag?: Int32Array): boolean => flag !== undefined && Atomics.load(flag, 0) !== 0;

/** The scan on this thread, yielding (and checking `flag`) between slices. */
async function scanHere(id: number, out: NumericArray, x: NumericArray, flag?: Int32Array): Promise<boolean> {
  const n = x.length;
  let offset = scanIdentity(id);
  for (let b = 0; b < blockCount(n, SCAN_SEGMENT); b++) {
    if (b % SLICE_SEGMENTS === 0) {
      await yieldToLoop();
      throwIfDetached([out, x]);
      if (stopped(flag)) return false;
    }
    const total = scanApply(id, x, out, blockBegin(b, SCAN_SEGMENT), blockEnd(n, b, SCAN_SEGMENT), offset);
    offset = scanStep(id, offset, total);
  }
  return true;
}

/** Blocking scan on this thread. */
export function scanSyncOnFallback(id: number, out: NumericArray, x: NumericArray): void {
  const n = x.length;
  let offset = scanIdentity(id);
  for (let b = 0; b < blockCount(n, SCAN_SEGMENT); b++) {
    offset = scanStep(id, offset, scanApply(id, x, out, blockBegin(b, SCAN_SEGMENT), blockEnd(n, b, SCAN_SEGMENT), offset));
  }
}

// One task per worker, all chained through shared state (src/worker/scan_chain.ts).
function scanOnWorkers(workers: KernelWorkers, id: number, out: NumericArray, x: NumericArray, flag?: Int32Array): Promise<boolean> {
  return withScratch((scratch) => scanChained(workers, scratch, id, out, x, flag));
}

async function scanChained(
  workers: KernelWorkers,
  scratch: Scratch,
  id: number,
  out: NumericArray,
  x: NumericArray,
  flag?: Int32Array,
): Promise<boolean> {
  const blocks = blockCount(x.length, SCAN_BLOCK);
  // Zeroed: the chain starts with every block's state "not yet published".
  const chain = {
    state: scratch.array(Int32Array, blocks, true),
    inclusive: scratch.array(Float64Array, blocks, true),
    stop: scratch.array(Int32Array, 1, true),
  };
  const size = Math.min(workers.size, blocks);
  const runs = Array.from({ length: size }, (_, w) =>
    workers.run(w, { kind: 'scanChain', kernel: id, x, out, worker: w, workers: size, chain, flag }),
  );
  // A worker that fails must not leave the others waiting for its blocks.
  for (const run of runs) run.catch(() => Atomics.store(chain.stop, 0, 1));
  const done = await Promise.all(runs);
  return done.every((r) => r.done === true);
}

/** cumsum/cumprod `id` of x into out. Resolves false when `flag` stopped it. */
export async function scanOnFallback(
  workers: KernelWorkers,
  id: number,
  out: NumericArray,
  x: NumericArray,
  flag?: Int32Array,
): Promise<boolean> {
  if (x.length <= INLINE_MAX_ELEMENTS) {
    scanSyncOnFallback(id, out, x);
    return true;
  }
  if (isShared(x) && isShared(out)) return scanOnWorkers(workers, id, out, x, flag);
  return scanHere(id, out, x, flag);
}

/** Blocking scan along the middle axis of contiguous [outer, n, inner] x (Backend.scanLinesSync). */
export function scanLinesSyncOnFallback(id: number, out: NumericArray, x: NumericArray, n: number, inner: number): void {
  scanLineRange(id, x, out, n, inner, 0, scanLineUnits(x.length, n, inner).units);
}

/**
 * The scan along the middle axis: the units split evenly across the workers
 * when x and out are shared, else on this thread a block of units at a time,
 * yielding between blocks. Lines are independent, so any split is exact.
 */
export async function scanLinesOnFallback(
  workers: KernelWorkers,
  id: number,
  out: NumericArray,
  x: NumericArray,
  n: number,
  inner: number,
  flag?: Int32Array,
): Promise<boolean> {
  const { units, perBlock } = scanLineUnits(x.length, n, inner);
  if (x.length <= INLINE_MAX_ELEMENTS) return scanLineRange(id, x, out, n, inner, 0, units, flag);
  if (isShared(x) && isShared(out)) {
    const runs = splitBlocks(units, workers.size).map(([first, last], w) =>
      workers.run(w, { kind: 'scanLines', kernel: id, x, out, n, inner, first, last, flag }),
    );
    return (await Promise.all(runs)).every((r) => r.done === true);
  }
  for (let u = 0; u < units; u += perBlock) {
    if (!scanLineRange(id, x, out, n, inner, u, Math.min(units, u + perBlock), flag)) return false;
    await yieldToLoop();
    throwIfDetached([out, x]);
  }
  return true;
}

/** Blocking histogram/bincount into `counts` (zeros). */
export function histSyncOnFallback(spec: HistSpec, counts: Float64Array): void {
  mergeFlatParts(counts, histRunParts(spec, 0, histParts(spec.a.length, spec.bins))!);
}

async function histHere(spec: HistSpec, counts: Float64Array, flag?: Int32Array): Promise<boolean> {
  const n = spec.a.length;
  const parts = histParts(n, spec.bins);
  const flat = new Float64Array(parts * spec.bins);
  let blocks = 0;
  for (let p = 0; p < parts; p++) {
    const target = flat.subarray(p * spec.bins, (p + 1) * spec.bins);
    const [begin, end] = histPart(n, parts, p);
    for (let lo = begin; lo < end; lo += REDUCE_BLOCK) {
      if (blocks++ % FALLBACK_SLICE_BLOCKS === 0) {
        await yieldToLoop();
        throwIfDetached([spec.a, spec.weights, spec.edges, counts]);
        if (stopped(flag)) return false;
      }
      histCount(spec, lo, Math.min(end, lo + REDUCE_BLOCK), target);
    }
  }
  mergeFlatParts(counts, flat);
  return true;
}

async function histOnWorkers(workers: KernelWorkers, spec: HistSpec, counts: Float64Array, flag?: Int32Array): Promise<boolean> {
  const ranges = splitBlocks(histParts(spec.a.length, spec.bins), workers.size);
  const pieces = await Promise.all(ranges.map(([first, last], w) => workers.run(w, { kind: 'hist', spec, first, last, flag })));
  if (pieces.some((p) => p.done !== true)) return false;
  const flat = new Float64Array(ranges.at(-1)![1] * spec.bins);
  for (const [w, p] of pieces.entries()) flat.set(p.parts!, ranges[w]![0] * spec.bins);
  mergeFlatParts(counts, flat);
  return true;
}

/** histogram/bincount into `counts` (zeros). Resolves false when `flag` stopped it. */
export async function histOnFallback(workers: KernelWorkers, spec: HistSpec, counts: Float64Array, flag?: Int32Array): Promise<boolean> {
  if (spec.a.length <= INLINE_MAX_ELEMENTS) {
    histSyncOnFallback(spec, counts);
    return true;
  }
  const shared = isShared(spec.a) && (spec.weights === undefined || isShared(spec.weights));
  return shared ? histOnWorkers(workers, spec, counts, flag) : histHere(spec, counts, flag);
}
