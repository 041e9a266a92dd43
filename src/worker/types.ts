/** Every message that crosses between the fallback backend and its workers. */
import type { Geometry } from '../kernels/strided.js';
import type { SerializedError } from '../errors.js';
import type { NumericArray } from '../dtypes.js';
import type { MapInput } from '../kernels/map.js';
import type { HistSpec } from '../kernels/histogram.js';
import type { ScanChainState } from './scan_chain.js';
import type { RandomParams } from '../kernels/random.js';
import type { SortStep } from '../kernels/sort_steps.js';
import type { FloatArray, GemmBatchParams, GemmParams } from '../kernels/matmul.js';
import type { GemvParams } from '../kernels/gemv.js';

/** Main → worker: compute the partials of blocks [first, last) of reduction `kernel`. */
export interface ReduceTask {
  kind: 'reduce';
  id: number;
  kernel: number;
  /** SharedArrayBuffer-backed views: they arrive as views of the same memory. */
  ops: NumericArray[];
  first: number;
  last: number;
  /** Shared Int32Array set to 1 on abort; later blocks are skipped. */
  flag?: Int32Array | undefined;
}

/** Main → worker: reduce outputs [first, last) of a reduce-over-axes call into shared `out` (Backend.reduceAxis). */
export interface ReduceAxisTask {
  kind: 'reduceAxis';
  id: number;
  kernel: number;
  geometry: Float64Array;
  outerDims: number;
  a: NumericArray;
  out: NumericArray;
  first: number;
  last: number;
  /** Shared Int32Array set to 1 on abort; checked between outputs. */
  flag?: Int32Array | undefined;
}

/** Main → worker: run blocks [first, last) of elementwise `kernel` into shared `out`. */
export interface MapTask {
  kind: 'map';
  id: number;
  kernel: number;
  ins: MapInput[];
  out: NumericArray;
  /** n-dimensional views (src/kernels/strided.ts) when present; else flat arrays. */
  geometry?: Geometry | undefined;
  first: number;
  last: number;
  /** Shared Int32Array set to 1 on abort; checked between blocks. */
  flag: Int32Array | undefined;
}

/** Main → worker: fill blocks [first, last) of shared `out` from a random stream. */
export interface RandomTask {
  kind: 'random';
  id: number;
  params: RandomParams;
  out: NumericArray;
  first: number;
  last: number;
  /** Shared Int32Array set to 1 on abort; checked between blocks. */
  flag: Int32Array | undefined;
}

/** Main → worker: worker `worker` of `workers` runs its blocks of a one-pass scan of shared `x` into shared `out`. */
export interface ScanChainTask {
  kind: 'scanChain';
  id: number;
  kernel: number;
  x: NumericArray;
  out: NumericArray;
  worker: number;
  workers: number;
  chain: ScanChainState;
  flag: Int32Array | undefined;
}

/** Main → worker: units [first, last) of a scan along the middle axis of shared contiguous [outer, n, inner] x into shared out. */
export interface ScanLinesTask {
  kind: 'scanLines';
  id: number;
  kernel: number;
  x: NumericArray;
  out: NumericArray;
  n: number;
  inner: number;
  first: number;
  last: number;
  flag: Int32Array | undefined;
}

/** Main → worker: count histogram parts [first, last) of shared `spec.a`. */
export interface HistTask {
  kind: 'hist';
  id: number;
  spec: HistSpec;
  first: number;
  last: number;
  flag: Int32Array | undefined;
}

/** One linear-algebra operation over shared memory (see src/kernels/matmul.ts, gemv.ts, transpose.ts, outer.ts). */
export type LinalgOp =
  | { name: 'gemm'; p: GemmParams; j0: number; j1: number }
  | { name: 'gemmBatch'; p: GemmBatchParams }
  | { name: 'gemv'; p: GemvParams }
  | { name: 'transpose'; a: FloatArray; out: FloatArray; rows: number; cols: number }
  | { name: 'outer'; x: FloatArray; y: FloatArray; out: FloatArray };

/** Main → worker: rows [begin, end) of the operation's output (gemm: rows of C x columns [j0, j1); gemmBatch: items). */
export interface LinalgTask {
  kind: 'linalg';
  id: number;
  op: LinalgOp;
  begin: number;
  end: number;
  flag: Int32Array | undefined;
}

/** Main → worker: one step of the sort family over shared arrays (src/kernels/sort_steps.ts). */
export interface SortTask {
  kind: 'sort';
  id: number;
  step: SortStep;
  flag: Int32Array | undefined;
}

/** Main → worker: blocks [first, last) of an expression program (src/expr/program.ts) over shared arrays. */
export interface ExprTask {
  kind: 'expr';
  id: number;
  program: Float64Array;
  arrays: NumericArray[];
  first: number;
  last: number;
  flag: Int32Array | undefined;
}

export type TaskMessage =
  | ExprTask
  | ReduceTask
  | ReduceAxisTask
  | MapTask
  | RandomTask
  | ScanChainTask
  | ScanLinesTask
  | HistTask
  | LinalgTask
  | SortTask;

/** What a task produced: partials for a reduction, completion for a map. */
export interface TaskOutput {
  parts?: Float64Array;
  /** False when the abort flag stopped the task early. */
  done?: boolean;
}

/** Worker → main: a task's result. */
export type ResultMessage = ({ id: number; ok: true } & TaskOutput) | { id: number; ok: false; error: SerializedError };
