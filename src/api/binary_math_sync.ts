/** Blocking twins of the binary_math kernels. */
export {};
