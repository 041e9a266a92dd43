/** The TypedArrays every kernel accepts. */
export type NumericArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray;

/** Element type names, as numpy spells them. */
export type Dtype = 'float64' | 'float32' | 'int32' | 'uint32' | 'int16' | 'uint16' | 'int8' | 'uint8' | 'uint8clamped';

/** The constructor of a {@link NumericArray}. */
export interface NumericArrayConstructor {
  new (length: number): NumericArray;
  new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): NumericArray;
  readonly BYTES_PER_ELEMENT: number;
  readonly name: string;
}

type NumericConstructor = { readonly prototype: NumericArray; readonly name: string; readonly BYTES_PER_ELEMENT: number };

/** Constructor → dtype; the order is the wire numbering of native/kernels/dtype.h. */
const DTYPES: ReadonlyArray<readonly [NumericConstructor, Dtype]> = [
  [Float64Array, 'float64'],
  [Float32Array, 'float32'],
  [Int32Array, 'int32'],
  [Uint32Array, 'uint32'],
  [Int16Array, 'int16'],
  [Uint16Array, 'uint16'],
  [Int8Array, 'int8'],
  [Uint8Array, 'uint8'],
  [Uint8ClampedArray, 'uint8clamped'],
];

/** Dtype → its wire code (native/kernels/dtype.h), for programs that name dtypes (src/expr/program.ts). */
export const DTYPE_CODES: ReadonlyMap<Dtype, number> = new Map(DTYPES.map(([, dtype], code) => [dtype, code]));

/** Symbol.toStringTag → dtype, for the checks in src/validate.ts. */
export const DTYPE_BY_TAG: ReadonlyMap<string, Dtype> = new Map(DTYPES.map(([ctor, dtype]) => [ctor.name, dtype]));

/** dtype → bytes per element. */
export const BYTES_BY_DTYPE: ReadonlyMap<Dtype, number> = new Map(DTYPES.map(([ctor, dtype]) => [dtype, ctor.BYTES_PER_ELEMENT]));

/** dtype → its constructor in this realm. */
export const CONSTRUCTOR_BY_DTYPE: ReadonlyMap<Dtype, NumericArrayConstructor> = new Map(
  DTYPES.map(([ctor, dtype]) => [dtype, ctor as unknown as NumericArrayConstructor]),
);

/** dtype → its constructor's prototype in this realm. */
export const PROTOTYPE_BY_DTYPE: ReadonlyMap<Dtype, object> = new Map(DTYPES.map(([ctor, dtype]) => [dtype, ctor.prototype]));

/** True for the integer dtypes, whose sums are exact. */
export function isIntegerDtype(dtype: Dtype): boolean {
  return dtype !== 'float64' && dtype !== 'float32';
}

/** True when `array` views a SharedArrayBuffer, so other threads can read it in place. */
export function isShared(array: ArrayBufferView): boolean {
  const buffer = array.buffer;
  // instanceof answers this realm's buffers quickly (this runs on every
  // small call); the brand check covers buffers from another realm.
  if (buffer instanceof ArrayBuffer) return false;
  if (buffer instanceof SharedArrayBuffer) return true;
  return Object.prototype.toString.call(buffer) === '[object SharedArrayBuffer]';
}
