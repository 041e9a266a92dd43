/**
 * The one validation module: what a kernel argument really is, and how big a
 * size may be. Both backends call these checks before any work, so a value
 * that lies (a redefined `length` or `Symbol.toStringTag`, a subclass getter,
 * a Proxy) or an absurd size is refused the same way on both.
 */
import { totalmem } from 'node:os';
import { BYTES_BY_DTYPE, DTYPE_BY_TAG, PROTOTYPE_BY_DTYPE, type Dtype, type NumericArray } from './dtypes.js';
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from './errors.js';

const ACCEPTED = 'Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array or Uint8ClampedArray';

// %TypedArray%.prototype's own getters, captured when this module loads and
// applied with Reflect.apply: they read internal slots, so no property a
// caller defines can fool them. The tag getter returns undefined for anything
// that is not a TypedArray (a Proxy of one included); keys() throws on a
// detached or out-of-bounds view without reading any element.
const TYPED_ARRAY_PROTOTYPE: object = Object.getPrototypeOf(Uint8Array.prototype);
const intrinsic = (key: PropertyKey): ((this: unknown) => unknown) => Object.getOwnPropertyDescriptor(TYPED_ARRAY_PROTOTYPE, key)!.get!;
const realTag = intrinsic(Symbol.toStringTag);
const realBuffer = intrinsic('buffer');
const realKeys = (TYPED_ARRAY_PROTOTYPE as { keys: () => unknown }).keys;
const nativeSource = Function.prototype.toString;

/** Properties later code reads from a validated array; none may be redefined. */
const READ_BACK: ReadonlyArray<[PropertyKey, string]> = [
  ['length', 'get length'],
  ['byteLength', 'get byteLength'],
  ['byteOffset', 'get byteOffset'],
  ['buffer', 'get buffer'],
  [Symbol.toStringTag, 'get [Symbol.toStringTag]'],
  ['BYTES_PER_ELEMENT', ''],
];

/**
 * Largest element count of a result or of a size option. V8 refuses longer
 * TypedArrays; beyond it a size is a mistake, not a big problem.
 */
export const MAX_ELEMENTS = 2 ** 32;

/** The dtype of `value` from its internal slots, or undefined when it is not a supported TypedArray. */
export function dtypeOf(value: unknown): Dtype | undefined {
  const tag = Reflect.apply(realTag, value, []) as string | undefined;
  return tag === undefined ? undefined : DTYPE_BY_TAG.get(tag);
}

/** A name for `value` in a message, found without running any of its code. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const tag = Reflect.apply(realTag, value, []) as string | undefined;
  if (tag !== undefined) return tag;
  if (ArrayBuffer.isView(value)) return 'DataView';
  return Array.isArray(value) ? 'Array' : 'object';
}

/**
 * `value` for an error message, without running any of its code (a Proxy,
 * a toString or a getter could throw): primitives as text, objects by type.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'symbol') return 'a symbol';
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return String(value);
  return typeof value === 'function' ? 'a function' : describe(value);
}

/** A built-in accessor or constant (this realm's or another's), not one a caller wrote. */
function isBuiltIn(descriptor: PropertyDescriptor, getterName: string): boolean {
  if (getterName === '') return descriptor.writable === false && descriptor.configurable === false;
  const get = descriptor.get;
  if (typeof get !== 'function' || get.name !== getterName) return false;
  return /\{\s*\[native code\]\s*\}$/.test(Reflect.apply(nativeSource, get, []) as string);
}

/** True when nothing between `value` and %TypedArray%.prototype redefines what later code reads. */
function isHonest(value: object, dtype: Dtype): boolean {
  // Unrolled Object.hasOwn: this runs on every array argument of every call.
  const own = Object.hasOwn;
  if (own(value, 'length') || own(value, 'byteLength') || own(value, 'byteOffset') || own(value, 'buffer')) return false;
  if (own(value, Symbol.toStringTag) || own(value, 'BYTES_PER_ELEMENT')) return false;
  // This realm's constructor prototype holds only a fixed BYTES_PER_ELEMENT:
  // the common case ends here. Subclasses and other realms walk the chain.
  if (Object.getPrototypeOf(value) === PROTOTYPE_BY_DTYPE.get(dtype)) return true;
  for (let o: object | null = Object.getPrototypeOf(value); o !== null && o !== TYPED_ARRAY_PROTOTYPE; o = Object.getPrototypeOf(o)) {
    for (const [key, getterName] of READ_BACK) {
      const descriptor = Object.getOwnPropertyDescriptor(o, key);
      if (descriptor !== undefined && !isBuiltIn(descriptor, getterName)) return false;
    }
  }
  return true;
}

function isDetached(buffer: ArrayBufferLike): boolean {
  try {
    // Node 20 has no ArrayBuffer.prototype.detached; a view of a detached buffer throws.
    new Uint8Array(buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}

// The original accessors, captured at load: a user-defined own `buffer` or
// `resizable` property (or a patched prototype) must not hide a resizable
// buffer. Engines without resizable buffers have no `resizable` getter.
const arrayBufferResizable = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'resizable')?.get;

/**
 * True when `array` views a resizable (non-shared) ArrayBuffer. A growable
 * SharedArrayBuffer is not: it can never shrink, and a call uses the view's
 * length at call time, so memory under a running kernel stays valid.
 */
function isResizable(array: NumericArray): boolean {
  if (arrayBufferResizable === undefined) return false;
  const buffer = Reflect.apply(realBuffer, array, []) as ArrayBufferLike;
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
    const buffer = Reflect.apply(realBuffer, array, []) as ArrayBufferLike;
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
 * Checks that `value` (the argument called `name`) is a supported, attached,
 * in-bounds TypedArray whose properties are its own, over a fixed-length or
 * shared buffer, and returns its dtype. A resizable ArrayBuffer could shrink
 * under a running kernel, so it is refused (the native side re-checks: memory
 * safety must not rely on JS).
 * @throws TypeError ERR_INVALID_ARG_TYPE, ERR_INVALID_DTYPE, ERR_DETACHED_BUFFER or ERR_RESIZABLE_BUFFER.
 */
export function checkArray(value: unknown, name: string): Dtype {
  const dtype = dtypeOf(value);
  if (dtype === undefined) {
    const isOtherView = Reflect.apply(realTag, value, []) !== undefined;
    throw new CorepoolTypeError(
      isOtherView ? ErrorCode.INVALID_DTYPE : ErrorCode.INVALID_ARG_TYPE,
      `${name} must be a ${ACCEPTED}; got ${describe(value)}`,
    );
  }
  if (!isHonest(value as object, dtype)) {
    throw new CorepoolTypeError(
      ErrorCode.INVALID_ARG_TYPE,
      `${name} must be a TypedArray whose length, byteOffset, byteLength, buffer and type are its own; got one that redefines them`,
    );
  }
  try {
    Reflect.apply(realKeys, value, []);
  } catch {
    if (isDetached(Reflect.apply(realBuffer, value, []) as ArrayBufferLike)) {
      throw new CorepoolTypeError(ErrorCode.DETACHED_BUFFER, `${name} must not be backed by a detached ArrayBuffer`);
    }
    if (!isResizable(value as NumericArray)) {
      throw new CorepoolRangeError(
        ErrorCode.OUT_OF_RANGE,
        `${name} must lie inside its ArrayBuffer; it was resized to end before the view`,
      );
    }
  }
  if (isResizable(value as NumericArray)) {
    throw new CorepoolTypeError(
      ErrorCode.RESIZABLE_BUFFER,
      `${name} must not be backed by a resizable ArrayBuffer; copy it with .slice() or use a fixed-length ArrayBuffer`,
    );
  }
  return dtype;
}

/**
 * Checks a size taken from the caller (a length, a dimension, a bin count):
 * a non-negative integer no larger than {@link MAX_ELEMENTS}.
 * @throws RangeError ERR_OUT_OF_RANGE.
 */
export function checkSize(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_ELEMENTS) {
    throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `${name} must be an integer from 0 to ${MAX_ELEMENTS}; got ${value}`);
  }
  return value;
}

/**
 * Checks, before anything is allocated or looped over, that a result of
 * `elements` elements of `bytesPerElement` bytes (`what`, e.g. 'the result
 * (m*n)') could exist: at most {@link MAX_ELEMENTS} elements and no more bytes
 * than the machine's memory.
 * @throws RangeError ERR_OUT_OF_RANGE.
 */
/** Allocations up to this many bytes skip the machine-memory check. */
const SMALL_ALLOCATION = 1 << 24;

export function checkAllocation(elements: number, bytesPerElement: number, what: string): void {
  // os.totalmem() is a system call (about 15 µs): ask only when the size could matter.
  if (!(elements <= MAX_ELEMENTS) || (elements * bytesPerElement > SMALL_ALLOCATION && elements * bytesPerElement > totalmem())) {
    throw new CorepoolRangeError(
      ErrorCode.OUT_OF_RANGE,
      `${what} must fit in memory (at most ${MAX_ELEMENTS} elements and ${totalmem()} bytes); got ${elements} elements`,
    );
  }
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
    throw new CorepoolRangeError(ErrorCode.LENGTH_MISMATCH, `b must have the same length as a (${a.length}); got ${b.length}`);
  }
}

/** Throws ERR_EMPTY_INPUT for reductions that have no identity (numpy raises too). */
export function checkNotEmpty(a: NumericArray, kernel: string): void {
  if (a.length === 0) {
    throw new CorepoolRangeError(ErrorCode.EMPTY_INPUT, `a must not be empty: ${kernel} of an empty array is undefined`);
  }
}

/**
 * The closest of `candidates` to `word` by edit distance (a transposition
 * counts as one edit, case is ignored), when it is close enough to be what
 * the caller meant.
 */
export function nearestName(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(w.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(w, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/**
 * Checks an options argument and returns it as a record ({} for undefined).
 * `owner` names the call in messages ("Pool", "sum", "Queue.get"); `allowed`
 * lists every key it takes. Only own string keys are checked: a symbol key
 * or an inherited default is not a misspelling.
 * @throws TypeError ERR_INVALID_ARG_TYPE when `options` is not an object
 *   (naming `name`); ERR_INVALID_OPTION for a key not in `allowed`, naming
 *   the key and the nearest valid one.
 */
export function checkOptions(options: unknown, owner: string, allowed: readonly string[], name = 'options'): Record<string, unknown> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new CorepoolTypeError(
      ErrorCode.INVALID_ARG_TYPE,
      `${name} must be an object or undefined; got ${Array.isArray(options) ? 'Array' : describeValue(options)}`,
    );
  }
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue;
    const near = nearestName(key, allowed);
    const hint =
      near !== undefined ? `did you mean ${near}?` : allowed.length === 0 ? 'it takes no options' : `valid options: ${allowed.join(', ')}`;
    throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, `${name}.${key} is not an option of ${owner}; ${hint}`);
  }
  return options as Record<string, unknown>;
}

/**
 * The error for a bad option value: ERR_INVALID_OPTION naming `name.key`, a
 * RangeError when the value has the right type but is out of range.
 */
export function optionError(
  key: string,
  expected: string,
  value: unknown,
  kind: 'type' | 'range' = 'type',
  name = 'options',
): CorepoolTypeError | CorepoolRangeError {
  const message = `${name}.${key} must be ${expected}; got ${describeValue(value)}`;
  return kind === 'range'
    ? new CorepoolRangeError(ErrorCode.INVALID_OPTION, message)
    : new CorepoolTypeError(ErrorCode.INVALID_OPTION, message);
}

/**
 * Reads `options.signal`: undefined or an AbortSignal. The one signal check,
 * for kernels, Pool calls, queues and locks alike.
 * @throws TypeError ERR_INVALID_OPTION.
 */
export function checkSignal(options: Record<string, unknown>, name = 'options'): AbortSignal | undefined {
  const { signal } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw optionError('signal', 'an AbortSignal', signal, 'type', name);
  return signal as AbortSignal | undefined;
}

/**
 * The one overlap check of the kernels. Writing through a view that shares
 * bytes with an input would read values the call already overwrote; the exact
 * same view is an in-place call, which element-by-element kernels allow
 * (`inPlace`) and matrix kernels do not. Empty views never overlap.
 * @param target - names the view written to (`options.out`, or `y` for axpy)
 * @throws RangeError ERR_OVERLAP.
 */
export function checkOverlap(out: ArrayBufferView, input: ArrayBufferView, name: string, target = 'options.out', inPlace = true): void {
  if (out.buffer !== input.buffer || out.byteLength === 0 || input.byteLength === 0) return;
  const disjoint = out.byteOffset + out.byteLength <= input.byteOffset || input.byteOffset + input.byteLength <= out.byteOffset;
  if (disjoint) return;
  const step = (v: ArrayBufferView): number => (v as NumericArray).BYTES_PER_ELEMENT;
  const sameView = out.byteOffset === input.byteOffset && step(out) === step(input);
  if (inPlace && sameView) return;
  throw new CorepoolRangeError(
    ErrorCode.OVERLAP,
    inPlace ? `${target} must be ${name} itself or not overlap it` : `${target} must not overlap ${name}`,
  );
}

/**
 * Checks an integer argument (an index, an axis, a slice bound): a safe
 * integer, as numpy's operator.index would accept.
 * @throws TypeError ERR_INVALID_ARG_TYPE naming `name`.
 */
export function checkInteger(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `${name} must be an integer; got ${describeValue(value)}`);
  }
  return value;
}

/**
 * Checks a shape argument: a size (one dimension) or an array of sizes, each
 * an integer from 0 to {@link MAX_ELEMENTS}, whose product fits in memory.
 * Returns a fresh array, so later changes to the caller's do not matter.
 * @throws TypeError ERR_INVALID_ARG_TYPE; RangeError ERR_OUT_OF_RANGE.
 */
export function checkShape(value: unknown, name: string): number[] {
  const dims = typeof value === 'number' ? [value] : Array.isArray(value) ? [...(value as unknown[])] : undefined;
  if (dims === undefined) {
    throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `${name} must be an array of sizes or a size; got ${describeValue(value)}`);
  }
  let size = 1;
  for (let i = 0; i < dims.length; i++) {
    const d = dims[i];
    if (typeof d !== 'number') {
      throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `${name}[${i}] must be an integer; got ${describeValue(d)}`);
    }
    checkSize(d, `${name}[${i}]`);
    size *= d;
  }
  if (size > MAX_ELEMENTS) {
    throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `${name} must hold at most ${MAX_ELEMENTS} elements; got ${size}`);
  }
  return dims as number[];
}

/**
 * Reads `options.dtype`: one of corepool's dtype names, `fallback` when undefined.
 * @throws TypeError ERR_INVALID_DTYPE naming `name.dtype`.
 */
export function checkDtypeOption(options: Record<string, unknown>, fallback: Dtype, name = 'options'): Dtype {
  const { dtype } = options;
  if (dtype === undefined) return fallback;
  if (typeof dtype !== 'string' || !BYTES_BY_DTYPE.has(dtype as Dtype)) {
    throw new CorepoolTypeError(
      ErrorCode.INVALID_DTYPE,
      `${name}.dtype must be one of ${[...BYTES_BY_DTYPE.keys()].map((d) => `'${d}'`).join(', ')}; got ${describeValue(dtype)}`,
    );
  }
  return dtype as Dtype;
}

/**
 * Reads a boolean option, `fallback` when undefined.
 * @throws TypeError ERR_INVALID_OPTION naming `name.key`.
 */
export function checkBooleanOption(options: Record<string, unknown>, key: string, fallback: boolean, name = 'options'): boolean {
  const value = options[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw optionError(key, 'a boolean', value, 'type', name);
  return value;
}
