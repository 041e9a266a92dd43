/**
 * The fallback's reduce-over-axes: the twin engine (src/kernels/reduce_axis.ts)
 * inline for small inputs, on the workers (outputs split into one range per
 * worker) when the input and the result are SharedArrayBuffer-backed, and
 * otherwise on this thread in slices that yield to the event loop.
 */
import { isShared, type NumericArray } from '../dtypes.js';
import { REDUCE_BLOCK } from '../kernels/blocks.js';
import { reduceTwin } from '../kernels/registry.js';
import { axisLayout, runReduceAxis } from '../kernels/reduce_axis.js';
import { geometrySize } from '../kernels/strided.js';
import { settleAttached, throwIfDetached } from '../validate.js';
import { type KernelWorkers, splitBlocks } from './kernel_workers.js';
import { FALLBACK_INLINE_MAX_ELEMENTS, FALLBACK_SLICE_BLOCKS } from './thresholds.js';

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Blocking: the whole call on this thread. */
export function reduceAxisSyncOnFallback(id: number, geometry: Float64Array, outerDims: number, a: NumericArray, out: NumericArray): void {
  const layout = axisLayout(geometry, outerDims);
  runReduceAxis(reduceTwin(id), layout, a, out, 0, layout.outputs);
}

/** Resolves false when `flag` stopped the call. */
export function reduceAxisOnFallback(
  workers: KernelWorkers,
  id: number,
  geometry: Float64Array,
  outerDims: number,
  a: NumericArray,
  out: NumericArray,
  flag?: Int32Array,
): Promise<boolean> {
  return settleAttached([a, out], async () => {
    const twin = reduceTwin(id);
    const layout = axisLayout(geometry, outerDims);
    const stopped = (): boolean => flag !== undefined && Atomics.load(flag, 0) !== 0;
    if (geometrySize(geometry) <= FALLBACK_INLINE_MAX_ELEMENTS) {
      runReduceAxis(twin, layout, a, out, 0, layout.outputs, flag);
      return !stopped();
    }
    if (isShared(a) && isShared(out)) {
      const results = await Promise.all(
        splitBlocks(layout.outputs, workers.size).map(([first, last], w) =>
          workers.run(w, { kind: 'reduceAxis', kernel: id, geometry, outerDims, a, out, first, last, flag }),
        ),
      );
      return results.every((r) => r.done === true);
    }
    // A slice covers about FALLBACK_SLICE_BLOCKS blocks' worth of elements.
    const step = Math.max(1, Math.floor((FALLBACK_SLICE_BLOCKS * REDUCE_BLOCK) / Math.max(1, layout.line)));
    for (let first = 0; first < layout.outputs; first += step) {
      await yieldToLoop();
      throwIfDetached([a, out]);
      if (stopped()) return false;
      runReduceAxis(twin, layout, a, out, first, Math.min(layout.outputs, first + step), flag);
    }
    return !stopped();
  });
}
