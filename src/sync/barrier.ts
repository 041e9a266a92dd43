/**
 * Barrier: `parties` threads (or async calls) meet, then all go on together.
 *
 * Words: an internal lock, then the arrivals of the current generation, the
 * generation number, a broken flag, a sequence word every waiter sleeps on
 * (bumped on each pass, break and reset) and a ring of per-generation
 * outcomes, so a waiter woken late still learns how *its* generation ended.
 * The action runs outside the internal lock, which therefore is only ever
 * held for a few loads and stores: that is why abort() and reset() may take
 * it synchronously, even on the main thread.
 */
import { BrokenBarrierError, CorepoolRangeError, ErrorCode } from '../errors.js';
import type { BarrierDescriptor, ShippedAction } from '../shared/descriptors.js';
import { compileAction, receivedAction, shipAction } from './barrier_action.js';
import { kShare, registerShareable, type Shareable } from '../shared/shareable.js';
import { LOCK_WORDS, LockCore } from './lock_core.js';
import { BufferHandOff, descriptorBuffer } from './revive.js';
import { checkOptions, optionError } from '../validate.js';
import { assertMayBlock, deadlineOf, optionTimeout, remainingUntil, runAsync, runSync, timeoutBudget, type Steps } from './wait.js';

const COUNT = LOCK_WORDS;
const GEN = COUNT + 1;
const BROKEN = COUNT + 2;
const SEQ = COUNT + 3;
const PARTIES = COUNT + 4;
const DRAINING = COUNT + 5; // 1 while the last arrival runs the action
const OUTCOME = COUNT + 8;
const RING = 64;
const BYTES = (OUTCOME + RING) * 4;
const PASSED = 1;
const BROKE = 2;

/** Options of {@link Barrier}. */
export interface BarrierOptions {
  /**
   * Called (synchronously) by the last thread to arrive, before any is let
   * through; if it throws, the barrier breaks. In threads the barrier was
   * passed to, it is rebuilt from its source, so it must be self-contained,
   * like a Pool task function (checked when the barrier is shared; one that
   * is not throws ERR_FN_NOT_SELF_CONTAINED where it would run).
   */
  action?: (() => unknown) | null;
  /** Default timeout of `wait`, in ms (`undefined`/`null`: none). */
  timeout?: number | null;
}

const handOff = new BufferHandOff();
/** What a reviver hands to the constructor besides the buffer. */
let revivedParts: { action: ShippedAction | null; timeout: number | null } | undefined;

/**
 * A barrier for a fixed number of parties, shared by every thread it is passed to.
 * Python equivalent: `multiprocessing.Barrier(parties, action=None, timeout=None)`.
 */
export class Barrier implements Shareable {
  readonly #buffer: SharedArrayBuffer;
  readonly #i32: Int32Array;
  readonly #lock: LockCore;
  #action: (() => unknown) | null;
  /** The action as it crosses threads; computed on first share, or received. */
  #shipped: ShippedAction | null | undefined;
  readonly #timeout: number;

  /**
   * @param options `action` and `timeout` ({@link BarrierOptions}).
   * @throws RangeError ERR_OUT_OF_RANGE unless `parties` is a positive integer;
   *   TypeError ERR_INVALID_ARG_TYPE for a non-object `options`, ERR_INVALID_OPTION for an unknown or bad option.
   */
  constructor(parties: number, options?: BarrierOptions) {
    const { buffer, revived } = handOff.take(BYTES);
    this.#buffer = buffer;
    this.#i32 = new Int32Array(buffer);
    this.#lock = new LockCore(this.#i32, 0);
    if (revived && revivedParts !== undefined) {
      this.#shipped = revivedParts.action;
      this.#action = null; // compiled from #shipped on first use
      this.#timeout = revivedParts.timeout ?? Infinity;
      return;
    }
    const o = checkOptions(options, 'Barrier', ['action', 'timeout']);
    const action = o.action ?? null;
    if (action !== null && typeof action !== 'function') throw optionError('action', 'a function, null or undefined', action);
    this.#action = action as (() => unknown) | null;
    this.#shipped = action === null ? null : undefined;
    this.#timeout = optionTimeout(o.timeout);
    if (!Number.isInteger(parties) || parties < 1 || parties > 2 ** 31 - 1) {
      throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, 'parties must be a positive integer');
    }
    this.#i32[PARTIES] = parties;
  }

  /** Number of threads required to pass. Python equivalent: `barrier.parties`. */
  get parties(): number {
    return Atomics.load(this.#i32, PARTIES);
  }

  /** Number of threads waiting now. Python equivalent: `barrier.n_waiting`. */
  get nWaiting(): number {
    if (Atomics.load(this.#i32, BROKEN) === 1) return 0;
    return Math.min(Atomics.load(this.#i32, COUNT), this.parties - 1);
  }

  /** True when broken (until reset). Python equivalent: `barrier.broken`. */
  get broken(): boolean {
    return Atomics.load(this.#i32, BROKEN) === 1;
  }

  /**
   * Sleeps the calling worker until `parties` threads have called wait.
   * @param timeout ms, overriding the constructor's `options.timeout`.
   * @returns this arrival's index, 0 for the first to arrive up to parties - 1.
   * @throws BrokenBarrierError (ERR_BROKEN_BARRIER) if the barrier breaks or is
   *   reset while waiting, or is broken; a timeout breaks it. The action's own
   *   error, in the thread that ran it. ERR_BLOCKING_ON_MAIN_THREAD on the main thread.
   * Python equivalent: `barrier.wait(timeout=None)`.
   */
  waitSync(timeout?: number | null): number {
    const budget = timeout === undefined ? this.#timeout : timeoutBudget(timeout);
    assertMayBlock('barrier.wait', Infinity);
    return runSync(this.#waitSteps(budget));
  }

  /** {@link waitSync} without blocking the event loop (any thread); rejects where it throws. */
  async wait(timeout?: number | null): Promise<number> {
    const budget = timeout === undefined ? this.#timeout : timeoutBudget(timeout);
    return runAsync(this.#waitSteps(budget));
  }

  /** Breaks the barrier: current and future waits throw BrokenBarrierError until reset. Python equivalent: `barrier.abort()`. */
  abort(): void {
    this.#locked(() => this.#break());
  }

  /**
   * Returns the barrier to its empty state; calls waiting now throw
   * BrokenBarrierError. Python equivalent: `barrier.reset()`.
   */
  reset(): void {
    this.#locked(() => {
      const i32 = this.#i32;
      const gen = Atomics.load(i32, GEN);
      if (Atomics.load(i32, COUNT) > 0 || Atomics.load(i32, BROKEN) === 1) Atomics.store(i32, OUTCOME + (gen & (RING - 1)), BROKE);
      this.#advance(gen);
      Atomics.store(i32, BROKEN, 0);
      this.#wake();
    });
  }

  /** Runs `fn` under the internal lock, which is held only briefly, so this may block even the main thread. */
  #locked(fn: () => void): void {
    if (!this.#lock.tryAcquire()) runSync(this.#lock.acquireSteps(Infinity));
    try {
      fn();
    } finally {
      this.#lock.unlock();
    }
  }

  #break(): void {
    const gen = Atomics.load(this.#i32, GEN);
    Atomics.store(this.#i32, BROKEN, 1);
    Atomics.store(this.#i32, OUTCOME + (gen & (RING - 1)), BROKE);
    this.#wake();
  }

  /** Starts generation `gen + 1`, empty. */
  #advance(gen: number): void {
    Atomics.store(this.#i32, COUNT, 0);
    Atomics.store(this.#i32, DRAINING, 0);
    Atomics.store(this.#i32, GEN, (gen + 1) | 0);
  }

  #wake(): void {
    Atomics.add(this.#i32, SEQ, 1);
    Atomics.notify(this.#i32, SEQ);
  }

  *#waitSteps(budgetMs: number): Steps<number> {
    const i32 = this.#i32;
    const deadline = deadlineOf(budgetMs);
    // Arrive; while a previous generation's action runs, wait for it to end.
    for (;;) {
      yield* this.#lock.acquireSteps(Infinity);
      if (Atomics.load(i32, DRAINING) === 0) break;
      const seq = Atomics.load(i32, SEQ);
      this.#lock.unlock();
      yield { i32, index: SEQ, value: seq, timeout: Infinity };
    }
    if (Atomics.load(i32, BROKEN) === 1) {
      this.#lock.unlock();
      throw new BrokenBarrierError();
    }
    const gen = Atomics.load(i32, GEN);
    const index = Atomics.add(i32, COUNT, 1);
    if (index + 1 === this.parties) return yield* this.#lastArrival(gen, index);
    this.#lock.unlock();
    for (;;) {
      const seq = Atomics.load(i32, SEQ);
      if (Atomics.load(i32, GEN) !== gen || Atomics.load(i32, BROKEN) === 1) return this.#outcome(gen, index);
      const left = remainingUntil(deadline);
      // Once all parties are in and the action runs, a timeout no longer
      // breaks the barrier (in Python the action holds the lock meanwhile).
      if (left > 0 || Atomics.load(i32, DRAINING) === 1) {
        yield { i32, index: SEQ, value: seq, timeout: left > 0 ? left : Infinity };
        continue;
      }
      yield* this.#lock.acquireSteps(Infinity);
      const draining = Atomics.load(i32, DRAINING) === 1;
      if (Atomics.load(i32, GEN) === gen && Atomics.load(i32, BROKEN) === 0 && !draining) this.#break();
      this.#lock.unlock();
    }
  }

  /** How generation `gen` ended, for a waiter that arrived `index`-th. */
  #outcome(gen: number, index: number): number {
    const i32 = this.#i32;
    const passed = Atomics.load(i32, GEN) !== gen && Atomics.load(i32, OUTCOME + (gen & (RING - 1))) === PASSED;
    if (!passed) throw new BrokenBarrierError();
    return index;
  }

  /** The last arrival runs the action outside the internal lock, then lets everyone through. */
  *#lastArrival(gen: number, index: number): Steps<number> {
    const i32 = this.#i32;
    Atomics.store(i32, DRAINING, 1);
    this.#lock.unlock();
    let failure: { error: unknown } | undefined;
    try {
      this.#runAction();
    } catch (error) {
      failure = { error };
    }
    yield* this.#lock.acquireSteps(Infinity);
    // abort() or reset() while the action ran: this generation is broken
    // (and after a reset, DRAINING may already belong to a later one).
    const sameGeneration = Atomics.load(i32, GEN) === gen;
    const intact = sameGeneration && Atomics.load(i32, BROKEN) === 0;
    if (intact && failure === undefined) {
      Atomics.store(i32, OUTCOME + (gen & (RING - 1)), PASSED);
      this.#advance(gen);
    } else {
      if (intact) this.#break();
      if (sameGeneration) Atomics.store(i32, DRAINING, 0);
    }
    this.#wake();
    this.#lock.unlock();
    if (failure !== undefined) throw failure.error;
    return this.#outcome(gen, index);
  }

  #runAction(): void {
    if (this.#action === null && this.#shipped) this.#action = compileAction(this.#shipped);
    this.#action?.();
  }

  /** The form in which the barrier crosses threads (see shareable.ts). */
  [kShare](): BarrierDescriptor {
    const timeout = this.#timeout === Infinity ? null : this.#timeout;
    if (this.#shipped === undefined) this.#shipped = shipAction(this.#action!);
    return { __corepool: 'Barrier', buffer: this.#buffer, action: this.#shipped, timeout };
  }
}

registerShareable('Barrier', (d) => {
  const { action, timeout } = d as unknown as BarrierDescriptor;
  revivedParts = { action: receivedAction(action), timeout: typeof timeout === 'number' ? timeout : null };
  try {
    return handOff.revive(descriptorBuffer(d, BYTES), () => new Barrier(0));
  } finally {
    revivedParts = undefined;
  }
});
