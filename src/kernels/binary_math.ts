/** The binary_math family: the twin of native/kernels/binary_math.def. */
import type { MapTwin } from './map.js';

/** This family, in the order of native/kernels/binary_math.def. */
export const BINARY_MATH_KERNELS: readonly MapTwin[] = [];
