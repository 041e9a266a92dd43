/** eq, ne, lt, le, gt, ge → 0/1 in a Uint8Array: the twin of native/kernels/compare.cc. */
import { binaryTwin, row, type MapRow } from './map.js';

export const eq = binaryTwin('eq', 'compare', (a, b) => (a === b ? 1 : 0));
export const ne = binaryTwin('ne', 'compare', (a, b) => (a !== b ? 1 : 0));
export const lt = binaryTwin('lt', 'compare', (a, b) => (a < b ? 1 : 0));
export const le = binaryTwin('le', 'compare', (a, b) => (a <= b ? 1 : 0));
export const gt = binaryTwin('gt', 'compare', (a, b) => (a > b ? 1 : 0));
export const ge = binaryTwin('ge', 'compare', (a, b) => (a >= b ? 1 : 0));

/** This family's spec rows, in the order of native/kernels/compare.def. */
export const COMPARE_KERNELS: readonly MapRow[] = [
  row(eq, '`numpy.equal(x, y)`', 'Elementwise x == y as 0/1.', { returns: '`out`, or a new array of Uint8Array' }),
  row(ne, '`numpy.not_equal(x, y)`', 'Elementwise x != y as 0/1 (NaN != NaN is 1).', { returns: '`out`, or a new array of Uint8Array' }),
  row(lt, '`numpy.less(x, y)`', 'Elementwise x < y as 0/1.', { returns: '`out`, or a new array of Uint8Array' }),
  row(le, '`numpy.less_equal(x, y)`', 'Elementwise x <= y as 0/1.', { returns: '`out`, or a new array of Uint8Array' }),
  row(gt, '`numpy.greater(x, y)`', 'Elementwise x > y as 0/1.', { returns: '`out`, or a new array of Uint8Array' }),
  row(ge, '`numpy.greater_equal(x, y)`', 'Elementwise x >= y as 0/1.', { returns: '`out`, or a new array of Uint8Array' }),
];
