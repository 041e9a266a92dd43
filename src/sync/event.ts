/**
 * Event: a shared flag that threads can wait on.
 */
import type { EventDescriptor } from '../shared/descriptors.js';
import { kShare, registerShareable, type Shareable } from '../shared/shareable.js';
import { checkOptions } from '../validate.js';
import type { NoOptions } from './lock.js';
import { BufferHandOff, descriptorBuffer } from './revive.js';
import { assertMayBlock, deadlineOf, remainingUntil, runAsync, runSync, timeoutBudget, type Steps } from './wait.js';

const FLAG = 0;
const BYTES = 4;

const handOff = new BufferHandOff();

function* waitSteps(i32: Int32Array, budgetMs: number): Steps<boolean> {
  const deadline = deadlineOf(budgetMs);
  for (;;) {
    if (Atomics.load(i32, FLAG) === 1) return true;
    const left = remainingUntil(deadline);
    if (left <= 0) return false;
    yield { i32, index: FLAG, value: 0, timeout: left };
  }
}

/**
 * A flag shared by every thread it is passed to: `set()` wakes all waiters.
 * Python equivalent: `multiprocessing.Event()`.
 */
export class Event implements Shareable {
  readonly #buffer: SharedArrayBuffer;
  readonly #i32: Int32Array;

  /** @throws TypeError ERR_INVALID_ARG_TYPE for a non-object argument, ERR_INVALID_OPTION for any key. */
  constructor(options?: NoOptions) {
    checkOptions(options, 'Event', []);
    this.#buffer = handOff.take(BYTES).buffer;
    this.#i32 = new Int32Array(this.#buffer);
  }

  /** True when the flag is set. Python equivalent: `event.is_set()`. */
  isSet(): boolean {
    return Atomics.load(this.#i32, FLAG) === 1;
  }

  /** Sets the flag and wakes every waiter. Python equivalent: `event.set()`. */
  set(): void {
    Atomics.store(this.#i32, FLAG, 1);
    Atomics.notify(this.#i32, FLAG);
  }

  /** Clears the flag, so later waits sleep again. Python equivalent: `event.clear()`. */
  clear(): void {
    Atomics.store(this.#i32, FLAG, 0);
  }

  /**
   * Sleeps the calling worker until the flag is set.
   * @param timeout milliseconds (`undefined`/`null`: forever).
   * @returns the flag: true, or false when the timeout passed first.
   * @throws ERR_BLOCKING_ON_MAIN_THREAD on the main thread unless timeout is 0 (use {@link wait}).
   * Python equivalent: `event.wait(timeout=None)`.
   */
  waitSync(timeout?: number | null): boolean {
    const budget = timeoutBudget(timeout);
    assertMayBlock('event.wait', budget);
    return runSync(waitSteps(this.#i32, budget));
  }

  /**
   * Waits for the flag without blocking the event loop (any thread).
   * @param timeout milliseconds (`undefined`/`null`: forever).
   * @returns a Promise of the flag: true, or false when the timeout passed first.
   * Python equivalent: `event.wait(timeout=None)`.
   */
  async wait(timeout?: number | null): Promise<boolean> {
    return runAsync(waitSteps(this.#i32, timeoutBudget(timeout)));
  }

  /** The form in which the event crosses threads (see shareable.ts). */
  [kShare](): EventDescriptor {
    return { __corepool: 'Event', buffer: this.#buffer };
  }
}

registerShareable('Event', (d) => handOff.revive(descriptorBuffer(d, BYTES), () => new Event()));
