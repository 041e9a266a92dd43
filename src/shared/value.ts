/**
 * Value and RawValue: one number in shared memory, with an optional lock.
 */
import { CorepoolTypeError, ErrorCode } from '../errors.js';
import type { Lock, RLock } from '../sync/lock.js';
import type { ValueDescriptor } from './descriptors.js';
import { lockFromOptions, noLock, reviveLock, type SynchronizedOptions } from './lock_option.js';
import { kShare, registerShareable, type Shareable } from './shareable.js';
import {
  isAtomicCapable,
  resolveTypecode,
  toElement,
  typecodeName,
  type ArrayOf,
  type ElementOf,
  type TypecodeLike,
  type TypedArray,
} from './typecodes.js';

/** Parts a reviver or getObj() hands to the constructor instead of allocating. */
let adopted: { view: TypedArray; lock: Lock | RLock | null } | undefined;

/**
 * One number in a SharedArrayBuffer, shared by every thread it is passed to.
 * Each read or write of `value` is atomic on its own, but `v.value += 1` is a
 * read then a write, so concurrent increments get lost unless made under
 * `getLock()`. Made by {@link Value} or {@link RawValue}.
 */
export class SharedValue<E extends number | bigint = number> implements Shareable {
  readonly #view: TypedArray;
  readonly #lock: Lock | RLock | null;
  readonly #atomic: boolean;
  /** The typecode it was made with ('i', 'd', 'Float64Array'…). */
  readonly typecode: string;

  constructor(typecode: TypecodeLike, init?: number | bigint, options?: SynchronizedOptions) {
    const parts = adopted;
    adopted = undefined;
    const ctor = resolveTypecode(typecode);
    this.typecode = typecodeName(typecode);
    this.#atomic = isAtomicCapable(ctor);
    if (parts !== undefined) {
      this.#view = parts.view;
      this.#lock = parts.lock;
      return;
    }
    const element = toElement(ctor, init ?? 0, 'init');
    this.#lock = lockFromOptions(options, 'Value');
    this.#view = new ctor(new SharedArrayBuffer(ctor.BYTES_PER_ELEMENT), 0, 1);
    this.#view[0] = element;
  }

  /** The number (a bigint for 'l', 'L', 'q', 'Q'). Python equivalent: `v.value`. */
  get value(): E {
    const view = this.#view;
    return (this.#atomic ? Atomics.load(view as Int32Array, 0) : view[0]) as E;
  }

  set value(value: E) {
    const view = this.#view;
    const element = toElement(view.constructor as never, value, 'value');
    if (this.#atomic) Atomics.store(view as Int32Array, 0, element as number);
    else view[0] = element;
  }

  /**
   * The lock that guards compound updates such as `+=`.
   * @throws ERR_NO_LOCK when made with `lock: false` or by RawValue.
   * Python equivalent: `v.get_lock()`.
   */
  getLock(): Lock | RLock {
    if (this.#lock === null) throw noLock('Value');
    return this.#lock;
  }

  /** The same memory without the lock (a RawValue). Python equivalent: `v.get_obj()`. */
  getObj(): SharedValue<E> {
    adopted = { view: this.#view, lock: null };
    return new SharedValue<E>(this.typecode as TypecodeLike);
  }

  toString(): string {
    return `Value('${this.typecode}', ${String(this.value)})`;
  }

  /** The form in which the value crosses threads, with its lock (see shareable.ts). */
  [kShare](): ValueDescriptor {
    const view = this.#view;
    return {
      __corepool: 'Value',
      typecode: this.typecode,
      buffer: view.buffer as SharedArrayBuffer,
      byteOffset: view.byteOffset,
      lock: this.#lock === null ? null : this.#lock[kShare](),
    };
  }
}

/** `Value(...)`, with or without `new`. */
export interface ValueConstructor {
  new <C extends TypecodeLike>(typecode: C, init?: number | bigint, options?: SynchronizedOptions): SharedValue<ElementOf<ArrayOf<C>>>;
  <C extends TypecodeLike>(typecode: C, init?: number | bigint, options?: SynchronizedOptions): SharedValue<ElementOf<ArrayOf<C>>>;
  readonly prototype: SharedValue<number | bigint>;
}

/**
 * A number in shared memory with a lock; `new` is optional, as in Python.
 * @param typecode 'i', 'd', … (see typecodes.ts), a TypedArray name or constructor.
 * @param init initial value (default 0); a bigint or an integer for 'l', 'L', 'q', 'Q'.
 * @param options `lock`: true (default, a new RLock), false (none) or a Lock/RLock to use.
 * @throws TypeError ERR_INVALID_DTYPE for an unknown typecode; ERR_INVALID_ARG_TYPE for a bad init or a
 *   non-object `options`; ERR_INVALID_OPTION for an unknown option or a bad `options.lock`.
 * Python equivalent: `multiprocessing.Value(typecode, init, lock=True)`.
 */
export const Value = function Value(typecode: TypecodeLike, init?: number | bigint, options?: SynchronizedOptions) {
  return new SharedValue(typecode, init, options);
} as unknown as ValueConstructor;
// So that `v instanceof Value` holds.
Object.defineProperty(Value, 'prototype', { value: SharedValue.prototype });

/**
 * A number in shared memory without a lock (`getLock()` throws); `new` is optional.
 * Python equivalent: `multiprocessing.RawValue(typecode, init)`.
 */
export function RawValue<C extends TypecodeLike>(typecode: C, init?: number | bigint): SharedValue<ElementOf<ArrayOf<C>>> {
  return new SharedValue(typecode, init, { lock: false });
}

registerShareable('Value', (d) => {
  const { typecode, buffer, byteOffset, lock } = d as unknown as ValueDescriptor;
  const ctor = resolveTypecode(typecode);
  if (!(buffer instanceof SharedArrayBuffer) || typeof byteOffset !== 'number') {
    throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, 'a Value descriptor must carry its SharedArrayBuffer');
  }
  adopted = { view: new ctor(buffer, byteOffset, 1), lock: reviveLock(lock) };
  return new SharedValue(typecode as TypecodeLike);
});
