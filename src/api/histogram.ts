/** Public histogram kernels (async). */
export {};
