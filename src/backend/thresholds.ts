/**
 * Size thresholds, chosen by bench/inline_threshold.mjs (see bench/RESULTS.md).
 *
 * Below INLINE_MAX_ELEMENTS a reduction runs on the calling thread: handing it
 * to other threads costs more than the work (a native round trip through the
 * thread-safe function is tens of microseconds; a worker message, more).
 */
export const INLINE_MAX_ELEMENTS = 65536;

/**
 * The fallback backend works through ordinary (non-shared) buffers on the
 * calling thread in slices of this many blocks, yielding to the event loop
 * between slices. Copying into shared memory for the workers was measured
 * slower than reading in place (bench/inline_threshold.mjs).
 */
export const FALLBACK_SLICE_BLOCKS = 16;
