/** Blocking twins of the random kernels. */
export {};
