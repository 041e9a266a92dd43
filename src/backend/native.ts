/** The only module that loads the native binding (house rule 1). */
import { createRequire } from 'node:module';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NumericArray } from '../dtypes.js';
import type { MapInput } from '../kernels/map.js';
import { RANDOM_KINDS } from '../kernels/random.js';
import type { FloatArray, GemmBatchParams } from '../kernels/matmul.js';
import type { Backend, SortLinesMethod, SortMethod } from './backend.js';
import type { IndexArray } from '../kernels/sort_steps.js';
import { INLINE_MAX_ELEMENTS } from './thresholds.js';
import { geometrySize, type Geometry } from '../kernels/strided.js';
import { HEADER_WORDS } from '../expr/program.js';

/**
 * The raw exports of native/addon.cc, in the order of
 * native/binding/exports.def. The Binding type is derived from this list, and
 * src/backend/binding_check.ts refuses an addon whose own export names differ.
 */
export const BINDING_EXPORTS = [
  'pool_configure',
  'pool_info',
  'kernel_names',
  'build_id',
  'reduce_async',
  'reduce_sync',
  'reduce_axis_async',
  'reduce_axis_sync',
  'map_async',
  'map_sync',
  'map_strided_async',
  'map_strided_sync',
  'scan_async',
  'scan_sync',
  'scan_lines_async',
  'scan_lines_sync',
  'hist_async',
  'hist_sync',
  'random_async',
  'random_sync',
  'sort_async',
  'sort_sync',
  'argsort_async',
  'argsort_sync',
  'partition_async',
  'partition_sync',
  'topk_async',
  'topk_sync',
  'searchsorted_async',
  'searchsorted_sync',
  'sort_lines_async',
  'sort_lines_sync',
  'gemm_async',
  'gemm_sync',
  'gemm_batch_async',
  'gemm_batch_sync',
  'gemv_async',
  'gemv_sync',
  'transpose_async',
  'transpose_sync',
  'outer_async',
  'outer_sync',
  'expr_async',
  'expr_sync',
] as const;
export type BindingExport = (typeof BINDING_EXPORTS)[number];

/** The raw exports of native/addon.cc; see native/binding/*.h for each contract. */
export type Binding = { readonly [K in BindingExport]: BindingSignatures[K] };

// Fails to compile when a signature below has no entry in BINDING_EXPORTS.
const SIGNATURES_ARE_LISTED: Exclude<keyof BindingSignatures, BindingExport> extends never ? true : false = true;
void SIGNATURES_ARE_LISTED;

interface BindingSignatures {
  pool_configure(threads: number): number;
  pool_info(): { threads: number; simd: string; napiVersion: number };
  /** Every table the wire addresses by position, as names in id order. */
  kernel_names(): { [K in 'reduce' | 'map' | 'scan' | 'random' | 'hist']: string[] };
  /** `abi<version>-<hash of the tables and export names>` (native/binding/addon_binding.h). */
  build_id(): string;
  reduce_async(id: number, a: NumericArray, b?: NumericArray, cancelFlag?: Int32Array): Promise<number>;
  reduce_sync(id: number, a: NumericArray, b?: NumericArray): number;
  reduce_axis_async(
    id: number,
    geometry: Float64Array,
    outerDims: number,
    a: NumericArray,
    out: NumericArray,
    cancelFlag?: Int32Array,
  ): Promise<boolean>;
  reduce_axis_sync(id: number, geometry: Float64Array, outerDims: number, a: NumericArray, out: NumericArray): void;
  /** (id, out, ...inputs, cancelFlag?) */
  map_async(id: number, out: NumericArray, ...rest: Array<MapInput | Int32Array | undefined>): Promise<boolean>;
  map_sync(id: number, out: NumericArray, ...ins: MapInput[]): void;
  map_strided_async(
    id: number,
    geometry: Float64Array,
    out: NumericArray,
    ...rest: Array<MapInput | Int32Array | undefined>
  ): Promise<boolean>;
  map_strided_sync(id: number, geometry: Float64Array, out: NumericArray, ...ins: MapInput[]): void;
  /** (kind, out, key0, key1, start, a, b, cancelFlag?); see native/binding/random_binding.h */
  random_async(
    kind: number,
    out: NumericArray,
    key0: number,
    key1: number,
    start: number,
    a: number,
    b: number,
    flag?: Int32Array,
  ): Promise<boolean>;
  random_sync(kind: number, out: NumericArray, key0: number, key1: number, start: number, a: number, b: number): void;
  scan_async(id: number, out: NumericArray, x: NumericArray, cancelFlag?: Int32Array): Promise<boolean>;
  scan_sync(id: number, out: NumericArray, x: NumericArray): void;
  scan_lines_async(
    id: number,
    out: NumericArray,
    x: NumericArray,
    outer: number,
    n: number,
    inner: number,
    cancelFlag?: Int32Array,
  ): Promise<boolean>;
  scan_lines_sync(id: number, out: NumericArray, x: NumericArray, outer: number, n: number, inner: number): void;
  /** (mode, counts, a, weights, edges, cancelFlag?); see native/binding/histogram_binding.h */
  hist_async(
    mode: number,
    counts: Float64Array,
    a: NumericArray,
    weights: NumericArray | undefined,
    edges: Float64Array | undefined,
    cancelFlag?: Int32Array,
  ): Promise<boolean>;
  hist_sync(mode: number, counts: Float64Array, a: NumericArray, weights: NumericArray | undefined, edges: Float64Array | undefined): void;
  // Sort family (the sort contract): stable, numpy order, in-place sort, index outputs.
  sort_async(a: NumericArray, descending: boolean, flag?: Int32Array): Promise<boolean>;
  sort_sync(a: NumericArray, descending: boolean): void;
  argsort_async(a: NumericArray, out: IndexArray, descending: boolean, flag?: Int32Array): Promise<boolean>;
  argsort_sync(a: NumericArray, out: IndexArray, descending: boolean): void;
  partition_async(a: NumericArray, k: number, values: NumericArray, indices: IndexArray, flag?: Int32Array): Promise<boolean>;
  partition_sync(a: NumericArray, k: number, values: NumericArray, indices: IndexArray): void;
  topk_async(a: NumericArray, k: number, largest: boolean, values: NumericArray, indices: IndexArray, flag?: Int32Array): Promise<boolean>;
  topk_sync(a: NumericArray, k: number, largest: boolean, values: NumericArray, indices: IndexArray): void;
  searchsorted_async(sorted: NumericArray, values: NumericArray, right: boolean, out: IndexArray, flag?: Int32Array): Promise<boolean>;
  searchsorted_sync(sorted: NumericArray, values: NumericArray, right: boolean, out: IndexArray): void;
  sort_lines_async(
    op: number,
    line: number,
    a: NumericArray,
    k: number,
    option: boolean,
    values: NumericArray | undefined,
    indices: IndexArray | undefined,
    flag?: Int32Array,
  ): Promise<boolean>;
  sort_lines_sync(
    op: number,
    line: number,
    a: NumericArray,
    k: number,
    option: boolean,
    values: NumericArray | undefined,
    indices: IndexArray | undefined,
  ): void;
  /** Linear algebra; see the contract in src/kernels/matmul.ts, gemv.ts, transpose.ts, outer.ts. */
  gemm_async(
    a: FloatArray,
    b: FloatArray,
    c: FloatArray,
    m: number,
    k: number,
    n: number,
    transA: boolean,
    transB: boolean,
    alpha: number,
    beta: number,
    flag?: Int32Array,
  ): Promise<boolean>;
  gemm_sync(
    a: FloatArray,
    b: FloatArray,
    c: FloatArray,
    m: number,
    k: number,
    n: number,
    transA: boolean,
    transB: boolean,
    alpha: number,
    beta: number,
  ): void;
  gemm_batch_async(
    a: FloatArray,
    b: FloatArray,
    c: FloatArray,
    m: number,
    k: number,
    n: number,
    transA: boolean,
    transB: boolean,
    alpha: number,
    beta: number,
    aOffsets: Float64Array,
    bOffsets: Float64Array,
    flag?: Int32Array,
  ): Promise<boolean>;
  gemm_batch_sync(
    a: FloatArray,
    b: FloatArray,
    c: FloatArray,
    m: number,
    k: number,
    n: number,
    transA: boolean,
    transB: boolean,
    alpha: number,
    beta: number,
    aOffsets: Float64Array,
    bOffsets: Float64Array,
  ): void;
  gemv_async(
    a: FloatArray,
    x: FloatArray,
    y: FloatArray,
    m: number,
    n: number,
    trans: boolean,
    alpha: number,
    beta: number,
    flag?: Int32Array,
  ): Promise<boolean>;
  gemv_sync(a: FloatArray, x: FloatArray, y: FloatArray, m: number, n: number, trans: boolean, alpha: number, beta: number): void;
  transpose_async(a: FloatArray, out: FloatArray, rows: number, cols: number, flag?: Int32Array): Promise<boolean>;
  transpose_sync(a: FloatArray, out: FloatArray, rows: number, cols: number): void;
  outer_async(x: FloatArray, y: FloatArray, out: FloatArray, flag?: Int32Array): Promise<boolean>;
  outer_sync(x: FloatArray, y: FloatArray, out: FloatArray): void;
  /** (program, arrays, cancelFlag?): NaN when cancelled, else 0 (store) or the value (reduce); see native/binding/expr_binding.h */
  expr_async(program: Float64Array, arrays: readonly NumericArray[], flag?: Int32Array): Promise<number>;
  expr_sync(program: Float64Array, arrays: readonly NumericArray[]): number;
}

/**
 * GEMMs of at most this many multiply-adds (m*k*n, 64^3) run as a blocking
 * call: at tens of GFLOP/s they take about as long as the 27-55 us async
 * hand-off (thresholds.ts).
 */
export const NATIVE_GEMM_INLINE_MAX_WORK = 262144;

/** Package root: dist/ and src/ both sit one level below it. */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Loads build/Release or the matching prebuild; throws when neither loads.
 * node-gyp-build prefers build/Release, so a local build left over from an
 * older checkout wins over a correct prebuild: select.ts checks the loaded
 * binary's tables and build id (binding_check.ts) and refuses a stale one.
 * COREPOOL_ADDON (private, for `npm run test:asan`) names another binary,
 * such as the ASan+UBSan build, so the test suites run unchanged against it;
 * it lives here because only this module may load the binding.
 */
export function loadBinding(): { binding: Binding; path: string } {
  const require = createRequire(import.meta.url);
  const override = process.env.COREPOOL_ADDON;
  if (override) {
    const path = resolvePath(override);
    return { binding: require(path) as Binding, path };
  }
  const gypBuild = require('node-gyp-build') as { path(dir: string): string };
  const path = gypBuild.path(PACKAGE_ROOT);
  return { binding: require(path) as Binding, path };
}

/**
 * The one "run inline when small, else async" rule: when `inline`, the
 * blocking export runs on this thread (the pool helps it) and its result or
 * error settles the promise, since a Promise-returning call must reject, not
 * throw; otherwise the async export queues the work.
 */
function gemmBatchSync(binding: Binding, p: GemmBatchParams): void {
  binding.gemm_batch_sync(p.a, p.b, p.c, p.m, p.k, p.n, p.transA, p.transB, p.alpha, p.beta, p.aOffsets, p.bOffsets);
}

function inlineOr<T>(inline: boolean, blocking: () => T, async: () => Promise<T>): Promise<T> {
  if (!inline) return async();
  try {
    return Promise.resolve(blocking());
  } catch (error) {
    return Promise.reject(error);
  }
}

/** A blocking export that fills its output, as inlineOr's result: true, like the async export. */
const filled = (call: () => void) => (): boolean => {
  call();
  return true;
};

// The binding reads a geometry from a Float64Array, copying it before it
// returns (async calls too), so one reused array carries every call's.
const WORDS = new Float64Array(2 + 32 + 4 * 33);

/** `geometry` in the reused Float64Array the binding reads (words past its end are ignored). */
function words(geometry: Geometry): Float64Array {
  WORDS.set(geometry);
  return WORDS;
}

/**
 * Elements a program (src/expr/program.ts) iterates: the product of its
 * geometry's shape, which starts at word HEADER_WORDS + 2. A malformed
 * program gives NaN (never small), and the async export then rejects it.
 */
function programSize(program: Float64Array): number {
  const ndim = program[HEADER_WORDS] ?? Number.NaN;
  let size = 1;
  for (let d = 0; d < ndim && d < 32; d++) size *= program[HEADER_WORDS + 2 + d] ?? Number.NaN;
  return size;
}

/** The size rule of every family but GEMM (thresholds.ts). */
const small = (n: number): boolean => n <= INLINE_MAX_ELEMENTS;

/** A backend on the native pool. `threads` sizes the pool if this process has not yet. */
export function createNativeBackend(binding: Binding, threads: number): Backend {
  binding.pool_configure(threads);
  const info = binding.pool_info();
  return {
    name: 'native',
    threads: info.threads,
    simd: info.simd,
    reduce(id, ops, flag) {
      const [a, b] = ops as [NumericArray, NumericArray?];
      return inlineOr(
        small(a.length),
        () => binding.reduce_sync(id, a, b),
        () => binding.reduce_async(id, a, b, flag),
      );
    },
    reduceSync(id, ops) {
      const [a, b] = ops as [NumericArray, NumericArray?];
      return binding.reduce_sync(id, a, b);
    },
    reduceAxis: (id, geometry, outerDims, a, out, flag) =>
      inlineOr(
        small(geometrySize(geometry)),
        filled(() => binding.reduce_axis_sync(id, geometry, outerDims, a, out)),
        () => binding.reduce_axis_async(id, geometry, outerDims, a, out, flag),
      ),
    reduceAxisSync(id, geometry, outerDims, a, out) {
      binding.reduce_axis_sync(id, geometry, outerDims, a, out);
    },
    map: (id, out, ins, flag) =>
      inlineOr(
        small(out.length),
        filled(() => binding.map_sync(id, out, ...ins)),
        () => binding.map_async(id, out, ...ins, flag),
      ),
    mapSync(id, out, ins) {
      binding.map_sync(id, out, ...ins);
    },
    mapStrided: (id, geometry, out, ins, flag) =>
      inlineOr(
        small(geometrySize(geometry)),
        filled(() => binding.map_strided_sync(id, words(geometry), out, ...ins)),
        () => binding.map_strided_async(id, words(geometry), out, ...ins, flag),
      ),
    mapStridedSync(id, geometry, out, ins) {
      binding.map_strided_sync(id, words(geometry), out, ...ins);
    },
    random(p, out, flag) {
      const kind = RANDOM_KINDS.indexOf(p.kind);
      return inlineOr(
        small(out.length),
        filled(() => binding.random_sync(kind, out, p.key0, p.key1, p.start, p.a, p.b)),
        () => binding.random_async(kind, out, p.key0, p.key1, p.start, p.a, p.b, flag),
      );
    },
    randomSync(p, out) {
      binding.random_sync(RANDOM_KINDS.indexOf(p.kind), out, p.key0, p.key1, p.start, p.a, p.b);
    },
    scan: (id, out, x, flag) =>
      inlineOr(
        small(x.length),
        filled(() => binding.scan_sync(id, out, x)),
        () => binding.scan_async(id, out, x, flag),
      ),
    scanSync(id, out, x) {
      binding.scan_sync(id, out, x);
    },
    scanLines: (id, out, x, outer, n, inner, flag) =>
      inlineOr(
        small(x.length),
        filled(() => binding.scan_lines_sync(id, out, x, outer, n, inner)),
        () => binding.scan_lines_async(id, out, x, outer, n, inner, flag),
      ),
    scanLinesSync(id, out, x, outer, n, inner) {
      binding.scan_lines_sync(id, out, x, outer, n, inner);
    },
    histogram: (spec, counts, flag) =>
      inlineOr(
        small(spec.a.length),
        filled(() => binding.hist_sync(spec.mode, counts, spec.a, spec.weights, spec.edges)),
        () => binding.hist_async(spec.mode, counts, spec.a, spec.weights, spec.edges, flag),
      ),
    histogramSync(spec, counts) {
      binding.hist_sync(spec.mode, counts, spec.a, spec.weights, spec.edges);
    },
    ...nativeSortMethods(binding),
    gemm: (p, flag) =>
      inlineOr(
        p.m * p.k * p.n <= NATIVE_GEMM_INLINE_MAX_WORK,
        filled(() => binding.gemm_sync(p.a, p.b, p.c, p.m, p.k, p.n, p.transA, p.transB, p.alpha, p.beta)),
        () => binding.gemm_async(p.a, p.b, p.c, p.m, p.k, p.n, p.transA, p.transB, p.alpha, p.beta, flag),
      ),
    gemmSync(p) {
      binding.gemm_sync(p.a, p.b, p.c, p.m, p.k, p.n, p.transA, p.transB, p.alpha, p.beta);
    },
    gemmBatch: (p, flag) =>
      inlineOr(
        p.m * p.k * p.n * p.aOffsets.length <= NATIVE_GEMM_INLINE_MAX_WORK,
        filled(() => gemmBatchSync(binding, p)),
        () => binding.gemm_batch_async(p.a, p.b, p.c, p.m, p.k, p.n, p.transA, p.transB, p.alpha, p.beta, p.aOffsets, p.bOffsets, flag),
      ),
    gemmBatchSync(p) {
      gemmBatchSync(binding, p);
    },
    gemv: (p, flag) =>
      inlineOr(
        small(p.a.length),
        filled(() => binding.gemv_sync(p.a, p.x, p.y, p.m, p.n, p.trans, p.alpha, p.beta)),
        () => binding.gemv_async(p.a, p.x, p.y, p.m, p.n, p.trans, p.alpha, p.beta, flag),
      ),
    gemvSync(p) {
      binding.gemv_sync(p.a, p.x, p.y, p.m, p.n, p.trans, p.alpha, p.beta);
    },
    transpose: (a, out, rows, cols, flag) =>
      inlineOr(
        small(a.length),
        filled(() => binding.transpose_sync(a, out, rows, cols)),
        () => binding.transpose_async(a, out, rows, cols, flag),
      ),
    transposeSync(a, out, rows, cols) {
      binding.transpose_sync(a, out, rows, cols);
    },
    outer: (x, y, out, flag) =>
      inlineOr(
        small(out.length),
        filled(() => binding.outer_sync(x, y, out)),
        () => binding.outer_async(x, y, out, flag),
      ),
    outerSync(x, y, out) {
      binding.outer_sync(x, y, out);
    },
    expr: (program, arrays, flag) =>
      inlineOr(
        small(programSize(program)),
        () => binding.expr_sync(program, arrays),
        () => binding.expr_async(program, arrays, flag),
      ),
    exprSync: (program, arrays) => binding.expr_sync(program, arrays),
  };
}

/** The sort part of the native backend (spread into createNativeBackend). */
function nativeSortMethods(b: Binding): Pick<Backend, SortMethod | SortLinesMethod> {
  return {
    sort: (a, desc, flag) =>
      inlineOr(
        small(a.length),
        filled(() => b.sort_sync(a, desc)),
        () => b.sort_async(a, desc, flag),
      ),
    sortSync: (a, desc) => b.sort_sync(a, desc),
    argsort: (a, out, desc, flag) =>
      inlineOr(
        small(a.length),
        filled(() => b.argsort_sync(a, out, desc)),
        () => b.argsort_async(a, out, desc, flag),
      ),
    argsortSync: (a, out, desc) => b.argsort_sync(a, out, desc),
    partition: (a, k, v, i, flag) =>
      inlineOr(
        small(a.length),
        filled(() => b.partition_sync(a, k, v, i)),
        () => b.partition_async(a, k, v, i, flag),
      ),
    partitionSync: (a, k, v, i) => b.partition_sync(a, k, v, i),
    topk: (a, k, lg, v, i, flag) =>
      inlineOr(
        small(a.length),
        filled(() => b.topk_sync(a, k, lg, v, i)),
        () => b.topk_async(a, k, lg, v, i, flag),
      ),
    topkSync: (a, k, lg, v, i) => b.topk_sync(a, k, lg, v, i),
    searchsorted: (s, v, r, out, flag) =>
      inlineOr(
        small(v.length),
        filled(() => b.searchsorted_sync(s, v, r, out)),
        () => b.searchsorted_async(s, v, r, out, flag),
      ),
    searchsortedSync: (s, v, r, out) => b.searchsorted_sync(s, v, r, out),
    sortLines: (op, line, a, k, option, v, i, flag) =>
      inlineOr(
        small(a.length),
        filled(() => b.sort_lines_sync(op, line, a, k, option, v, i)),
        () => b.sort_lines_async(op, line, a, k, option, v, i, flag),
      ),
    sortLinesSync: (op, line, a, k, option, v, i) => b.sort_lines_sync(op, line, a, k, option, v, i),
  };
}
