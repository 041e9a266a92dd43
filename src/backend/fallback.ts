/**
 * The worker_threads backend: the same kernels as TypeScript twins, with the
 * same block and combine order, so results match native bit for bit.
 */
import { isShared, type NumericArray } from '../dtypes.js';
import { blockCount } from '../kernels/blocks.js';
import { reduceTwin } from '../kernels/registry.js';
import { PARTIAL_FIELDS, type ReduceTwin } from '../kernels/reduce.js';
import { reduceInline, runBlocks } from '../kernels/run.js';
import type { Backend } from './backend.js';
import { KernelWorkers } from './kernel_workers.js';
import { FALLBACK_SLICE_BLOCKS, INLINE_MAX_ELEMENTS } from './thresholds.js';

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Ordinary buffers: read in place on this thread, yielding between slices. */
async function reduceSliced(twin: ReduceTwin, ops: readonly NumericArray[]): Promise<number> {
  const count = blockCount(ops[0]!.length);
  const parts = new Float64Array(count * PARTIAL_FIELDS);
  for (let first = 0; first < count; first += FALLBACK_SLICE_BLOCKS) {
    await yieldToLoop();
    const last = Math.min(count, first + FALLBACK_SLICE_BLOCKS);
    parts.set(runBlocks(twin, ops, first, last), first * PARTIAL_FIELDS);
  }
  return twin.total(parts, count, ops);
}

/** Shared buffers: contiguous block ranges, one per worker, zero-copy. */
async function reduceOnWorkers(workers: KernelWorkers, id: number, ops: readonly NumericArray[]): Promise<number> {
  const twin = reduceTwin(id);
  const count = blockCount(ops[0]!.length);
  const used = Math.min(workers.size, count);
  const runs: Array<Promise<Float64Array>> = [];
  let first = 0;
  for (let w = 0; w < used; w++) {
    // Earlier ranges take the remainder; boundaries stay whole blocks.
    const last = first + Math.floor(count / used) + (w < count % used ? 1 : 0);
    runs.push(workers.run(w, { kind: 'reduce', kernel: id, ops: [...ops], first, last }));
    first = last;
  }
  const pieces = await Promise.all(runs);
  const parts = new Float64Array(count * PARTIAL_FIELDS);
  let offset = 0;
  for (const piece of pieces) {
    parts.set(piece, offset);
    offset += piece.length;
  }
  return twin.total(parts, count, ops);
}

/** The fallback backend with `threads` lazily started workers. */
export function createFallbackBackend(threads: number): Backend {
  const workers = new KernelWorkers(threads);
  return {
    name: 'fallback',
    threads,
    simd: 'none',
    async reduce(id, ops) {
      const twin = reduceTwin(id);
      if (ops[0]!.length <= INLINE_MAX_ELEMENTS) return reduceInline(twin, ops);
      if (ops.every(isShared)) return reduceOnWorkers(workers, id, ops);
      return reduceSliced(twin, ops);
    },
    reduceSync(id, ops) {
      return reduceInline(reduceTwin(id), ops);
    },
  };
}
