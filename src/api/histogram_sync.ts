/** Blocking twins of the histogram kernels. */
export {};
