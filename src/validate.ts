import { dtypeOf, type Dtype, type NumericArray } from './dtypes.js';
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from './errors.js';

const ACCEPTED =
  'Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array or Uint8ClampedArray';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (ArrayBuffer.isView(value)) return (value as { [Symbol.toStringTag]?: string })[Symbol.toStringTag] ?? 'DataView';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

function isDetached(buffer: ArrayBufferLike): boolean {
  const flag = (buffer as { detached?: boolean }).detached;
  if (flag !== undefined) return flag;
  if (buffer.byteLength !== 0) return false;
  try {
    // Older V8 has no `detached` getter; constructing a view throws instead.
    new Uint8Array(buffer);
    return false;
  } catch {
    return true;
  }
}

// The original accessors, captured at load: a user-defined own `buffer` or
// `resizable` property (or a patched prototype) must not hide a resizable
// buffer. Engines without resizable buffers have no `resizable` getter.
const typedArrayBuffer = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype) as object, 'buffer')!
  .get as (this: unknown) => ArrayBufferLike;
const arrayBufferResizable = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'resizable')?.get;

/**
 * True when `array` views a resizable (non-shared) ArrayBuffer. A growable
 * SharedArrayBuffer is not: it can never shrink, and a call uses the view's
 * length at call time, so memory under a running kernel stays valid.
 */
function isResizable(array: NumericArray): boolean {
  if (arrayBufferResizable === undefined) return false;
  const buffer = Reflect.apply(typedArrayBuffer, array, []);
  try {
    return Reflect.apply(arrayBufferResizable, buffer, []) === true;
  } catch {
    return false; // a SharedArrayBuffer: the ArrayBuffer getter refuses it
  }
}

/**
 * Rejects a view whose buffer was detached (transferred away) while a call
 * that reads it was waiting: its elements are gone, so any result would be
 * garbage. Asynchronous fallback paths call it after every yield and before
 * writing results back.
 * @throws TypeError with code ERR_DETACHED_BUFFER.
 */
export function throwIfDetached(arrays: readonly unknown[]): void {
  for (const array of arrays) {
    if (!ArrayBuffer.isView(array)) continue;
    const buffer = Reflect.apply(typedArrayBuffer, array, []);
    if (isDetached(buffer)) {
      throw new CorepoolTypeError(ErrorCode.DETACHED_BUFFER, 'a buffer of this call was detached while the call ran');
    }
  }
}

/**
 * Runs an asynchronous fallback call that reads or writes `arrays` between
 * yields to the event loop. If one of them was detached meanwhile, the call
 * rejects with ERR_DETACHED_BUFFER, whatever it computed from the emptied
 * view or threw while writing results back into it.
 */
export async function settleAttached<T>(arrays: readonly unknown[], run: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await run();
  } catch (error) {
    throwIfDetached(arrays);
    throw error;
  }
  throwIfDetached(arrays);
  return result;
}

/**
 * Checks that `value` (the argument called `name`) is a supported, attached
 * TypedArray over a fixed-length or shared buffer, and returns its dtype.
 * A resizable ArrayBuffer could shrink under a running kernel, so it is
 * refused (the native side re-checks: memory safety must not rely on JS).
 * @throws TypeError with code ERR_INVALID_ARG_TYPE, ERR_INVALID_DTYPE, ERR_DETACHED_BUFFER or ERR_RESIZABLE_BUFFER.
 */
export function checkArray(value: unknown, name: string): Dtype {
  const dtype = dtypeOf(value);
  if (dtype === undefined) {
    const isOtherView = ArrayBuffer.isView(value) && !(value instanceof DataView);
    throw new CorepoolTypeError(
      isOtherView ? ErrorCode.INVALID_DTYPE : ErrorCode.INVALID_ARG_TYPE,
      `${name} must be a ${ACCEPTED}; got ${describe(value)}`,
    );
  }
  const array = value as NumericArray;
  if (array.length === 0 && isDetached(array.buffer)) {
    throw new CorepoolTypeError(ErrorCode.DETACHED_BUFFER, `${name} must not be backed by a detached ArrayBuffer`);
  }
  if (isResizable(array)) {
    throw new CorepoolTypeError(
      ErrorCode.RESIZABLE_BUFFER,
      `${name} must not be backed by a resizable ArrayBuffer; copy it with .slice() or use a fixed-length ArrayBuffer`,
    );
  }
  return dtype;
}

/**
 * Checks that `b` matches `a` in dtype and length, as elementwise binary kernels need.
 * @throws TypeError ERR_INVALID_DTYPE, RangeError ERR_LENGTH_MISMATCH.
 */
export function checkSameShape(a: NumericArray, aType: Dtype, b: NumericArray, bType: Dtype): void {
  if (aType !== bType) {
    throw new CorepoolTypeError(ErrorCode.INVALID_DTYPE, `b must have the same dtype as a (${aType}); got ${bType}`);
  }
  if (a.length !== b.length) {
    throw new CorepoolRangeError(
      ErrorCode.LENGTH_MISMATCH,
      `b must have the same length as a (${a.length}); got ${b.length}`,
    );
  }
}

/** Throws ERR_EMPTY_INPUT for reductions that have no identity (numpy raises too). */
export function checkNotEmpty(a: NumericArray, kernel: string): void {
  if (a.length === 0) {
    throw new CorepoolRangeError(ErrorCode.EMPTY_INPUT, `a must not be empty: ${kernel} of an empty array is undefined`);
  }
}
