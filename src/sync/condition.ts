/**
 * Condition: waiting for a state change under a Lock or RLock, across threads.
 */
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import { checkOptions, optionError } from '../validate.js';
import type { ConditionDescriptor, LockDescriptor } from '../shared/descriptors.js';
import { kShare, registerShareable, reviveDescriptor, type Shareable } from '../shared/shareable.js';
import { SIGNALLED, SlotTable, WAITING, slotTableBytes } from './condition_slots.js';
import { RLock, isLock, kCore, type Lock } from './lock.js';
import { notHeld, type LockCore } from './lock_core.js';
import { BufferHandOff, descriptorBuffer } from './revive.js';
import { SELF } from './thread.js';
import {
  acquireBudget,
  assertMayBlock,
  deadlineOf,
  remainingUntil,
  runAsync,
  runSync,
  timeoutBudget,
  type AcquireOptions,
  type Steps,
} from './wait.js';

/** Options of {@link Condition}. */
export interface ConditionOptions {
  /** Most calls that may wait at once, across all threads (default 512); each costs 16 bytes. */
  maxWaiters?: number;
}

const DEFAULT_MAX_WAITERS = 512;
const handOff = new BufferHandOff();

function tableBytes(options: ConditionOptions | undefined): number {
  const { maxWaiters: max = DEFAULT_MAX_WAITERS } = checkOptions(options, 'Condition', ['maxWaiters']);
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 2 ** 20) {
    throw optionError('maxWaiters', 'an integer in [1, 2^20]', max, typeof max === 'number' ? 'range' : 'type');
  }
  return slotTableBytes(max);
}

/**
 * A condition variable shared by every thread it is passed to, with the lock
 * it was made with.
 * Python equivalent: `multiprocessing.Condition(lock=None)`.
 */
export class Condition implements Shareable {
  readonly #lock: Lock | RLock;
  readonly #core: LockCore;
  readonly #slots: SlotTable;
  readonly #buffer: SharedArrayBuffer;

  /**
   * @param lock the Lock or RLock to use; default a new RLock, as in Python.
   * @param options `maxWaiters` (default 512).
   * @throws TypeError ERR_INVALID_ARG_TYPE when `lock` is neither, or `options` is not an object;
   *   ERR_INVALID_OPTION for an unknown or bad option.
   */
  constructor(lock?: Lock | RLock | null, options?: ConditionOptions) {
    if (lock !== undefined && lock !== null && !isLock(lock)) {
      throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, 'lock must be a Lock, an RLock or undefined');
    }
    this.#lock = lock ?? new RLock();
    this.#core = this.#lock[kCore]();
    this.#buffer = handOff.take(tableBytes(options)).buffer;
    this.#slots = new SlotTable(this.#buffer);
  }

  /** The same as `getLock().acquireSync(options)`. */
  acquireSync(options?: AcquireOptions): boolean {
    // Checked here too, so that a message names the call the user made.
    if (options !== undefined) acquireBudget(options, 'Condition.acquireSync');
    return this.#lock.acquireSync(options);
  }

  /** The same as `getLock().acquire(options)`. */
  async acquire(options?: AcquireOptions): Promise<boolean> {
    if (options !== undefined) acquireBudget(options, 'Condition.acquire');
    return this.#lock.acquire(options);
  }

  /** The same as `getLock().release()`. */
  release(): void {
    this.#lock.release();
  }

  /** The underlying lock. */
  getLock(): Lock | RLock {
    return this.#lock;
  }

  /**
   * Releases the lock, sleeps the calling worker until notified or timed out,
   * then takes the lock back (even after a timeout) before returning.
   * @param timeout milliseconds (`undefined`/`null`: forever).
   * @returns false when the timeout passed without a notification.
   * @throws ERR_LOCK_NOT_HELD unless the calling thread holds the lock;
   *   ERR_BLOCKING_ON_MAIN_THREAD on the main thread (use {@link wait}).
   * Python equivalent: `cond.wait(timeout=None)`.
   */
  waitSync(timeout?: number | null): boolean {
    const budget = timeoutBudget(timeout);
    assertMayBlock('condition.wait', Infinity);
    return runSync(this.#waitSteps(budget));
  }

  /**
   * {@link waitSync} without blocking the event loop (any thread).
   * @returns a Promise of false when the timeout passed without a notification.
   */
  async wait(timeout?: number | null): Promise<boolean> {
    return runAsync(this.#waitSteps(timeoutBudget(timeout)));
  }

  /**
   * Waits until `predicate()` is truthy, re-checking it after each wake-up,
   * with the lock held; the lock must be held when called.
   * @returns the last value of `predicate()` (falsy only after a timeout).
   * Python equivalent: `cond.wait_for(predicate, timeout=None)`.
   */
  waitForSync<T>(predicate: () => T, timeout?: number | null): T {
    const budget = timeoutBudget(timeout);
    checkPredicate(predicate);
    assertMayBlock('condition.waitFor', Infinity);
    return runSync(this.#waitForSteps(predicate, budget));
  }

  /** {@link waitForSync} without blocking the event loop (any thread). */
  async waitFor<T>(predicate: () => T, timeout?: number | null): Promise<T> {
    const budget = timeoutBudget(timeout);
    checkPredicate(predicate);
    return runAsync(this.#waitForSteps(predicate, budget));
  }

  /**
   * Wakes up to `n` waiting calls, oldest first; the lock must be held.
   * @throws ERR_LOCK_NOT_HELD unless the calling thread holds the lock.
   * Python equivalent: `cond.notify(n=1)`.
   */
  notify(n = 1): void {
    if (!Number.isInteger(n) || n < 0) throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, 'n must be a non-negative integer');
    this.#assertOwned('notify on');
    this.#slots.signal(n);
  }

  /** Wakes every waiting call; the lock must be held. Python equivalent: `cond.notify_all()`. */
  notifyAll(): void {
    this.#assertOwned('notify on');
    this.#slots.signalAll();
  }

  #assertOwned(what: string): void {
    if (this.#core.holder() !== SELF) throw notHeld(`cannot ${what} un-acquired lock`);
  }

  *#waitSteps(budgetMs: number): Steps<boolean> {
    this.#assertOwned('wait on');
    const slots = this.#slots;
    const slot = slots.allocate();
    const depth = this.#core.count;
    this.#core.unlock(); // fully, even an RLock taken several times
    const deadline = deadlineOf(budgetMs);
    const at = slots.stateIndex(slot);
    while (slots.state(slot) === WAITING) {
      const left = remainingUntil(deadline);
      if (left <= 0) break;
      yield { i32: slots.i32, index: at, value: WAITING, timeout: left };
    }
    yield* this.#core.acquireSteps(Infinity);
    // Read under the lock: a notify that chose this slot after the timeout still counts.
    const notified = slots.state(slot) === SIGNALLED;
    slots.release(slot);
    this.#core.count = depth;
    return notified;
  }

  *#waitForSteps<T>(predicate: () => T, budgetMs: number): Steps<T> {
    const deadline = deadlineOf(budgetMs);
    let result = predicate();
    while (!result) {
      const left = remainingUntil(deadline);
      if (left <= 0) break;
      yield* this.#waitSteps(left);
      result = predicate();
    }
    return result;
  }

  /** The form in which the condition crosses threads, with its lock (see shareable.ts). */
  [kShare](): ConditionDescriptor {
    return { __corepool: 'Condition', buffer: this.#buffer, lock: this.#lock[kShare]() };
  }
}

function checkPredicate(predicate: unknown): void {
  if (typeof predicate !== 'function') throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, 'predicate must be a function');
}

registerShareable('Condition', (d) => {
  const lock = reviveDescriptor(d.lock as LockDescriptor) as Lock | RLock;
  return handOff.revive(descriptorBuffer(d, slotTableBytes(1)), () => new Condition(lock));
});
