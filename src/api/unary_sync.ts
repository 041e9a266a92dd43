/** Blocking twins of the unary kernels. */
export {};
