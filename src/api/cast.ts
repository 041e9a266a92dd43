/** Public cast kernels (async). */
export {};
