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
export type Dtype =
  | 'float64'
  | 'float32'
  | 'int32'
  | 'uint32'
  | 'int16'
  | 'uint16'
  | 'int8'
  | 'uint8'
  | 'uint8clamped';

type NumericConstructor = { readonly prototype: NumericArray; readonly name: string };

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

const BY_TAG = new Map<string, Dtype>(DTYPES.map(([ctor, dtype]) => [ctor.name, dtype]));

/** The dtype of `value`, or undefined when it is not a supported TypedArray. */
export function dtypeOf(value: unknown): Dtype | undefined {
  if (!ArrayBuffer.isView(value)) return undefined;
  // Symbol.toStringTag works across realms, unlike instanceof.
  const tag = (value as { [Symbol.toStringTag]?: string })[Symbol.toStringTag];
  return tag === undefined ? undefined : BY_TAG.get(tag);
}

/** True for the integer dtypes, whose sums are exact. */
export function isIntegerDtype(dtype: Dtype): boolean {
  return dtype !== 'float64' && dtype !== 'float32';
}

/** True when `array` views a SharedArrayBuffer, so other threads can read it in place. */
export function isShared(array: ArrayBufferView): boolean {
  return Object.prototype.toString.call(array.buffer) === '[object SharedArrayBuffer]';
}
