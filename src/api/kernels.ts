/**
 * Every kernel's Promise form, one line per family: what `corepool` exports
 * and what the Pool's `kernels.*` references (src/pool/kernel_refs.ts) wrap.
 */
export * from './generated_kernels.js';
export type { NormOptions, ReduceOptions, VarOptions } from './stats.js';
export * from './binary_math.js';
export * from './fused.js';
export * from './cast.js';
export type { ScanOptions } from './scans.js';
export type { MatmulOptions, MatrixDotOptions, MatvecOptions, OuterOptions, TransposeOptions } from './linalg.js';
export * from './histogram.js';
export * from './random.js';
export type {
  ArgsortOptions,
  IndexArray,
  SearchsortedOptions,
  SignalOptions,
  SortOptions,
  TopkOptions,
  UniqueCounts,
  UniqueOptions,
  ValuesAndIndices,
} from './sort.js';
