/**
 * The kernel families bench/sweep.mjs times across sizes, one representative
 * kernel each (the reductions have their own, finer bench: reductions.mjs).
 * `size` is the x axis of the report's chart: elements for the vector
 * kernels, the side of the square matrices for matmul. bench/lib/sweep_numpy.py
 * reads the same list, so numpy runs exactly these cases.
 */
export const SWEEP_CASES = [
  { family: 'elementwise arithmetic', kernel: 'add', sizes: [1e3, 1e4, 1e5, 1e6, 1e7] },
  { family: 'unary math', kernel: 'exp', sizes: [1e3, 1e4, 1e5, 1e6, 1e7] },
  { family: 'sorting', kernel: 'sort', sizes: [1e3, 1e4, 1e5, 1e6] },
  { family: 'linear algebra', kernel: 'matmul', sizes: [32, 64, 128, 256, 512] },
];

/** Scalar operations one call does, to pick the sampling policy (lib/config.mjs sampling()). */
export function callWork(kernel, size) {
  return kernel === 'matmul' ? size ** 3 : size;
}
