/**
 * astype: the twin of native/kernels/cast.cc. The JS store is the
 * definition native reproduces, so this twin is TypedArray.prototype.set,
 * which converts element by element exactly as a store does (ECMA-262
 * SetTypedArrayFromTypedArray: GetValueFromBuffer then SetValueInBuffer).
 */
import type { NumericArray } from '../dtypes.js';
import { type MapTwin, row, type MapRow } from './map.js';

export const astype: MapTwin = {
  name: 'astype',
  arity: 1,
  kind: 'cast',
  loop(ins, out, begin, end) {
    out.subarray(begin, end).set((ins[0] as NumericArray).subarray(begin, end));
  },
};

/** This family's spec rows, in the order of native/kernels/cast.def. */
export const CAST_KERNELS: readonly MapRow[] = [
  row(
    astype,
    '`a.astype(dtype)` (for in-range values)',
    "A copy of `a` converted to `dtype`, element by element exactly as storing into a TypedArray of that dtype converts (new Int8Array([v])[0]): - integer targets truncate toward zero and wrap modulo 2^bits (ToInt32 and   friends); NaN and ±Infinity give 0; - float32 rounds to nearest, ties to even; float64 holds every value; - uint8clamped clamps to [0, 255] and rounds half to even; NaN gives 0. This differs from numpy's astype, whose out-of-range float → int casts are undefined (platform-dependent). The same dtype gives a copy.",
    {
      params: [
        ['a', 'the array; SharedArrayBuffer-backed input gives a SharedArrayBuffer-backed result'],
        [
          'dtype',
          "target: 'float64', 'float32', 'int32', 'uint32', 'int16', 'uint16', 'int8', 'uint8', 'uint8clamped', or the TypedArray constructor",
        ],
      ],
      returns: '`out`, or a new array of the target dtype',
      custom: true,
    },
  ),
];
