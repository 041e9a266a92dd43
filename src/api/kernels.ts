/**
 * Every kernel's Promise form (generated from the spec rows) and the types
 * their signatures use: what `corepool` exports and what the Pool's
 * `kernels.*` references (src/pool/kernel_refs.ts) wrap.
 */
export * from './generated_kernels.js';
export type { AxisReduceOptions, NormOptions, ReduceOptions, VarOptions } from './stats.js';
export type { AxpyOptions } from './fused.js';
export type { DtypeLike } from './cast.js';
export type { ScanOptions } from './scans.js';
export type { MatmulOptions, MatrixDotOptions, MatvecOptions, OuterOptions, TransposeOptions } from './linalg.js';
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
export type {
  ArgsortOptions,
  IndexArray,
  PartitionOptions,
  SearchsortedOptions,
  SignalOptions,
  SortOptions,
  TopkOptions,
  UniqueCounts,
  UniqueOptions,
  ValuesAndIndices,
} from './sort_args.js';
export type { NDValuesAndIndices } from './sort_nd.js';
