/**
 * Lock and RLock over SharedArrayBuffer + Atomics, usable from any thread.
 *
 * Each has a blocking form for workers (`acquireSync`) and a Promise form for
 * anywhere (`acquire`), which on the main thread never blocks the event loop.
 * Dead owners: see {@link OWNER_CHECK_INTERVAL_MS} and the README.
 */
import type { LockDescriptor } from '../shared/descriptors.js';
import { kShare, registerShareable, type Shareable } from '../shared/shareable.js';
import { checkOptions } from '../validate.js';
import { LOCK_WORDS, LockCore, notHeld } from './lock_core.js';
import { BufferHandOff, descriptorBuffer } from './revive.js';
import { ON_MAIN_THREAD, SELF } from './thread.js';
import { acquireBudget, assertMayBlock, runAsync, runSync, type AcquireOptions } from './wait.js';

/**
 * Internal: the words of a Lock or RLock, for Condition. Registered with
 * Symbol.for, and tested by {@link isLock} rather than instanceof, so that a
 * lock revived by another bundled copy of corepool (a worker entry, the CJS
 * build) still works with this copy's Condition, Value and SharedArray.
 */
export const kCore: unique symbol = Symbol.for('corepool.lockCore') as typeof kCore;

/** True for a Lock or RLock of any copy of corepool. */
export function isLock(value: unknown): value is Lock | RLock {
  return typeof value === 'object' && value !== null && typeof (value as { [kCore]?: unknown })[kCore] === 'function';
}

// Spins before sleeping: a critical section usually ends within a few hundred
// ns, much sooner than a futex sleep/wake round trip.
const SPINS = 64;

const handOff = new BufferHandOff();

function blockingAcquire(core: LockCore, options: AcquireOptions | undefined, call: string, owner: string): boolean {
  const budget = acquireBudget(options, owner);
  assertMayBlock(call, budget);
  if (core.tryAcquire()) return true;
  if (budget <= 0) return false;
  for (let i = 0; i < SPINS; i++) {
    if (core.holder() === 0 && core.tryAcquire()) return true;
  }
  return runSync(core.acquireSteps(budget));
}

/** What Lock and RLock share; `#recursive` is the one difference. */
abstract class LockBase implements Shareable {
  readonly #core: LockCore;
  readonly #buffer: SharedArrayBuffer;
  readonly #recursive: boolean;

  constructor(recursive: boolean) {
    this.#buffer = handOff.take(LOCK_WORDS * 4).buffer;
    this.#core = new LockCore(new Int32Array(this.#buffer));
    this.#recursive = recursive;
  }

  /** Internal: the lock's words. */
  [kCore](): LockCore {
    return this.#core;
  }

  /**
   * Takes the lock, sleeping the calling worker until it is free. The owner of
   * an RLock gets it again at once (and must release it once more).
   * @param options `block: false` tries once; `timeout` gives up after that many ms.
   * @returns true when the lock was taken, false on timeout or when non-blocking and busy.
   * @throws ERR_BLOCKING_ON_MAIN_THREAD on the main thread unless non-blocking (use {@link acquire});
   *   ERR_INVALID_ARG_TYPE for a non-object `options`, ERR_INVALID_OPTION for an unknown or bad option.
   * Python equivalent: `lock.acquire(block=True, timeout=None)`.
   */
  acquireSync(options?: AcquireOptions): boolean {
    const core = this.#core;
    // The main-thread check comes first so misuse fails even when uncontended.
    if (options === undefined && !ON_MAIN_THREAD && core.tryAcquire()) return true;
    if (this.#recursive && core.holder() === SELF) return this.#recurse(options, 'RLock.acquireSync');
    return blockingAcquire(
      core,
      options,
      this.#recursive ? 'rlock.acquire' : 'lock.acquire',
      this.#recursive ? 'RLock.acquireSync' : 'Lock.acquireSync',
    );
  }

  /**
   * Takes the lock without blocking the event loop (any thread).
   * @returns a Promise of true when taken, false on timeout or when non-blocking and busy; it
   *   rejects with ERR_INVALID_ARG_TYPE / ERR_INVALID_OPTION for bad options, as {@link acquireSync} throws.
   * Python equivalent: `lock.acquire(block=True, timeout=None)`.
   */
  async acquire(options?: AcquireOptions): Promise<boolean> {
    if (this.#recursive && this.#core.holder() === SELF) return this.#recurse(options, 'RLock.acquire');
    return runAsync(this.#core.acquireSteps(acquireBudget(options, this.#recursive ? 'RLock.acquire' : 'Lock.acquire')));
  }

  #recurse(options: AcquireOptions | undefined, owner: string): true {
    if (options !== undefined) acquireBudget(options, owner); // validates only
    this.#core.count += 1;
    return true;
  }

  /**
   * Lock: frees the lock, whichever thread took it (as in Python), and wakes
   * one waiter. RLock: undoes one acquire of the owner thread; the last one
   * frees the lock.
   * @throws ERR_LOCK_NOT_HELD when a Lock is not held, or when the calling
   *   thread does not own an RLock.
   * Python equivalent: `lock.release()`.
   */
  release(): void {
    const core = this.#core;
    if (!this.#recursive) {
      if (!core.unlock()) throw notHeld('release() of an unlocked Lock');
      return;
    }
    if (core.holder() !== SELF) throw notHeld('cannot release un-acquired lock (an RLock is released by its owner thread)');
    const count = core.count;
    if (count > 1) core.count = count - 1;
    else core.unlock();
  }

  /** True while some thread holds the lock. Python equivalent: `lock.locked()`. */
  locked(): boolean {
    return this.#core.holder() !== 0;
  }

  /** worker_threads `threadId` of the holder (0: the main thread), or null when free. */
  get owner(): number | null {
    return this.#core.ownerThreadId();
  }

  /**
   * True while the current holder took the lock over from a thread that ended
   * holding it: the data it guards may be half-updated (like EOWNERDEAD of a
   * POSIX robust mutex). Cleared by the next release.
   */
  get abandoned(): boolean {
    return this.#core.abandoned();
  }

  /**
   * Frees the lock whoever holds it, waking one waiter: the manual recovery
   * when a holder is stuck, or dead where that cannot be detected (see README).
   * @returns false when the lock was already free.
   */
  forceRelease(): boolean {
    return this.#core.unlock();
  }

  /** The form in which the lock crosses threads (see shareable.ts). */
  [kShare](): LockDescriptor {
    return { __corepool: this.#recursive ? 'RLock' : 'Lock', buffer: this.#buffer };
  }
}

/**
 * The options of Lock, RLock, Event, Manager and SimpleQueue's put and get:
 * none. An object with keys is refused rather than ignored (a `timeout`, say,
 * belongs to acquire(); a SimpleQueue has none).
 */
export type NoOptions = Record<string, never>;

/**
 * A mutual-exclusion lock shared by all threads it is passed to. Any thread may
 * release it, as in Python.
 * Python equivalent: `multiprocessing.Lock()`.
 */
export class Lock extends LockBase {
  /** @throws TypeError ERR_INVALID_ARG_TYPE for a non-object argument, ERR_INVALID_OPTION for any key. */
  constructor(options?: NoOptions) {
    checkOptions(options, 'Lock', []);
    super(false);
  }
}

/**
 * A reentrant lock: the owning thread may acquire it again, and must release it
 * as many times. Ownership is per thread, so async tasks on one thread share it.
 * Python equivalent: `multiprocessing.RLock()`.
 */
export class RLock extends LockBase {
  /** @throws TypeError ERR_INVALID_ARG_TYPE for a non-object argument, ERR_INVALID_OPTION for any key. */
  constructor(options?: NoOptions) {
    checkOptions(options, 'RLock', []);
    super(true);
  }
}

registerShareable('Lock', (d) => handOff.revive(descriptorBuffer(d, LOCK_WORDS * 4), () => new Lock()));
registerShareable('RLock', (d) => handOff.revive(descriptorBuffer(d, LOCK_WORDS * 4), () => new RLock()));
