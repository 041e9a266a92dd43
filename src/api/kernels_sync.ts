/** Every kernel's blocking twin, one line per family: what `corepool/sync` exports. */
export * from './generated_kernels_sync.js';
export { dotSync, normSync } from './reductions_sync.js';
export * from './stats_sync.js';
export { matmulSync, matvecSync, outerSync, transposeSync } from './linalg_sync.js';
export * from './sort_sync.js';
