/** eq, ne, lt, le, gt, ge → 0/1 in a Uint8Array: the twin of native/kernels/compare.cc. */
import { binaryTwin, type MapTwin } from './map.js';

export const eq = binaryTwin('eq', 'compare', (a, b) => (a === b ? 1 : 0));
export const ne = binaryTwin('ne', 'compare', (a, b) => (a !== b ? 1 : 0));
export const lt = binaryTwin('lt', 'compare', (a, b) => (a < b ? 1 : 0));
export const le = binaryTwin('le', 'compare', (a, b) => (a <= b ? 1 : 0));
export const gt = binaryTwin('gt', 'compare', (a, b) => (a > b ? 1 : 0));
export const ge = binaryTwin('ge', 'compare', (a, b) => (a >= b ? 1 : 0));

/** This family, in the order of native/kernels/compare.def. */
export const COMPARE_KERNELS: readonly MapTwin[] = [eq, ne, lt, le, gt, ge];
