/**
 * SharedArray and RawArray: numbers in shared memory.
 *
 * A SharedArray *is* a TypedArray (of a small subclass per element type), so
 * indexing, `length`, iteration and every corepool kernel work on it at full
 * speed, with no Proxy. The subclass adds `getLock()`, `getObj()` and the
 * share hook; methods that derive a new array (`slice`, `map`, `subarray`…)
 * return plain TypedArrays, as slicing a Python Array returns a list.
 * A RawArray is a plain TypedArray over a SharedArrayBuffer.
 */
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import type { Lock, RLock } from '../sync/lock.js';
import type { SharedArrayDescriptor } from './descriptors.js';
import { lockFromOptions, noLock, reviveLock, type SynchronizedOptions } from './lock_option.js';
import { kShare, registerShareable } from './shareable.js';
import {
  isBigIntArray,
  resolveTypecode,
  toElement,
  typecodeName,
  type ArrayOf,
  type TypecodeLike,
  type TypedArray,
  type TypedArrayConstructor,
} from './typecodes.js';

/** What a SharedArray adds to its TypedArray. */
export interface SharedArrayMethods<A extends TypedArray> {
  /**
   * The lock that guards compound updates.
   * @throws ERR_NO_LOCK when made with `lock: false`.
   * Python equivalent: `arr.get_lock()`.
   */
  getLock(): Lock | RLock;
  /** A plain TypedArray over the same memory. Python equivalent: `arr.get_obj()`. */
  getObj(): A;
  /** The typecode it was made with. */
  readonly typecode: string;
  [kShare](): SharedArrayDescriptor;
}

/** A SharedArray: a TypedArray `A` with a lock. */
export type SharedArrayOf<A extends TypedArray> = A & SharedArrayMethods<A>;

/** Initial contents: a length (zeros), or numbers (bigints for the 64-bit integer typecodes). */
export type SizeOrInit = number | ArrayLike<number | bigint> | Iterable<number | bigint>;

const meta = new WeakMap<object, { readonly lock: Lock | RLock | null; readonly typecode: string }>();
const classes = new Map<TypedArrayConstructor, TypedArrayConstructor>();

function sharedClass(ctor: TypedArrayConstructor): TypedArrayConstructor {
  let cls = classes.get(ctor);
  if (cls !== undefined) return cls;
  // Typed as Uint8Array only because TS cannot extend a union of constructors.
  const Base = ctor as unknown as typeof Uint8Array;
  cls = class extends Base implements SharedArrayMethods<Uint8Array> {
    static get [Symbol.species]() {
      return ctor;
    }
    getLock(): Lock | RLock {
      const lock = meta.get(this)?.lock ?? null;
      if (lock === null) throw noLock('SharedArray');
      return lock;
    }
    getObj(): Uint8Array {
      return new ctor(this.buffer, this.byteOffset, this.length) as Uint8Array;
    }
    get typecode(): string {
      return meta.get(this)?.typecode ?? ctor.name;
    }
    [kShare](): SharedArrayDescriptor {
      const { lock = null, typecode = ctor.name } = meta.get(this) ?? {};
      const buffer = this.buffer as unknown as SharedArrayBuffer;
      const share = { typecode, buffer, byteOffset: this.byteOffset, length: this.length };
      return { __corepool: 'SharedArray', ...share, lock: lock === null ? null : lock[kShare]() };
    }
  } as unknown as TypedArrayConstructor;
  Object.defineProperty(cls, 'name', { value: `Shared${ctor.name}` });
  classes.set(ctor, cls);
  return cls;
}

/** A new SharedArrayBuffer-backed array of `ctor` filled from `sizeOrInit`. */
function allocate(ctor: TypedArrayConstructor, make: TypedArrayConstructor, sizeOrInit: SizeOrInit): TypedArray {
  if (typeof sizeOrInit === 'number') {
    if (!Number.isSafeInteger(sizeOrInit) || sizeOrInit < 0) {
      throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, 'sizeOrInit must be a non-negative integer length, or the initial numbers');
    }
    return new make(new SharedArrayBuffer(sizeOrInit * ctor.BYTES_PER_ELEMENT), 0, sizeOrInit);
  }
  const values = initialValues(ctor, sizeOrInit);
  const array = new make(new SharedArrayBuffer(values.length * ctor.BYTES_PER_ELEMENT), 0, values.length);
  (array as Float64Array).set(values as ArrayLike<number>);
  return array;
}

function initialValues(ctor: TypedArrayConstructor, init: unknown): ArrayLike<number | bigint> {
  const big = isBigIntArray(ctor);
  if (ArrayBuffer.isView(init) && !(init instanceof DataView)) {
    // Same kind of element (bigint or number): TypedArray#set converts natively.
    if ((init instanceof BigInt64Array || init instanceof BigUint64Array) === big) return init as TypedArray;
  }
  const iterable = typeof init === 'object' && init !== null && (Symbol.iterator in init || 'length' in init);
  if (!iterable) {
    throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, 'sizeOrInit must be a length, or an array-like or iterable of numbers');
  }
  return Array.from(init as ArrayLike<unknown>, (v) => toElement(ctor, v, 'each initial element'));
}

/** `SharedArray(...)`, with or without `new`. */
export interface SharedArrayConstructor {
  new <C extends TypecodeLike>(typecode: C, sizeOrInit: SizeOrInit, options?: SynchronizedOptions): SharedArrayOf<ArrayOf<C>>;
  <C extends TypecodeLike>(typecode: C, sizeOrInit: SizeOrInit, options?: SynchronizedOptions): SharedArrayOf<ArrayOf<C>>;
}

/**
 * Numbers in shared memory with a lock: a TypedArray (see the module comment)
 * that arrives in other threads as the same memory and lock. `new` is optional.
 * @param typecode 'i', 'd', … (see typecodes.ts), a TypedArray name or constructor.
 * @param sizeOrInit a length (zeros) or the initial numbers.
 * @param options `lock`: true (default, a new RLock), false (none) or a Lock/RLock to use.
 * @throws TypeError ERR_INVALID_DTYPE for an unknown typecode; RangeError for a bad length;
 *   ERR_INVALID_ARG_TYPE for a non-object `options`, ERR_INVALID_OPTION for an unknown option or a bad `options.lock`.
 * Python equivalent: `multiprocessing.Array(typecode, size_or_initializer, lock=True)`.
 */
export const SharedArray = function SharedArray(typecode: TypecodeLike, sizeOrInit: SizeOrInit, options?: SynchronizedOptions) {
  const ctor = resolveTypecode(typecode);
  const array = allocate(ctor, sharedClass(ctor), sizeOrInit);
  meta.set(array, { lock: lockFromOptions(options, 'SharedArray'), typecode: typecodeName(typecode) });
  return array;
} as unknown as SharedArrayConstructor;
// `x instanceof SharedArray` holds for SharedArrays (of any element type) only.
Object.defineProperty(SharedArray, Symbol.hasInstance, { value: (x: unknown) => typeof x === 'object' && x !== null && meta.has(x) });

/**
 * A plain TypedArray over a new SharedArrayBuffer, with no lock; `new` is optional.
 * Passed to another thread, it shares its memory (structured clone keeps a
 * SharedArrayBuffer shared).
 * Python equivalent: `multiprocessing.RawArray(typecode, size_or_initializer)`.
 */
export function RawArray<C extends TypecodeLike>(typecode: C, sizeOrInit: SizeOrInit): ArrayOf<C> {
  const ctor = resolveTypecode(typecode);
  return allocate(ctor, ctor, sizeOrInit) as ArrayOf<C>;
}

registerShareable('SharedArray', (d) => {
  const { typecode, buffer, byteOffset, length, lock } = d as unknown as SharedArrayDescriptor;
  const ctor = resolveTypecode(typecode);
  if (!(buffer instanceof SharedArrayBuffer) || typeof byteOffset !== 'number' || typeof length !== 'number') {
    throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, 'a SharedArray descriptor must carry its SharedArrayBuffer');
  }
  const array = new (sharedClass(ctor))(buffer, byteOffset, length);
  meta.set(array, { lock: reviveLock(lock), typecode });
  return array;
});
