/**
 * The mutex under Lock, RLock, Condition and Barrier: a few Int32 words in a
 * SharedArrayBuffer, changed only with Atomics.
 *
 * The state word holds the owner's id ({@link SELF}), or 0 when free, so one
 * compareExchange both takes the lock and records who holds it: that is what
 * lets RLock recurse, Condition check ownership and waiters detect a dead
 * owner. Waiters count themselves in WAITERS, so an uncontended release is an
 * exchange plus one load, with no notify.
 */
import { CorepoolError, ErrorCode } from '../errors.js';
import { CAN_CHECK_LIVENESS, SELF, THREAD_ID, isThreadAlive } from './thread.js';
import { deadlineOf, remainingUntil, type Steps } from './wait.js';

const STATE = 0;
const WAITERS = 1;
const COUNT = 2; // RLock recursion depth; touched only by the owner
const OWNER_THREAD = 3; // owner's worker_threads threadId + 1, for `owner`
const ABANDONED = 4; // 1 while the holder took the lock over from a dead owner

/** Int32 words one lock occupies (rounded up to a cache-friendly 32 bytes). */
export const LOCK_WORDS = 8;

/**
 * While waiting for a held lock, a waiter checks this often (ms) whether the
 * owner is still alive, and takes the lock over if not. It costs one stat(2)
 * per waiter per interval, and bounds how long a dead owner blocks others.
 */
export const OWNER_CHECK_INTERVAL_MS = 100;

/** A lock's words: `i32[base …base + LOCK_WORDS)`. */
export class LockCore {
  readonly i32: Int32Array;
  readonly state: number;
  constructor(i32: Int32Array, base = 0) {
    this.i32 = i32;
    this.state = base + STATE;
  }

  /** One attempt to take a free lock. */
  tryAcquire(): boolean {
    if (Atomics.compareExchange(this.i32, this.state, 0, SELF) !== 0) return false;
    this.#taken(0);
    return true;
  }

  /**
   * Records the new holder after the state word became SELF. Plain stores:
   * only the holder writes these words, and the compareExchange that took the
   * lock and the one that frees it order them for the next holder.
   */
  #taken(abandoned: 0 | 1): void {
    const b = this.state - STATE;
    this.i32[b + COUNT] = 1;
    this.i32[b + OWNER_THREAD] = THREAD_ID + 1;
    if (abandoned === 1) this.i32[b + ABANDONED] = 1;
  }

  /** Waits (as steps) until the lock is taken or `budgetMs` runs out; true when taken. */
  *acquireSteps(budgetMs: number): Steps<boolean> {
    if (this.tryAcquire()) return true;
    if (budgetMs <= 0) return false;
    const { i32, state } = this;
    const waiters = state - STATE + WAITERS;
    const deadline = deadlineOf(budgetMs);
    Atomics.add(i32, waiters, 1);
    try {
      for (;;) {
        const owner = Atomics.compareExchange(i32, state, 0, SELF);
        if (owner === 0) return this.#done(0);
        const left = remainingUntil(deadline);
        if (left <= 0) return false;
        const slice = CAN_CHECK_LIVENESS ? Math.min(left, OWNER_CHECK_INTERVAL_MS) : left;
        const result = yield { i32, index: state, value: owner, timeout: slice };
        if (result === 'timed-out' && this.#takeOverFrom(owner)) return this.#done(1);
      }
    } finally {
      Atomics.sub(i32, waiters, 1);
    }
  }

  #done(abandoned: 0 | 1): true {
    this.#taken(abandoned);
    return true;
  }

  /** Takes the lock if `owner` still holds it and has ended. */
  #takeOverFrom(owner: number): boolean {
    if (Atomics.load(this.i32, this.state) !== owner || isThreadAlive(owner)) return false;
    return Atomics.compareExchange(this.i32, this.state, owner, SELF) === owner;
  }

  /** The id in the state word: 0 when free. */
  holder(): number {
    return Atomics.load(this.i32, this.state);
  }

  /** RLock recursion depth (the owner's only: read and written by the holder alone). */
  get count(): number {
    return this.i32[this.state - STATE + COUNT] ?? 0;
  }

  set count(value: number) {
    this.i32[this.state - STATE + COUNT] = value;
  }

  /** worker_threads threadId of the holder, or null when free. */
  ownerThreadId(): number | null {
    const id = Atomics.load(this.i32, this.state - STATE + OWNER_THREAD);
    return Atomics.load(this.i32, this.state) === 0 || id === 0 ? null : id - 1;
  }

  abandoned(): boolean {
    return Atomics.load(this.i32, this.state - STATE + ABANDONED) === 1;
  }

  /**
   * Frees the lock whoever holds it (the callers check ownership where it
   * matters: a plain Lock may be released by any thread, as in Python).
   * @returns false when it was not held.
   */
  unlock(): boolean {
    const { i32, state } = this;
    const b = state - STATE;
    i32[b + OWNER_THREAD] = 0;
    if (i32[b + ABANDONED] !== 0) i32[b + ABANDONED] = 0;
    if (Atomics.exchange(i32, state, 0) === 0) return false;
    // A waiter counts itself before it re-reads the state and sleeps, so either
    // it sees 0 or we see it here (Atomics are sequentially consistent).
    if (Atomics.load(i32, b + WAITERS) !== 0) Atomics.notify(i32, state, 1);
    return true;
  }
}

/** The error of releasing a lock the caller may not release. */
export function notHeld(message: string): CorepoolError {
  return new CorepoolError(ErrorCode.LOCK_NOT_HELD, message);
}
