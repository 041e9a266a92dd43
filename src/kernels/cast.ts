/**
 * astype: the twin of native/kernels/cast.cc. The JS store is the
 * definition native reproduces, so this twin is TypedArray.prototype.set,
 * which converts element by element exactly as a store does (ECMA-262
 * SetTypedArrayFromTypedArray: GetValueFromBuffer then SetValueInBuffer).
 */
import type { NumericArray } from '../dtypes.js';
import type { MapTwin } from './map.js';

export const astype: MapTwin = {
  name: 'astype',
  arity: 1,
  kind: 'cast',
  loop(ins, out, begin, end) {
    out.subarray(begin, end).set((ins[0] as NumericArray).subarray(begin, end));
  },
};

/** This family, in the order of native/kernels/cast.def. */
export const CAST_KERNELS: readonly MapTwin[] = [astype];
