/** Public unary kernels (async). */
export {};
