/**
 * The fallback backend's linear algebra. GEMM splits C into contiguous row
 * ranges (column ranges for short, wide C) across the kernel workers over
 * SharedArrayBuffer; ordinary operands are copied into shared memory first
 * (O(n^2) copies against O(n^3) work). Every element's order is fixed by the
 * kernel (src/kernels/matmul.ts), so the result does not depend on the
 * worker count. gemv, transpose and outer do O(size) work, no more than a
 * copy: they use the workers only when their operands are already shared,
 * and run inline otherwise. Small problems always run inline.
 */
import { isShared } from '../dtypes.js';
import { gemvOutLength, gemvRange, type GemvParams } from '../kernels/gemv.js';
import { batchItem, gemm, gemmBatchRange, type FloatArray, type GemmBatchParams, type GemmParams } from '../kernels/matmul.js';
import { outer } from '../kernels/outer.js';
import { transpose } from '../kernels/transpose.js';
import type { LinalgOp } from '../worker/types.js';
import { type KernelWorkers, splitBlocks } from './kernel_workers.js';
import { type Scratch, withScratch } from './scratch.js';
import { FALLBACK_INLINE_MAX_ELEMENTS } from './thresholds.js';

/**
 * GEMMs of at most this many multiply-adds (m*k*n, about 80^3) run inline:
 * about 0.2 ms at the kernel's ~5 GFLOP/s on one thread, the order of a
 * worker round trip (about 100 us, thresholds.ts). bench/linalg_fallback.mjs
 * times both sides of it ("Around the inline threshold").
 */
export const FALLBACK_GEMM_INLINE_MAX_WORK = 524288;

/** Splits [0, total) into up to `parts` ranges whose interior edges are multiples of `align`. */
function splitAligned(total: number, parts: number, align: number): Array<[number, number]> {
  return splitBlocks(Math.ceil(total / align), parts).map(([lo, hi]) => [lo * align, Math.min(total, hi * align)]);
}

/** `array` itself when shared, else a shared scratch copy (contents copied when `copy`). */
const sharedView = <T extends FloatArray>(scratch: Scratch, array: T, copy: boolean): T =>
  isShared(array) ? array : scratch.like(array, copy);

type Part = [op: LinalgOp, begin: number, end: number];

async function runParts(workers: KernelWorkers, parts: Part[], flag?: Int32Array): Promise<boolean> {
  const results = await Promise.all(parts.map(([op, begin, end], w) => workers.run(w, { kind: 'linalg', op, begin, end, flag })));
  return results.every((r) => r.done === true);
}

/** One op over rows [begin, end) per range. */
const byRanges = (op: LinalgOp, ranges: Array<[number, number]>): Part[] => ranges.map(([begin, end]) => [op, begin, end]);

function gemmOnWorkers(workers: KernelWorkers, p: GemmParams, flag?: Int32Array): Promise<boolean> {
  return withScratch((scratch) => gemmOnShared(workers, scratch, p, flag));
}

async function gemmOnShared(workers: KernelWorkers, scratch: Scratch, p: GemmParams, flag?: Int32Array): Promise<boolean> {
  const c = sharedView(scratch, p.c, p.beta !== 0);
  const q: GemmParams = { ...p, a: sharedView(scratch, p.a, true), b: sharedView(scratch, p.b, true), c };
  // Row ranges, unless C is too short to give every worker a few 4-row strips.
  const parts: Part[] =
    p.m >= 8 * workers.size || p.m >= p.n
      ? byRanges({ name: 'gemm', p: q, j0: 0, j1: p.n }, splitAligned(p.m, workers.size, 4))
      : splitAligned(p.n, workers.size, 4).map(([j0, j1]) => [{ name: 'gemm', p: q, j0, j1 }, 0, p.m]);
  const done = await runParts(workers, parts, flag);
  if (done && c !== p.c) p.c.set(c);
  return done;
}

/** GEMM: inline when small, else across the workers. */
export async function gemmOnFallback(workers: KernelWorkers, p: GemmParams, flag?: Int32Array): Promise<boolean> {
  if (p.m * p.k * p.n <= FALLBACK_GEMM_INLINE_MAX_WORK || p.m * p.n <= 1) {
    gemm(p);
    return true;
  }
  return gemmOnWorkers(workers, p, flag);
}

/**
 * A batch of GEMMs: inline when small; items split across the workers when
 * there are enough of them, else item after item, each split by rows. An
 * item's bits never depend on the split (the kernel fixes each element's order).
 */
export async function gemmBatchOnFallback(workers: KernelWorkers, p: GemmBatchParams, flag?: Int32Array): Promise<boolean> {
  const count = p.aOffsets.length;
  if (p.m * p.k * p.n * count <= FALLBACK_GEMM_INLINE_MAX_WORK) return gemmBatchRange(p, 0, count, flag);
  if (count < 2 * workers.size) {
    for (let i = 0; i < count; i++) {
      if (!(await gemmOnFallback(workers, batchItem(p, i), flag))) return false;
    }
    return true;
  }
  return withScratch(async (scratch) => {
    const c = sharedView(scratch, p.c, p.beta !== 0);
    const q: GemmBatchParams = { ...p, a: sharedView(scratch, p.a, true), b: sharedView(scratch, p.b, true), c };
    const done = await runParts(workers, byRanges({ name: 'gemmBatch', p: q }, splitBlocks(count, workers.size)), flag);
    if (done && c !== p.c) p.c.set(c);
    return done;
  });
}

const allShared = (...arrays: FloatArray[]): boolean => arrays.every(isShared);

/** gemv: across the workers (split over y) when large and shared, else inline. */
export async function gemvOnFallback(workers: KernelWorkers, p: GemvParams, flag?: Int32Array): Promise<boolean> {
  if (p.m * p.n <= FALLBACK_INLINE_MAX_ELEMENTS || !allShared(p.a, p.x, p.y)) return gemvRange(p, 0, gemvOutLength(p), flag);
  return runParts(workers, byRanges({ name: 'gemv', p }, splitAligned(gemvOutLength(p), workers.size, 64)), flag);
}

/** transpose: across the workers (split over rows of out) when large and shared, else inline. */
export async function transposeOnFallback(
  workers: KernelWorkers,
  a: FloatArray,
  out: FloatArray,
  rows: number,
  cols: number,
  flag?: Int32Array,
): Promise<boolean> {
  if (a.length <= FALLBACK_INLINE_MAX_ELEMENTS || !allShared(a, out)) {
    transpose(a, out, rows, cols);
    return true;
  }
  // In place: the workers read a shared snapshot and write into a.
  return withScratch((scratch) => {
    const source = out === a ? scratch.like(a, true) : a;
    return runParts(workers, byRanges({ name: 'transpose', a: source, out, rows, cols }, splitAligned(cols, workers.size, 32)), flag);
  });
}

/** outer: across the workers (split over rows of out) when large and shared, else inline. */
export async function outerOnFallback(
  workers: KernelWorkers,
  x: FloatArray,
  y: FloatArray,
  out: FloatArray,
  flag?: Int32Array,
): Promise<boolean> {
  if (out.length <= FALLBACK_INLINE_MAX_ELEMENTS || !allShared(x, y, out)) {
    outer(x, y, out);
    return true;
  }
  return runParts(workers, byRanges({ name: 'outer', x, y, out }, splitAligned(x.length, workers.size, 1)), flag);
}
