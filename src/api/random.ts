/** Public random kernels (async). */
export {};
