/**
 * The seam between the public API and an execution engine. Both engines take
 * validated arguments and return the same bits.
 */
import type { NumericArray } from '../dtypes.js';
import type { MapInput } from '../kernels/map.js';

export type BackendName = 'native' | 'fallback';

export interface Backend {
  readonly name: BackendName;
  /** Compute threads the engine runs kernels on. */
  readonly threads: number;
  /** Vector instruction set the native kernels use ('none' for the fallback). */
  readonly simd: string;
  /** Runs reduction `id` without blocking the event loop (small inputs run inline). */
  reduce(id: number, ops: readonly NumericArray[]): Promise<number>;
  /** Runs reduction `id` and blocks until done. */
  reduceSync(id: number, ops: readonly NumericArray[]): number;
  /**
   * Runs elementwise kernel `id` into `out`. Resolves false when `flag[0]`
   * became non-zero before every block ran.
   */
  map(id: number, out: NumericArray, ins: readonly MapInput[], flag?: Int32Array): Promise<boolean>;
  /** Runs elementwise kernel `id` into `out`, blocking until done. */
  mapSync(id: number, out: NumericArray, ins: readonly MapInput[]): void;
}
