/** Blocking twins of the elementwise kernels; they throw what the async forms reject with. */
import type { NumericArray } from '../dtypes.js';
import type { Operand } from './elementwise.js';
import type { MapOptions } from './map_args.js';
import { runMapSync } from './run_map.js';
import { guardSync } from './boundary.js';

/** Blocking {@link add}. Python equivalent: `numpy.add(x, y)`. @throws as add rejects. */
export function addSync(x: Operand, y: Operand, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('add', [x, y], options));
}

/** Blocking {@link sub}. Python equivalent: `numpy.subtract(x, y)`. @throws as sub rejects. */
export function subSync(x: Operand, y: Operand, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('sub', [x, y], options));
}

/** Blocking {@link mul}. Python equivalent: `numpy.multiply(x, y)`. @throws as mul rejects. */
export function mulSync(x: Operand, y: Operand, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('mul', [x, y], options));
}

/** Blocking {@link div}. Python equivalent: `numpy.true_divide(x, y)`. @throws as div rejects. */
export function divSync(x: Operand, y: Operand, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('div', [x, y], options));
}

/** Blocking {@link minimum}. Python equivalent: `numpy.minimum(x, y)`. @throws as minimum rejects. */
export function minimumSync(x: Operand, y: Operand, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('minimum', [x, y], options));
}

/** Blocking {@link maximum}. Python equivalent: `numpy.maximum(x, y)`. @throws as maximum rejects. */
export function maximumSync(x: Operand, y: Operand, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('maximum', [x, y], options));
}

/** Blocking {@link eq}. Python equivalent: `numpy.equal(x, y)`. @throws as eq rejects. */
export function eqSync(x: Operand, y: Operand, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('eq', [x, y], options));
}

/** Blocking {@link ne}. Python equivalent: `numpy.not_equal(x, y)`. @throws as ne rejects. */
export function neSync(x: Operand, y: Operand, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('ne', [x, y], options));
}

/** Blocking {@link lt}. Python equivalent: `numpy.less(x, y)`. @throws as lt rejects. */
export function ltSync(x: Operand, y: Operand, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('lt', [x, y], options));
}

/** Blocking {@link le}. Python equivalent: `numpy.less_equal(x, y)`. @throws as le rejects. */
export function leSync(x: Operand, y: Operand, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('le', [x, y], options));
}

/** Blocking {@link gt}. Python equivalent: `numpy.greater(x, y)`. @throws as gt rejects. */
export function gtSync(x: Operand, y: Operand, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('gt', [x, y], options));
}

/** Blocking {@link ge}. Python equivalent: `numpy.greater_equal(x, y)`. @throws as ge rejects. */
export function geSync(x: Operand, y: Operand, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('ge', [x, y], options));
}
