/**
 * One direction of flow over a shared ring: the put/get protocol with its
 * waits, shared by Queue, SimpleQueue, JoinableQueue and each direction of
 * a Pipe. Each operation has a blocking form (Atomics.wait, workers only)
 * and an async form (Atomics.waitAsync, anywhere).
 *
 * Lost wake-ups are ruled out Dekker-style with sequentially consistent
 * Atomics: a sleeper registers (GET_WAITERS += 1), reads the sequence word,
 * then re-checks COUNT before sleeping; a producer bumps COUNT, then reads
 * GET_WAITERS and, if anyone is registered, bumps the sequence word and
 * notifies. One of the two always sees the other's write. Space works the
 * same way with PUT_WAITERS and SPACE_SEQ.
 */
import { owned, type Encoded } from './codec.js';
import { capDeadline, remainingMs, spinUntil, waitAsync, waitSync } from './futex.js';
import { Slot, recordBytes } from './layout.js';
import { PENDING, Ring, decodePending } from './ring.js';
import { OWNER_CHECK_MS, checkBroken, checkHolder, lockAsync, lockSync, tryLock, unlock } from './ring_lock.js';

/** Outcomes other than success. */
export const FULL: unique symbol = Symbol('full');
export const EMPTY: unique symbol = Symbol('empty');
/** Put: nothing more may be written. Get: nothing more will arrive and the ring is drained. */
export const CLOSED: unique symbol = Symbol('closed');
/** Put on a pipe whose reading end is closed. */
export const BROKEN: unique symbol = Symbol('broken');
export const OK: unique symbol = Symbol('ok');

export type PutResult = typeof OK | typeof FULL | typeof CLOSED | typeof BROKEN;

/** Runs under the lock when a record is present; returns the (possibly raw) value. */
export type Take = (ring: Ring) => unknown;
const readOldest: Take = (ring) => ring.read();

const enum Wait {
  ITEMS,
  SPACE,
}

export class Channel {
  readonly sab: SharedArrayBuffer;
  readonly ring: Ring;
  readonly #h: Int32Array;
  readonly #countUnfinished: boolean;

  /** @param countUnfinished JoinableQueue: every put adds one to UNFINISHED. */
  constructor(sab: SharedArrayBuffer, countUnfinished = false) {
    this.sab = sab;
    this.ring = new Ring(sab);
    this.#h = this.ring.header;
    this.#countUnfinished = countUnfinished;
  }

  get header(): Int32Array {
    return this.#h;
  }

  putSync(item: Encoded, block: boolean, deadline: number): PutResult {
    for (;;) {
      if (!lockSync(this.#h, block ? deadline : Infinity)) return FULL;
      const result = this.#putLocked(item);
      if (result !== FULL || !block || remainingMs(deadline) <= 0) return this.#afterPut(result);
      this.#sleepSync(Wait.SPACE, item.length, deadline);
    }
  }

  async putAsync(item: Encoded, block: boolean, deadline: number): Promise<PutResult> {
    if (tryLock(this.#h)) {
      const result = this.#putLocked(item);
      if (result !== FULL || !block || remainingMs(deadline) <= 0) return this.#afterPut(result);
    }
    // About to yield to other code on this thread, which may encode over the scratch.
    const mine = owned(item);
    for (;;) {
      if (!(await lockAsync(this.#h, block ? deadline : Infinity))) return FULL;
      const result = this.#putLocked(mine);
      if (result !== FULL || !block || remainingMs(deadline) <= 0) return this.#afterPut(result);
      await this.#sleepAsync(Wait.SPACE, mine.length, deadline);
    }
  }

  /** @returns the item, EMPTY (non-blocking or timed out) or CLOSED. */
  getSync(block: boolean, deadline: number, take: Take = readOldest): unknown {
    for (;;) {
      if (!lockSync(this.#h, block ? deadline : Infinity)) return EMPTY;
      const result = this.#getLocked(take);
      if (result !== EMPTY || !block || remainingMs(deadline) <= 0) return this.#afterGet(result);
      this.#sleepSync(Wait.ITEMS, 0, deadline);
    }
  }

  async getAsync(block: boolean, deadline: number, take: Take = readOldest): Promise<unknown> {
    for (;;) {
      if (!tryLock(this.#h) && !(await lockAsync(this.#h, block ? deadline : Infinity))) return EMPTY;
      const result = this.#getLocked(take);
      if (result !== EMPTY || !block || remainingMs(deadline) <= 0) return this.#afterGet(result);
      await this.#sleepAsync(Wait.ITEMS, 0, deadline);
    }
  }

  /** Waits until a get would not block (an item, or closed for writing). */
  pollSync(deadline: number): boolean {
    for (checkBroken(this.#h); !this.#ready(Wait.ITEMS, 0); checkBroken(this.#h)) {
      if (remainingMs(deadline) <= 0) return false;
      this.#sleepSync(Wait.ITEMS, 0, deadline);
    }
    return true;
  }

  async pollAsync(deadline: number): Promise<boolean> {
    for (checkBroken(this.#h); !this.#ready(Wait.ITEMS, 0); checkBroken(this.#h)) {
      if (remainingMs(deadline) <= 0) return false;
      await this.#sleepAsync(Wait.ITEMS, 0, deadline);
    }
    return true;
  }

  /** Records in the ring right now (racy by nature, like Python's qsize). */
  count(): number {
    return Atomics.load(this.#h, Slot.COUNT);
  }

  /** Whether a minimal record could not be put now. */
  isFull(): boolean {
    return !this.#ready(Wait.SPACE, 0) && !this.isWriteClosed();
  }

  isWriteClosed(): boolean {
    return Atomics.load(this.#h, Slot.WRITE_CLOSED) !== 0;
  }

  isReadClosed(): boolean {
    return Atomics.load(this.#h, Slot.READ_CLOSED) !== 0;
  }

  /** No more writes: readers drain what is there, then see CLOSED. Wakes every sleeper. */
  closeWrite(): void {
    if (Atomics.exchange(this.#h, Slot.WRITE_CLOSED, 1) === 0) this.#wakeAll();
  }

  /** The reader is gone: writers get BROKEN. Wakes every sleeper. */
  closeRead(): void {
    if (Atomics.exchange(this.#h, Slot.READ_CLOSED, 1) === 0) this.#wakeAll();
  }

  #putLocked(item: Encoded): PutResult {
    const h = this.#h;
    try {
      if (h[Slot.READ_CLOSED] !== 0) return BROKEN;
      if (h[Slot.WRITE_CLOSED] !== 0) return CLOSED;
      if (!this.ring.fits(item.length)) return FULL;
      // Counted before the item is visible, so no consumer can taskDone() it first.
      if (this.#countUnfinished) Atomics.add(h, Slot.UNFINISHED, 1);
      this.ring.write(item);
      return OK;
    } finally {
      unlock(h);
    }
  }

  #afterPut(result: PutResult): PutResult {
    if (result === OK && Atomics.load(this.#h, Slot.GET_WAITERS) > 0) this.#wake(Slot.ITEMS_SEQ, 1);
    return result;
  }

  #getLocked(take: Take): unknown {
    const h = this.#h;
    try {
      // READ_CLOSED: a Pipe end closed by some thread while others still wait on it.
      if (h[Slot.READ_CLOSED] !== 0) return CLOSED;
      if ((h[Slot.COUNT] as number) > 0) return take(this.ring);
      return h[Slot.WRITE_CLOSED] !== 0 ? CLOSED : EMPTY;
    } finally {
      unlock(h);
    }
  }

  /** Wakes producers, passes the baton to another consumer, and decodes outside the lock. */
  #afterGet(result: unknown): unknown {
    if (result === EMPTY || result === CLOSED) return result;
    const h = this.#h;
    if (Atomics.load(h, Slot.PUT_WAITERS) > 0) this.#wake(Slot.SPACE_SEQ, Infinity);
    if (Atomics.load(h, Slot.GET_WAITERS) > 0 && Atomics.load(h, Slot.COUNT) > 0) this.#wake(Slot.ITEMS_SEQ, 1);
    return result === PENDING ? decodePending() : result;
  }

  #wake(seqSlot: number, count: number): void {
    Atomics.add(this.#h, seqSlot, 1);
    Atomics.notify(this.#h, seqSlot, count);
  }

  #wakeAll(): void {
    this.#wake(Slot.ITEMS_SEQ, Infinity);
    this.#wake(Slot.SPACE_SEQ, Infinity);
  }

  /** Lock-free: whether the wait for items (or space for `length` bytes) is over. */
  #ready(wait: Wait, length: number): boolean {
    const h = this.#h;
    if (Atomics.load(h, Slot.WRITE_CLOSED) !== 0 || Atomics.load(h, Slot.READ_CLOSED) !== 0) return true;
    if (Atomics.load(h, Slot.BROKEN) !== 0) return true;
    if (wait === Wait.ITEMS) return Atomics.load(h, Slot.COUNT) > 0;
    const maxsize = h[Slot.MAXSIZE] as number;
    if (maxsize > 0 && Atomics.load(h, Slot.COUNT) >= maxsize) return false;
    return Atomics.load(h, Slot.USED) + recordBytes(length) <= this.ring.capacity;
  }

  #sleepSync(wait: Wait, length: number, deadline: number): void {
    if (spinUntil(() => this.#ready(wait, length))) return;
    const [waiters, seqSlot] = wait === Wait.ITEMS ? [Slot.GET_WAITERS, Slot.ITEMS_SEQ] : [Slot.PUT_WAITERS, Slot.SPACE_SEQ];
    Atomics.add(this.#h, waiters, 1);
    try {
      const seq = Atomics.load(this.#h, seqSlot);
      if (this.#ready(wait, length)) return;
      // Wakes every OWNER_CHECK_MS to notice a lock holder that died (nobody would notify).
      if (waitSync(this.#h, seqSlot, seq, capDeadline(deadline, OWNER_CHECK_MS)) === 'timed-out') checkHolder(this.#h);
    } finally {
      Atomics.sub(this.#h, waiters, 1);
    }
  }

  async #sleepAsync(wait: Wait, length: number, deadline: number): Promise<void> {
    const [waiters, seqSlot] = wait === Wait.ITEMS ? [Slot.GET_WAITERS, Slot.ITEMS_SEQ] : [Slot.PUT_WAITERS, Slot.SPACE_SEQ];
    Atomics.add(this.#h, waiters, 1);
    try {
      const seq = Atomics.load(this.#h, seqSlot);
      if (this.#ready(wait, length)) return;
      const result = await waitAsync(this.#h, seqSlot, seq, capDeadline(deadline, OWNER_CHECK_MS));
      if (result === 'timed-out') checkHolder(this.#h);
    } finally {
      Atomics.sub(this.#h, waiters, 1);
    }
  }
}
