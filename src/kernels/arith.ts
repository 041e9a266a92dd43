/**
 * add, sub, mul, div, minimum, maximum: the twin of native/kernels/arith.cc.
 * Integer results wrap on the store into `out`, as numpy's do; an int32 or
 * uint32 product uses Math.imul, because a double product would round first.
 */
import type { NumericArray } from '../dtypes.js';
import { binaryTwin, type MapTwin, row, type MapRow } from './map.js';

export const add = binaryTwin('add', 'arith', (a, b) => a + b);
export const sub = binaryTwin('sub', 'arith', (a, b) => a - b);
export const div = binaryTwin('div', 'float', (a, b) => a / b);
// numpy: the first operand wins when it is NaN or strictly better, else the second.
export const minimum = binaryTwin('minimum', 'arith', (a, b) => (a < b || a !== a ? a : b));
export const maximum = binaryTwin('maximum', 'arith', (a, b) => (a > b || a !== a ? a : b));

const mulDouble = binaryTwin('mul', 'arith', (a, b) => a * b);
const mulWrap32 = binaryTwin('mul', 'arith', Math.imul);

const is32BitInteger = (out: NumericArray): boolean => out instanceof Int32Array || out instanceof Uint32Array;

export const mul: MapTwin = {
  name: 'mul',
  arity: 2,
  kind: 'arith',
  loop(ins, out, begin, end) {
    (is32BitInteger(out) ? mulWrap32 : mulDouble).loop(ins, out, begin, end);
  },
};

/** This family's spec rows, in the order of native/kernels/arith.def. */
export const ARITH_KERNELS: readonly MapRow[] = [
  row(add, '`numpy.add(x, y)`', 'Elementwise x + y.', {
    returns: '`out`, or a new array of the result dtype (see promotion); integer results wrap modulo 2^bits',
  }),
  row(sub, '`numpy.subtract(x, y)`', 'Elementwise x − y.', {
    returns: '`out`, or a new array of the result dtype; integer results wrap modulo 2^bits',
  }),
  row(mul, '`numpy.multiply(x, y)`', 'Elementwise x × y.', {
    returns: '`out`, or a new array of the result dtype; integer results wrap modulo 2^bits (an int32 product equals Math.imul)',
  }),
  row(div, '`numpy.true_divide(x, y)`', 'Elementwise x ÷ y (true division).', {
    returns: '`out`, or a new array of float64 for integer inputs, else the float result dtype',
  }),
  row(minimum, '`numpy.minimum(x, y)`', 'Elementwise the smaller of x and y; NaN propagates.', {
    returns: '`out`, or a new array of the result dtype',
  }),
  row(maximum, '`numpy.maximum(x, y)`', 'Elementwise the larger of x and y; NaN propagates.', {
    returns: '`out`, or a new array of the result dtype',
  }),
];
