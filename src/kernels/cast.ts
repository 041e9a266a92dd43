/** The cast family: the twin of native/kernels/cast.def. */
import type { MapTwin } from './map.js';

/** This family, in the order of native/kernels/cast.def. */
export const CAST_KERNELS: readonly MapTwin[] = [];
