/**
 * The worker_threads backend: the same kernels as TypeScript twins, with the
 * same block and combine order, so results match native bit for bit.
 */
import { isShared, type NumericArray } from '../dtypes.js';
import { blockCount } from '../kernels/blocks.js';
import { MAP_BLOCK, runMapBlocks, type MapInput, type MapTwin } from '../kernels/map.js';
import { runStridedMapBlocks } from '../kernels/map_strided.js';
import { geometrySize, type Geometry } from '../kernels/strided.js';
import { mapTwin, reduceTwin } from '../kernels/registry.js';
import { PARTIAL_FIELDS, type ReduceTwin } from '../kernels/reduce.js';
import { reduceInline, runBlocks } from '../kernels/run.js';
import type { Backend } from './backend.js';
import { KernelWorkers, splitBlocks } from './kernel_workers.js';
import { randomOnFallback, randomSyncOnFallback } from './fallback_random.js';
import {
  histOnFallback,
  histSyncOnFallback,
  scanLinesOnFallback,
  scanLinesSyncOnFallback,
  scanOnFallback,
  scanSyncOnFallback,
} from './fallback_stats.js';
import { settleAttached, throwIfDetached } from '../validate.js';
import { FALLBACK_INLINE_MAX_ELEMENTS, FALLBACK_SLICE_BLOCKS } from './thresholds.js';
import { fallbackSortMethods } from './fallback_sort.js';
import { exprOnFallback, exprSyncOnFallback } from './fallback_expr.js';
import { reduceAxisOnFallback, reduceAxisSyncOnFallback } from './fallback_reduce_axis.js';
import { fallbackSortLineMethods } from './fallback_sort_lines.js';
import { gemmBatchOnFallback, gemmOnFallback, gemvOnFallback, outerOnFallback, transposeOnFallback } from './fallback_linalg.js';
import { gemm, gemmBatchRange } from '../kernels/matmul.js';
import { gemv } from '../kernels/gemv.js';
import { outer } from '../kernels/outer.js';
import { transpose } from '../kernels/transpose.js';

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Ordinary buffers: read in place on this thread, yielding between slices. */
async function reduceSliced(twin: ReduceTwin, ops: readonly NumericArray[], flag?: Int32Array): Promise<number> {
  const count = blockCount(ops[0]!.length);
  const parts = new Float64Array(count * PARTIAL_FIELDS);
  for (let first = 0; first < count; first += FALLBACK_SLICE_BLOCKS) {
    await yieldToLoop();
    throwIfDetached(ops);
    if (flag !== undefined && Atomics.load(flag, 0) !== 0) return NaN;
    const last = Math.min(count, first + FALLBACK_SLICE_BLOCKS);
    parts.set(runBlocks(twin, ops, first, last), first * PARTIAL_FIELDS);
  }
  return twin.total(parts, count, ops);
}

/** Shared buffers: contiguous block ranges, one per worker, zero-copy. */
async function reduceOnWorkers(workers: KernelWorkers, id: number, ops: readonly NumericArray[], flag?: Int32Array): Promise<number> {
  const twin = reduceTwin(id);
  const count = blockCount(ops[0]!.length);
  const pieces = await Promise.all(
    splitBlocks(count, workers.size).map(([first, last], w) =>
      workers.run(w, { kind: 'reduce', kernel: id, ops: [...ops], first, last, flag }),
    ),
  );
  const parts = new Float64Array(count * PARTIAL_FIELDS);
  let offset = 0;
  for (const piece of pieces) {
    parts.set(piece.parts!, offset);
    offset += piece.parts!.length;
  }
  return twin.total(parts, count, ops);
}

/** The elements a map call covers: out's length, or its geometry's size. */
const mapSize = (out: NumericArray, geometry?: Geometry): number => (geometry === undefined ? out.length : geometrySize(geometry));

/** Runs blocks [first, last) of a flat or strided map call on this thread. */
function mapBlocks(
  twin: MapTwin,
  geometry: Geometry | undefined,
  ins: readonly MapInput[],
  out: NumericArray,
  first: number,
  last: number,
  flag?: Int32Array,
): boolean {
  return geometry === undefined
    ? runMapBlocks(twin, ins, out, first, last, flag)
    : runStridedMapBlocks(twin, geometry, ins, out, first, last, flag);
}

async function mapOnWorkers(
  workers: KernelWorkers,
  id: number,
  geometry: Geometry | undefined,
  out: NumericArray,
  ins: readonly MapInput[],
  flag?: Int32Array,
): Promise<boolean> {
  const count = blockCount(mapSize(out, geometry), MAP_BLOCK);
  const results = await Promise.all(
    splitBlocks(count, workers.size).map(([first, last], w) =>
      workers.run(w, { kind: 'map', kernel: id, ins: [...ins], out, geometry, first, last, flag }),
    ),
  );
  return results.every((r) => r.done === true);
}

/** Ordinary buffers: run on this thread, yielding between slices. */
async function mapSliced(
  twin: MapTwin,
  geometry: Geometry | undefined,
  out: NumericArray,
  ins: readonly MapInput[],
  flag?: Int32Array,
): Promise<boolean> {
  const count = blockCount(mapSize(out, geometry), MAP_BLOCK);
  for (let first = 0; first < count; first += FALLBACK_SLICE_BLOCKS) {
    await yieldToLoop();
    throwIfDetached([out, ...ins]);
    if (!mapBlocks(twin, geometry, ins, out, first, Math.min(count, first + FALLBACK_SLICE_BLOCKS), flag)) return false;
  }
  return true;
}

/** A flat (no geometry) or strided map call, inline, on workers or sliced by its size and buffers. */
function mapOnFallback(
  workers: KernelWorkers,
  id: number,
  geometry: Geometry | undefined,
  out: NumericArray,
  ins: readonly MapInput[],
  flag?: Int32Array,
): Promise<boolean> {
  return settleAttached([out, ...ins], async () => {
    const twin = mapTwin(id);
    const size = mapSize(out, geometry);
    if (size <= FALLBACK_INLINE_MAX_ELEMENTS) return mapBlocks(twin, geometry, ins, out, 0, blockCount(size, MAP_BLOCK), flag);
    if (sharedArrays(out, ins)) return mapOnWorkers(workers, id, geometry, out, ins, flag);
    return mapSliced(twin, geometry, out, ins, flag);
  });
}

const sharedArrays = (out: NumericArray, ins: readonly MapInput[]): boolean =>
  isShared(out) && ins.every((x) => typeof x === 'number' || isShared(x));

/** The fallback backend with `threads` lazily started workers. */
export function createFallbackBackend(threads: number): Backend {
  const workers = new KernelWorkers(threads);
  return {
    name: 'fallback',
    threads,
    simd: 'none',
    reduce: (id, ops, flag) =>
      settleAttached(ops, async () => {
        const twin = reduceTwin(id);
        if (ops[0]!.length <= FALLBACK_INLINE_MAX_ELEMENTS) return reduceInline(twin, ops);
        if (ops.every(isShared)) return reduceOnWorkers(workers, id, ops, flag);
        return reduceSliced(twin, ops, flag);
      }),
    reduceSync(id, ops) {
      return reduceInline(reduceTwin(id), ops);
    },
    reduceAxis: (id, geometry, outerDims, a, out, flag) => reduceAxisOnFallback(workers, id, geometry, outerDims, a, out, flag),
    reduceAxisSync: reduceAxisSyncOnFallback,
    map: (id, out, ins, flag) => mapOnFallback(workers, id, undefined, out, ins, flag),
    mapSync(id, out, ins) {
      runMapBlocks(mapTwin(id), ins, out, 0, blockCount(out.length, MAP_BLOCK));
    },
    mapStrided: (id, geometry, out, ins, flag) => mapOnFallback(workers, id, geometry, out, ins, flag),
    mapStridedSync(id, geometry, out, ins) {
      runStridedMapBlocks(mapTwin(id), geometry, ins, out, 0, blockCount(geometrySize(geometry), MAP_BLOCK));
    },
    expr: (program, arrays, flag) => exprOnFallback(workers, program, arrays, flag),
    exprSync: exprSyncOnFallback,
    random: (params, out, flag) => settleAttached([out], () => randomOnFallback(workers, params, out, flag)),
    randomSync(params, out) {
      randomSyncOnFallback(params, out);
    },
    scan: (id, out, x, flag) => settleAttached([out, x], () => scanOnFallback(workers, id, out, x, flag)),
    scanSync(id, out, x) {
      scanSyncOnFallback(id, out, x);
    },
    scanLines: (id, out, x, _outer, n, inner, flag) =>
      settleAttached([out, x], () => scanLinesOnFallback(workers, id, out, x, n, inner, flag)),
    scanLinesSync(id, out, x, _outer, n, inner) {
      scanLinesSyncOnFallback(id, out, x, n, inner);
    },
    histogram: (spec, counts, flag) =>
      settleAttached([spec.a, spec.weights, spec.edges, counts], () => histOnFallback(workers, spec, counts, flag)),
    histogramSync(spec, counts) {
      histSyncOnFallback(spec, counts);
    },
    ...fallbackSortMethods(workers),
    ...fallbackSortLineMethods(workers),
    gemm: (p, flag) => settleAttached([p.a, p.b, p.c], () => gemmOnFallback(workers, p, flag)),
    gemmSync: gemm,
    gemmBatch: (p, flag) => settleAttached([p.a, p.b, p.c], () => gemmBatchOnFallback(workers, p, flag)),
    gemmBatchSync(p) {
      gemmBatchRange(p, 0, p.aOffsets.length);
    },
    gemv: (p, flag) => settleAttached([p.a, p.x, p.y], () => gemvOnFallback(workers, p, flag)),
    gemvSync: gemv,
    transpose: (a, out, rows, cols, flag) => settleAttached([a, out], () => transposeOnFallback(workers, a, out, rows, cols, flag)),
    transposeSync: transpose,
    outer: (x, y, out, flag) => settleAttached([x, y, out], () => outerOnFallback(workers, x, y, out, flag)),
    outerSync: outer,
  };
}
