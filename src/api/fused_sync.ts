/** Blocking twins of the fused kernels. */
export {};
