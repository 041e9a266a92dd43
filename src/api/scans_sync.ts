/** Blocking twins of the scans kernels. */
export {};
