/** Every kernel's blocking twin, one line per family: what `corepool/sync` exports. */
export * from './generated_kernels_sync.js';
export * from './binary_math_sync.js';
export * from './fused_sync.js';
export * from './cast_sync.js';
export * from './histogram_sync.js';
export * from './random_sync.js';
