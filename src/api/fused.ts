/** Public fused kernels (async). */
export {};
