/**
 * Python's typecodes (the `array` module's and multiprocessing's), as
 * TypedArrays. Sizes are those of CPython on 64-bit Linux, so `'l'` and `'L'`
 * (C long) are 8 bytes, like `'q'` and `'Q'`, and hold bigints.
 *
 * | code | C type             | TypedArray        | bytes |
 * |------|--------------------|-------------------|-------|
 * | b    | signed char        | Int8Array         | 1     |
 * | B    | unsigned char      | Uint8Array        | 1     |
 * | h    | short              | Int16Array        | 2     |
 * | H    | unsigned short     | Uint16Array       | 2     |
 * | i    | int                | Int32Array        | 4     |
 * | I    | unsigned int       | Uint32Array       | 4     |
 * | l    | long               | BigInt64Array     | 8     |
 * | L    | unsigned long      | BigUint64Array    | 8     |
 * | q    | long long          | BigInt64Array     | 8     |
 * | Q    | unsigned long long | BigUint64Array    | 8     |
 * | f    | float              | Float32Array      | 4     |
 * | d    | double             | Float64Array      | 8     |
 *
 * TypedArray names ('Float64Array'), numpy-style names ('float64', 'int64',
 * 'uint8clamped') and the constructors themselves are accepted too.
 */
import { CorepoolTypeError, ErrorCode } from '../errors.js';

/** Every TypedArray a Value or SharedArray can be made of. */
export type TypedArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

/** A TypedArray constructor. */
export interface TypedArrayConstructor<A extends TypedArray = TypedArray> {
  new (length: number): A;
  new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): A;
  readonly BYTES_PER_ELEMENT: number;
  readonly name: string;
}

interface TypecodeMap {
  b: Int8Array;
  B: Uint8Array;
  h: Int16Array;
  H: Uint16Array;
  i: Int32Array;
  I: Uint32Array;
  l: BigInt64Array;
  L: BigUint64Array;
  q: BigInt64Array;
  Q: BigUint64Array;
  f: Float32Array;
  d: Float64Array;
  int8: Int8Array;
  uint8: Uint8Array;
  uint8clamped: Uint8ClampedArray;
  int16: Int16Array;
  uint16: Uint16Array;
  int32: Int32Array;
  uint32: Uint32Array;
  int64: BigInt64Array;
  uint64: BigUint64Array;
  float32: Float32Array;
  float64: Float64Array;
  Int8Array: Int8Array;
  Uint8Array: Uint8Array;
  Uint8ClampedArray: Uint8ClampedArray;
  Int16Array: Int16Array;
  Uint16Array: Uint16Array;
  Int32Array: Int32Array;
  Uint32Array: Uint32Array;
  BigInt64Array: BigInt64Array;
  BigUint64Array: BigUint64Array;
  Float32Array: Float32Array;
  Float64Array: Float64Array;
}

/** A typecode string. */
export type Typecode = keyof TypecodeMap;

/** What `Value` and `SharedArray` accept as a typecode: a string or a TypedArray constructor. */
export type TypecodeLike = Typecode | TypedArrayConstructor;

/** The TypedArray type a typecode stands for. */
export type ArrayOf<C extends TypecodeLike> = C extends Typecode
  ? TypecodeMap[C]
  : C extends TypedArrayConstructor<infer A>
    ? A
    : TypedArray;

/** The element type of a TypedArray: bigint for the 64-bit integer arrays, else number. */
export type ElementOf<A extends TypedArray> = A extends BigInt64Array | BigUint64Array ? bigint : number;

const CTORS: ReadonlyArray<readonly [TypedArrayConstructor, string, readonly string[]]> = [
  [Int8Array, 'int8', ['b']],
  [Uint8Array, 'uint8', ['B']],
  [Uint8ClampedArray, 'uint8clamped', []],
  [Int16Array, 'int16', ['h']],
  [Uint16Array, 'uint16', ['H']],
  [Int32Array, 'int32', ['i']],
  [Uint32Array, 'uint32', ['I']],
  [BigInt64Array, 'int64', ['l', 'q']],
  [BigUint64Array, 'uint64', ['L', 'Q']],
  [Float32Array, 'float32', ['f']],
  [Float64Array, 'float64', ['d']],
];

const BY_CODE = new Map<string, TypedArrayConstructor>();
for (const [ctor, dtype, codes] of CTORS) {
  for (const code of [ctor.name, dtype, ...codes]) BY_CODE.set(code, ctor);
}
const ALL_CTORS = new Set<unknown>(CTORS.map(([ctor]) => ctor));

/**
 * The TypedArray constructor for `typecode`.
 * @throws TypeError ERR_INVALID_DTYPE for anything else.
 */
export function resolveTypecode(typecode: unknown): TypedArrayConstructor {
  if (ALL_CTORS.has(typecode)) return typecode as TypedArrayConstructor;
  const ctor = typeof typecode === 'string' ? BY_CODE.get(typecode) : undefined;
  if (ctor === undefined) {
    const got = typeof typecode === 'string' ? `'${typecode}'` : typeof typecode;
    throw new CorepoolTypeError(
      ErrorCode.INVALID_DTYPE,
      `typecode must be one of b B h H i I l L q Q f d, a TypedArray name ('Float64Array') or dtype ('float64'), or a TypedArray constructor; got ${got}`,
    );
  }
  return ctor;
}

/** The name a typecode travels under (a string every thread resolves the same way). */
export function typecodeName(typecode: TypecodeLike): string {
  return typeof typecode === 'string' ? typecode : typecode.name;
}

/** True for the arrays Atomics.load/store accept (integer arrays but Uint8ClampedArray). */
export function isAtomicCapable(ctor: TypedArrayConstructor): boolean {
  return ctor !== Float32Array && ctor !== Float64Array && ctor !== Uint8ClampedArray;
}

/** True for BigInt64Array and BigUint64Array, whose elements are bigints. */
export function isBigIntArray(ctor: TypedArrayConstructor): boolean {
  return ctor === BigInt64Array || ctor === BigUint64Array;
}

/**
 * Converts `value` to an element of `ctor`: numbers (integers) become bigints
 * for the 64-bit arrays; otherwise numbers only.
 * @throws TypeError ERR_INVALID_ARG_TYPE for anything else.
 */
export function toElement(ctor: TypedArrayConstructor, value: unknown, name: string): number | bigint {
  if (isBigIntArray(ctor)) {
    if (typeof value === 'bigint') return value;
    if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
    throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `${name} must be a bigint or an integer number for ${ctor.name}`);
  }
  if (typeof value === 'number') return value;
  throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `${name} must be a number for ${ctor.name}; got ${typeof value}`);
}
