/**
 * The seam between the public API and an execution engine. Both engines take
 * validated arguments and return the same bits.
 */
import type { Geometry } from '../kernels/strided.js';
import type { NumericArray } from '../dtypes.js';
import type { MapInput } from '../kernels/map.js';
import type { HistSpec } from '../kernels/histogram.js';
import type { RandomParams } from '../kernels/random.js';
import type { IndexArray } from '../kernels/sort_steps.js';
import type { FloatArray, GemmBatchParams, GemmParams } from '../kernels/matmul.js';
import type { GemvParams } from '../kernels/gemv.js';

export type BackendName = 'native' | 'fallback';

/** The sort family's methods of a Backend. */
export type SortMethod = `${'sort' | 'argsort' | 'partition' | 'topk' | 'searchsorted'}${'' | 'Sync'}`;
/** The sort family's per-line methods of a Backend (the n-D sort family). */
export type SortLinesMethod = 'sortLines' | 'sortLinesSync';

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
   * One-operand reduction `id` of each line of `a` over some axes: `geometry`
   * (one operand) lays a out with the `outerDims` kept axes first and the
   * reduced axes after (offset 0 on those); one result per output, in C
   * order, goes to the C-contiguous `out`. Each line is reduced exactly as
   * the flat kernel reduces a contiguous copy of it. Resolves false when
   * `flag` stopped it.
   */
  reduceAxis(
    id: number,
    geometry: Float64Array,
    outerDims: number,
    a: NumericArray,
    out: NumericArray,
    flag?: Int32Array,
  ): Promise<boolean>;
  /** {@link Backend.reduceAxis}, blocking until done. */
  reduceAxisSync(id: number, geometry: Float64Array, outerDims: number, a: NumericArray, out: NumericArray): void;
  /**
   * Runs elementwise kernel `id` into `out`. Resolves false when `flag[0]`
   * became non-zero before every block ran.
   */
  map(id: number, out: NumericArray, ins: readonly MapInput[], flag?: Int32Array): Promise<boolean>;
  /** Runs elementwise kernel `id` into `out`, blocking until done. */
  mapSync(id: number, out: NumericArray, ins: readonly MapInput[]): void;
  /**
   * Runs elementwise kernel `id` over n-dimensional views: `geometry`
   * (src/kernels/strided.ts) lays out `out` as operand 0 and input k as
   * operand 1 + k. Resolves false when `flag[0]` became non-zero first.
   */
  mapStrided(id: number, geometry: Geometry, out: NumericArray, ins: readonly MapInput[], flag?: Int32Array): Promise<boolean>;
  /** {@link Backend.mapStrided}, blocking until done. */
  mapStridedSync(id: number, geometry: Geometry, out: NumericArray, ins: readonly MapInput[]): void;
  /**
   * Runs an array-expression program (src/expr/program.ts), binding b being
   * `arrays[b]`. Resolves NaN when `flag[0]` became non-zero before every
   * block ran, else 0 in store mode and the reduced value in reduce mode.
   */
  expr(program: Float64Array, arrays: readonly NumericArray[], flag?: Int32Array): Promise<number>;
  /** {@link Backend.expr}, blocking until done. */
  exprSync(program: Float64Array, arrays: readonly NumericArray[]): number;
  /** Fills `out` from a random stream. Resolves false when `flag[0]` became non-zero first. */
  random(params: RandomParams, out: NumericArray, flag?: Int32Array): Promise<boolean>;
  /** Fills `out` from a random stream, blocking until done. */
  randomSync(params: RandomParams, out: NumericArray): void;
  /** Scan `id` (cumsum, cumprod) of x into out. Resolves false when `flag[0]` became non-zero first. */
  scan(id: number, out: NumericArray, x: NumericArray, flag?: Int32Array): Promise<boolean>;
  /** Scan `id` of x into out, blocking until done. */
  scanSync(id: number, out: NumericArray, x: NumericArray): void;
  /**
   * Scan `id` along the middle axis of C-contiguous [outer, n, inner] x into
   * out (same layout), each line exactly as the flat scan of that line.
   * Resolves false when `flag[0]` became non-zero first.
   */
  scanLines(id: number, out: NumericArray, x: NumericArray, outer: number, n: number, inner: number, flag?: Int32Array): Promise<boolean>;
  /** {@link Backend.scanLines}, blocking until done. */
  scanLinesSync(id: number, out: NumericArray, x: NumericArray, outer: number, n: number, inner: number): void;
  /** Adds the histogram/bincount of `spec` into `counts` (zeros). False when `flag[0]` stopped it. */
  histogram(spec: HistSpec, counts: Float64Array, flag?: Int32Array): Promise<boolean>;
  /** The same, blocking until done. */
  histogramSync(spec: HistSpec, counts: Float64Array): void;
  /** C = alpha * op(A) * op(B) + beta * C (src/kernels/matmul.ts). Resolves false when `flag[0]` stopped it. */
  gemm(p: GemmParams, flag?: Int32Array): Promise<boolean>;
  /** The same, blocking until done. */
  gemmSync(p: GemmParams): void;
  /** Every product of a batch (src/kernels/matmul.ts GemmBatchParams); each item's bits as gemm's. */
  gemmBatch(p: GemmBatchParams, flag?: Int32Array): Promise<boolean>;
  /** The same, blocking until done. */
  gemmBatchSync(p: GemmBatchParams): void;
  /** y = alpha * op(A) * x + beta * y (src/kernels/gemv.ts). False when `flag[0]` stopped it. */
  gemv(p: GemvParams, flag?: Int32Array): Promise<boolean>;
  /** The same, blocking until done. */
  gemvSync(p: GemvParams): void;
  /** out (cols x rows) = A^T; out === a transposes in place. False when `flag[0]` stopped it. */
  transpose(a: FloatArray, out: FloatArray, rows: number, cols: number, flag?: Int32Array): Promise<boolean>;
  /** The same, blocking until done. */
  transposeSync(a: FloatArray, out: FloatArray, rows: number, cols: number): void;
  /** out (x.length x y.length) = x y^T. False when `flag[0]` stopped it. */
  outer(x: FloatArray, y: FloatArray, out: FloatArray, flag?: Int32Array): Promise<boolean>;
  /** The same, blocking until done. */
  outerSync(x: FloatArray, y: FloatArray, out: FloatArray): void;
  // Sort family (docs/sort contract): stable, numpy order; resolve false when `flag[0]` stopped it.
  /** Sorts a in place (descending: NaN first, ties keep input order). */
  sort(a: NumericArray, descending: boolean, flag?: Int32Array): Promise<boolean>;
  sortSync(a: NumericArray, descending: boolean): void;
  /** out = the stable sorting permutation of a (a is not modified). */
  argsort(a: NumericArray, out: IndexArray, descending: boolean, flag?: Int32Array): Promise<boolean>;
  argsortSync(a: NumericArray, out: IndexArray, descending: boolean): void;
  /** Stable three-way partition around the key at ascending rank k, with input positions. */
  partition(a: NumericArray, k: number, values: NumericArray, indices: IndexArray, flag?: Int32Array): Promise<boolean>;
  partitionSync(a: NumericArray, k: number, values: NumericArray, indices: IndexArray): void;
  /** The first k entries of the stable sort (descending when largest). */
  topk(a: NumericArray, k: number, largest: boolean, values: NumericArray, indices: IndexArray, flag?: Int32Array): Promise<boolean>;
  topkSync(a: NumericArray, k: number, largest: boolean, values: NumericArray, indices: IndexArray): void;
  /**
   * Flat kernel `op` (SORT_LINE_OPS: sort in place, or into `values` when
   * given, a then only read; argsort, partition, topk)
   * on each contiguous line of `line` elements of a; `option` is descending
   * (sort, argsort) or largest (topk); values and indices hold the lines'
   * results back to back (indices count within the line).
   */
  sortLines(
    op: number,
    line: number,
    a: NumericArray,
    k: number,
    option: boolean,
    values: NumericArray | undefined,
    indices: IndexArray | undefined,
    flag?: Int32Array,
  ): Promise<boolean>;
  sortLinesSync(
    op: number,
    line: number,
    a: NumericArray,
    k: number,
    option: boolean,
    values: NumericArray | undefined,
    indices: IndexArray | undefined,
  ): void;
  /** numpy searchsorted of values (same dtype as sorted) into out. */
  searchsorted(sorted: NumericArray, values: NumericArray, right: boolean, out: IndexArray, flag?: Int32Array): Promise<boolean>;
  searchsortedSync(sorted: NumericArray, values: NumericArray, right: boolean, out: IndexArray): void;
}
