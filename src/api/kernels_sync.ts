/** Every kernel's blocking twin (generated from the spec rows): what `corepool/sync` exports. */
export * from './generated_kernels_sync.js';
