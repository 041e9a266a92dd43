/**
 * Semaphore and BoundedSemaphore: a shared counter of permits.
 *
 * A semaphore has no owner, so (as in Python) permits held by a thread that
 * ends are not given back; wait with a timeout if that can happen.
 */
import { CorepoolError, CorepoolRangeError, ErrorCode } from '../errors.js';
import type { SemaphoreDescriptor } from '../shared/descriptors.js';
import { kShare, registerShareable, type Shareable } from '../shared/shareable.js';
import { BufferHandOff, descriptorBuffer } from './revive.js';
import { ON_MAIN_THREAD } from './thread.js';
import { acquireBudget, assertMayBlock, deadlineOf, remainingUntil, runAsync, runSync, type AcquireOptions, type Steps } from './wait.js';

const VALUE = 0;
const WAITERS = 1;
const BOUND = 2; // the initial value for a BoundedSemaphore, -1 for none
const BYTES = 4 * 4;
const MAX = 2 ** 31 - 1;

const handOff = new BufferHandOff();

function checkCount(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX) {
    throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `${name} must be an integer in [0, 2^31 - 1]`);
  }
  return value;
}

function tryTake(i32: Int32Array): boolean {
  let seen = Atomics.load(i32, VALUE);
  while (seen > 0) {
    const prev = Atomics.compareExchange(i32, VALUE, seen, seen - 1);
    if (prev === seen) return true;
    seen = prev;
  }
  return false;
}

function* acquireSteps(i32: Int32Array, budgetMs: number): Steps<boolean> {
  if (tryTake(i32)) return true;
  if (budgetMs <= 0) return false;
  const deadline = deadlineOf(budgetMs);
  Atomics.add(i32, WAITERS, 1);
  try {
    for (;;) {
      if (tryTake(i32)) return true;
      const left = remainingUntil(deadline);
      if (left <= 0) return false;
      yield { i32, index: VALUE, value: 0, timeout: left };
    }
  } finally {
    Atomics.sub(i32, WAITERS, 1);
  }
}

/**
 * A counter of permits shared by every thread it is passed to.
 * Python equivalent: `multiprocessing.Semaphore(value=1)`.
 */
export class Semaphore implements Shareable {
  readonly #buffer: SharedArrayBuffer;
  readonly #i32: Int32Array;

  /**
   * @param value initial number of permits (default 1).
   * @throws RangeError ERR_OUT_OF_RANGE unless an integer in [0, 2^31 - 1].
   */
  constructor(value = 1) {
    const { buffer, revived } = handOff.take(BYTES);
    this.#buffer = buffer;
    this.#i32 = new Int32Array(buffer);
    if (revived) return;
    this.#i32[VALUE] = checkCount(value, 'value');
    this.#i32[BOUND] = this instanceof BoundedSemaphore ? value : -1;
  }

  /**
   * Takes a permit, sleeping the calling worker while there is none.
   * @returns true when taken, false on timeout or when non-blocking and none is free.
   * @throws ERR_BLOCKING_ON_MAIN_THREAD on the main thread unless non-blocking (use {@link acquire});
   *   ERR_INVALID_ARG_TYPE for a non-object `options`, ERR_INVALID_OPTION for an unknown or bad option.
   * Python equivalent: `sem.acquire(block=True, timeout=None)`.
   */
  acquireSync(options?: AcquireOptions): boolean {
    if (options === undefined && !ON_MAIN_THREAD && tryTake(this.#i32)) return true;
    const budget = acquireBudget(options, `${this.#name()}.acquireSync`);
    assertMayBlock('semaphore.acquire', budget);
    return runSync(acquireSteps(this.#i32, budget));
  }

  /**
   * Takes a permit without blocking the event loop (any thread).
   * @returns a Promise of true when taken, false on timeout or when non-blocking and none is free;
   *   it rejects where {@link acquireSync} throws for bad options.
   * Python equivalent: `sem.acquire(block=True, timeout=None)`.
   */
  async acquire(options?: AcquireOptions): Promise<boolean> {
    return runAsync(acquireSteps(this.#i32, acquireBudget(options, `${this.#name()}.acquire`)));
  }

  #name(): 'Semaphore' | 'BoundedSemaphore' {
    return this instanceof BoundedSemaphore ? 'BoundedSemaphore' : 'Semaphore';
  }

  /**
   * Gives back `n` permits and wakes as many waiters.
   * @throws ERR_SEMAPHORE_OVER_RELEASE (BoundedSemaphore) when that would exceed the initial value.
   * Python equivalent: `sem.release(n=1)`.
   */
  release(n = 1): void {
    const i32 = this.#i32;
    if (checkCount(n, 'n') === 0) throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, 'n must be an integer in [1, 2^31 - 1]');
    const bound = i32[BOUND] ?? -1;
    let seen = Atomics.load(i32, VALUE);
    for (;;) {
      if ((bound >= 0 && seen + n > bound) || seen + n > MAX) {
        throw new CorepoolError(ErrorCode.SEMAPHORE_OVER_RELEASE, 'semaphore or lock released too many times');
      }
      const prev = Atomics.compareExchange(i32, VALUE, seen, seen + n);
      if (prev === seen) break;
      seen = prev;
    }
    if (Atomics.load(i32, WAITERS) !== 0) Atomics.notify(i32, VALUE, n);
  }

  /** Permits free right now. Python equivalent: `sem.get_value()`. */
  getValue(): number {
    return Atomics.load(this.#i32, VALUE);
  }

  /** The form in which the semaphore crosses threads (see shareable.ts). */
  [kShare](): SemaphoreDescriptor {
    return { __corepool: this.#name(), buffer: this.#buffer };
  }
}

/**
 * A Semaphore whose `release()` throws rather than exceed its initial value,
 * which catches a release without a matching acquire.
 * Python equivalent: `multiprocessing.BoundedSemaphore(value=1)`.
 */
export class BoundedSemaphore extends Semaphore {}

registerShareable('Semaphore', (d) => handOff.revive(descriptorBuffer(d, BYTES), () => new Semaphore()));
registerShareable('BoundedSemaphore', (d) => handOff.revive(descriptorBuffer(d, BYTES), () => new BoundedSemaphore()));
