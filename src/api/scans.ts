/** Public scans kernels (async). */
export {};
