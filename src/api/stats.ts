/** Public stats kernels (async). */
export {};
