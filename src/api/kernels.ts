/**
 * Every kernel's Promise form, one line per family: what `corepool` exports
 * and what the Pool's `kernels.*` references (src/pool/kernel_refs.ts) wrap.
 */
export * from './generated_kernels.js';
export { dot, norm } from './reductions.js';
export type { AxpyOptions } from './fused.js';
export type { DtypeLike } from './cast.js';
export * from './stats.js';
export type { ScanOptions } from './scans.js';
export {
  matmul,
  matvec,
  outer,
  transpose,
  type MatmulOptions,
  type MatrixDotOptions,
  type MatvecOptions,
  type OuterOptions,
  type TransposeOptions,
} from './linalg.js';
export type { BincountOptions, Histogram, HistogramOptions } from './histogram.js';
export type {
  IntegersOptions,
  NormalOptions,
  RandomFloatArray,
  RandomFloatArrayOf,
  RandomIntegerArray,
  RandomIntegerArrayOf,
  RandomIntegerDtype,
  RandomOptions,
  RandomSeed,
  UniformOptions,
} from './random.js';
export {
  argsort,
  partition,
  searchsorted,
  sort,
  topk,
  unique,
  type ArgsortOptions,
  type IndexArray,
  type SearchsortedOptions,
  type SignalOptions,
  type SortOptions,
  type TopkOptions,
  type UniqueCounts,
  type UniqueOptions,
  type ValuesAndIndices,
} from './sort.js';
