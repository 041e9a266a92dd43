/** `corepool/sync`: blocking twins of every kernel. */
export * from './api/kernels_sync.js';
export { evaluateSync } from './api/expr.js';
