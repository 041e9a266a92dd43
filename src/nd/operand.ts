/**
 * Kernel arguments that may be NDArrays, seen the way flat checks need them:
 * their dtype, and their elements as one TypedArray.
 */
import type { Dtype, NumericArray } from '../dtypes.js';
import { dtypeOf } from '../validate.js';
import { NDArray } from './ndarray.js';

/** The dtype of an NDArray or TypedArray operand; undefined for anything else. */
export function operandDtype(value: unknown): Dtype | undefined {
  return value instanceof NDArray ? value.dtype : dtypeOf(value);
}

/** The elements of `a` in C order: a subarray of its data when contiguous, else a copy. */
export function elementsOf(a: NDArray): NumericArray {
  return a.isContiguous ? a.data.subarray(a.offset, a.offset + a.size) : a.copy().data;
}
