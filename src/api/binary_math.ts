/** Public binary_math kernels (async). */
export {};
