/**
 * Where new n-dimensional arrays get their memory: a TypedArray of the
 * dtype, over a SharedArrayBuffer when asked, so results stay shareable
 * when their inputs were.
 */
import { BYTES_BY_DTYPE, CONSTRUCTOR_BY_DTYPE, type Dtype, type NumericArray } from '../dtypes.js';
import { checkAllocation } from '../validate.js';

/** A zeroed TypedArray of `size` elements of `dtype`, on a SharedArrayBuffer when `shared`. */
export function allocate(dtype: Dtype, size: number, shared: boolean): NumericArray {
  const bytes = BYTES_BY_DTYPE.get(dtype)!;
  checkAllocation(size, bytes, 'the array');
  const ctor = CONSTRUCTOR_BY_DTYPE.get(dtype)!;
  return shared ? new ctor(new SharedArrayBuffer(size * bytes), 0, size) : new ctor(size);
}
