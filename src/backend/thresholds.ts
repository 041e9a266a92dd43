/**
 * Size thresholds, chosen by bench/inline_threshold.mjs (see bench/RESULTS.md,
 * "Native: blocking vs async sum" and "Fallback, shared input").
 *
 * Native: up to INLINE_MAX_ELEMENTS a call runs as a blocking call on the
 * calling thread (helped by the pool for several blocks). The async hand-off
 * through the thread-safe function measured 27-55 us, more than a 2^17-element
 * sum (19 us) but less than a 2^18 one (39 us).
 */
export const INLINE_MAX_ELEMENTS = 131072;

/**
 * Fallback: up to this many elements, work runs inline even on shared
 * memory. Two workers first beat inline at 2^21 elements (0.78x; 1.26x
 * slower at 2^20), because a worker round trip costs about 100 us.
 */
export const FALLBACK_INLINE_MAX_ELEMENTS = 1048576;

/**
 * The fallback backend works through ordinary (non-shared) buffers on the
 * calling thread in slices of this many blocks, yielding to the event loop
 * between slices. Copying into shared memory for the workers was measured
 * slower than reading in place (bench/inline_threshold.mjs).
 */
export const FALLBACK_SLICE_BLOCKS = 16;
