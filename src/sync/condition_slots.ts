/**
 * The wait list of a Condition in shared memory: one slot per waiting call,
 * so that notify(n) wakes exactly n waiters (the n oldest, by ticket) and a
 * waiter that times out takes no later notification with it. Every change
 * happens under the Condition's lock, except the waiter's own sleep on its
 * slot's state word.
 */
import { CorepoolError, ErrorCode } from '../errors.js';
import { SELF, isThreadAlive } from './thread.js';

const NEXT_TICKET = 0;
const HIGH = 1; // slots [0, HIGH) may be in use, so scans stop there
const HEADER = 4;
const STRIDE = 4; // state, ticket, waiter's thread id, unused
const TICKET = 1;
const OWNER = 2;

/** Slot states. */
export const FREE = 0;
export const WAITING = 1;
export const SIGNALLED = 2;

/** Bytes for a table of `capacity` slots. */
export function slotTableBytes(capacity: number): number {
  return (HEADER + STRIDE * capacity) * 4;
}

export class SlotTable {
  readonly i32: Int32Array;
  readonly #capacity: number;

  constructor(buffer: SharedArrayBuffer) {
    this.i32 = new Int32Array(buffer);
    this.#capacity = (this.i32.length - HEADER) / STRIDE;
  }

  /** Index in `i32` of slot `slot`'s state word, the word its waiter sleeps on. */
  stateIndex(slot: number): number {
    return HEADER + STRIDE * slot;
  }

  /** Takes a free slot for the calling thread, as the newest waiter. */
  allocate(): number {
    let slot = this.#findFree();
    if (slot < 0) {
      this.#reclaimDead();
      slot = this.#findFree();
    }
    if (slot < 0) {
      throw new CorepoolError(ErrorCode.TOO_MANY_WAITERS, `a Condition holds at most ${this.#capacity} waiters (options.maxWaiters)`);
    }
    const at = this.stateIndex(slot);
    const ticket = this.i32[NEXT_TICKET] ?? 0;
    Atomics.store(this.i32, NEXT_TICKET, (ticket + 1) | 0);
    Atomics.store(this.i32, at + TICKET, ticket);
    Atomics.store(this.i32, at + OWNER, SELF);
    Atomics.store(this.i32, at, WAITING);
    if (slot >= (this.i32[HIGH] ?? 0)) Atomics.store(this.i32, HIGH, slot + 1);
    return slot;
  }

  #findFree(): number {
    const high = Atomics.load(this.i32, HIGH);
    for (let slot = 0; slot < high; slot++) {
      if (Atomics.load(this.i32, this.stateIndex(slot)) === FREE) return slot;
    }
    return high < this.#capacity ? high : -1;
  }

  /** Frees the slots of waiters whose thread has ended. */
  #reclaimDead(): void {
    const high = Atomics.load(this.i32, HIGH);
    for (let slot = 0; slot < high; slot++) {
      const at = this.stateIndex(slot);
      if (!isThreadAlive(Atomics.load(this.i32, at + OWNER))) this.release(slot);
    }
  }

  /** The slot's waiter is done with it. */
  release(slot: number): void {
    Atomics.store(this.i32, this.stateIndex(slot), FREE);
    const high = Atomics.load(this.i32, HIGH);
    let top = high;
    while (top > 0 && Atomics.load(this.i32, this.stateIndex(top - 1)) === FREE) top--;
    if (top !== high) Atomics.store(this.i32, HIGH, top);
  }

  state(slot: number): number {
    return Atomics.load(this.i32, this.stateIndex(slot));
  }

  /**
   * Signals up to `n` waiters, oldest first, skipping (and freeing) slots of
   * threads that have ended, so that a dead waiter does not swallow a wake-up.
   * @returns how many were signalled.
   */
  signal(n: number): number {
    let woken = 0;
    while (woken < n) {
      const slot = this.#oldestWaiting();
      if (slot < 0) break;
      const at = this.stateIndex(slot);
      if (!isThreadAlive(Atomics.load(this.i32, at + OWNER))) {
        this.release(slot);
        continue;
      }
      Atomics.store(this.i32, at, SIGNALLED);
      Atomics.notify(this.i32, at, 1);
      woken++;
    }
    return woken;
  }

  /** Signals every waiter (no liveness check: a dead waiter's wake-up costs nobody). */
  signalAll(): void {
    const high = Atomics.load(this.i32, HIGH);
    for (let slot = 0; slot < high; slot++) {
      const at = this.stateIndex(slot);
      if (Atomics.load(this.i32, at) !== WAITING) continue;
      Atomics.store(this.i32, at, SIGNALLED);
      Atomics.notify(this.i32, at, 1);
    }
  }

  #oldestWaiting(): number {
    const high = Atomics.load(this.i32, HIGH);
    let best = -1;
    let bestTicket = 0;
    for (let slot = 0; slot < high; slot++) {
      const at = this.stateIndex(slot);
      if (Atomics.load(this.i32, at) !== WAITING) continue;
      const ticket = Atomics.load(this.i32, at + TICKET);
      // Tickets wrap at 2^31; compare by signed distance.
      if (best < 0 || ((ticket - bestTicket) | 0) < 0) {
        best = slot;
        bestTicket = ticket;
      }
    }
    return best;
  }
}
