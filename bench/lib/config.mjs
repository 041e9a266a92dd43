/** What the side-by-side benchmark covers, and how hard it samples each size. */

export const KERNELS = ['sum', 'dot', 'min'];
export const SIZES = [1e3, 1e5, 1e7, 5e7];
export const LARGEST = Math.max(...SIZES);

/** Arrays each kernel reads; dot reads two, so it moves twice the bytes. */
export const ARRAYS_READ = { sum: 1, dot: 2, min: 1 };

/** Bytes a kernel reads at n float64 elements. */
export function bytesRead(kernel, n) {
  return ARRAYS_READ[kernel] * 8 * n;
}

/**
 * Sampling per size: small calls are cheap, so they get long batches and many
 * samples; the 5e7 ones get at least 7 samples each. Keeps `npm run bench`
 * under about three minutes on a 2-core machine.
 */
export function sampling(n) {
  if (n <= 1e4) return { warmup: 200, budgetMs: 250, minSamples: 15, minBatchNs: 200_000 };
  if (n <= 1e6) return { warmup: 20, budgetMs: 250, minSamples: 15, minBatchNs: 500_000 };
  return { warmup: 2, budgetMs: 350, minSamples: 7, maxSamples: 40, minBatchNs: 0 };
}

/** Per-call overhead is measured on this many elements. */
export const OVERHEAD_N = 1000;
/** The per-call target: at most this many ns above the plain JS loop. */
export const OVERHEAD_TARGET_NS = 5000;
