/** `corepool/sync`: blocking twins of every kernel. */
export {
  argmaxSync,
  argminSync,
  dotSync,
  maxSync,
  meanSync,
  minSync,
  normSync,
  sumSync,
} from './api/reductions_sync.js';
export {
  addSync,
  divSync,
  eqSync,
  geSync,
  gtSync,
  leSync,
  ltSync,
  maximumSync,
  minimumSync,
  mulSync,
  neSync,
  subSync,
} from './api/elementwise_sync.js';
export * from './api/unary_sync.js';
export * from './api/binary_math_sync.js';
export * from './api/fused_sync.js';
export * from './api/cast_sync.js';
export * from './api/stats_sync.js';
export * from './api/scans_sync.js';
export { matmulSync, matvecSync, outerSync, transposeSync } from './api/linalg_sync.js';
export * from './api/histogram_sync.js';
export * from './api/random_sync.js';
export * from './api/sort_sync.js';
