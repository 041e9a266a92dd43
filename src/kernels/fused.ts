/** The fused family: the twin of native/kernels/fused.def. */
import type { MapTwin } from './map.js';

/** This family, in the order of native/kernels/fused.def. */
export const FUSED_KERNELS: readonly MapTwin[] = [];
