/** The unary family: the twin of native/kernels/unary.def. */
import type { MapTwin } from './map.js';

/** This family, in the order of native/kernels/unary.def. */
export const UNARY_KERNELS: readonly MapTwin[] = [];
