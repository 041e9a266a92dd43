/**
 * The seam between the public API and an execution engine. Both engines take
 * validated arguments and return the same bits.
 */
import type { NumericArray } from '../dtypes.js';
import type { MapInput } from '../kernels/map.js';
import type { HistSpec } from '../kernels/histogram.js';
import type { RandomParams } from '../kernels/random.js';

export type BackendName = 'native' | 'fallback';

export interface Backend {
  readonly name: BackendName;
  /** Compute threads the engine runs kernels on. */
  readonly threads: number;
  /** Vector instruction set the native kernels use ('none' for the fallback). */
  readonly simd: string;
  /**
   * Runs reduction `id` without blocking the event loop (small inputs run
   * inline). Blocks starting after `flag[0]` became non-zero are skipped and
   * the value is then meaningless: the caller that set the flag rejects.
   */
  reduce(id: number, ops: readonly NumericArray[], flag?: Int32Array): Promise<number>;
  /** Runs reduction `id` and blocks until done. */
  reduceSync(id: number, ops: readonly NumericArray[]): number;
  /**
   * Runs elementwise kernel `id` into `out`. Resolves false when `flag[0]`
   * became non-zero before every block ran.
   */
  map(id: number, out: NumericArray, ins: readonly MapInput[], flag?: Int32Array): Promise<boolean>;
  /** Runs elementwise kernel `id` into `out`, blocking until done. */
  mapSync(id: number, out: NumericArray, ins: readonly MapInput[]): void;
  /** Fills `out` from a random stream. Resolves false when `flag[0]` became non-zero first. */
  random(params: RandomParams, out: NumericArray, flag?: Int32Array): Promise<boolean>;
  /** Fills `out` from a random stream, blocking until done. */
  randomSync(params: RandomParams, out: NumericArray): void;
  /** Scan `id` (cumsum, cumprod) of x into out. Resolves false when `flag[0]` became non-zero first. */
  scan(id: number, out: NumericArray, x: NumericArray, flag?: Int32Array): Promise<boolean>;
  /** Scan `id` of x into out, blocking until done. */
  scanSync(id: number, out: NumericArray, x: NumericArray): void;
  /** Adds the histogram/bincount of `spec` into `counts` (zeros). False when `flag[0]` stopped it. */
  histogram(spec: HistSpec, counts: Float64Array, flag?: Int32Array): Promise<boolean>;
  /** The same, blocking until done. */
  histogramSync(spec: HistSpec, counts: Float64Array): void;
}
