/** Blocking twins of the cast kernels. */
export {};
