/**
 * The ring lock: a futex mutex (Drepper's, with a waiters bit) whose word
 * holds the holder's thread id, so that a thread that ends inside a put or
 * get (worker.terminate(), process.exit() in a worker…) cannot hang everyone
 * else. Sleepers wake every OWNER_CHECK_MS to check the holder; when it is
 * gone, the ring may be half-written, so the channel is marked broken and
 * every call on it then throws ERR_QUEUE_BROKEN instead of waiting forever.
 *
 * Liveness comes from /proc/self/task/<tid> (Linux): the entry disappears
 * however the thread ends. Without /proc, holders always count as alive and
 * only calls with a timeout end (with Full or Empty).
 */
import { existsSync, readlinkSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import { CorepoolError, ErrorCode } from '../errors.js';
import { capDeadline, remainingMs, waitAsync } from './futex.js';
import { Slot } from './layout.js';

/** How often a sleeper checks that the lock's holder still exists. */
export const OWNER_CHECK_MS = 100;
/** The lock is held briefly (a bounded copy), so spinning first usually beats a futex sleep. */
const LOCK_SPINS = 100;
const WAITERS = 1 << 30;

function osThreadId(): number | undefined {
  try {
    // "<pid>/task/<tid>" (Linux ≥ 3.17). SharedArrayBuffers never leave the process, so a tid is unique.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 && tid < WAITERS ? tid : undefined;
  } catch {
    return undefined;
  }
}

const TID = osThreadId();
/** This thread's id in lock words; never 0 (free). */
const SELF = TID ?? threadId + 1;

function isAlive(id: number): boolean {
  return TID === undefined || id === SELF || existsSync(`/proc/self/task/${id}`);
}

export function tryLock(h: Int32Array): boolean {
  return Atomics.compareExchange(h, Slot.LOCK, 0, SELF) === 0;
}

function spinLock(h: Int32Array): boolean {
  for (let i = 0; i < LOCK_SPINS; i++) {
    if (Atomics.load(h, Slot.LOCK) === 0 && tryLock(h)) return true;
  }
  return false;
}

/** Takes a free lock (returns 0) or sets the waiters bit and returns the word to sleep on. */
function markWaiting(h: Int32Array): number {
  for (;;) {
    const word = Atomics.load(h, Slot.LOCK);
    if (word === 0) {
      // Taken with the bit set: other sleepers may exist, so the unlock must notify.
      if (Atomics.compareExchange(h, Slot.LOCK, 0, SELF | WAITERS) === 0) return 0;
    } else if ((word & WAITERS) !== 0 || Atomics.compareExchange(h, Slot.LOCK, word, word | WAITERS) === word) {
      return word | WAITERS;
    }
  }
}

/**
 * Takes the ring lock, sleeping with Atomics.wait when contended. Allowed on
 * the main thread too: the holder keeps it only for a bounded copy, so this
 * never waits on another thread's progress through the queue.
 * @returns false when `deadline` passed first.
 * @throws CorepoolError ERR_QUEUE_BROKEN when the holder ended while holding it.
 */
export function lockSync(h: Int32Array, deadline: number): boolean {
  if (tryLock(h) || spinLock(h)) return true;
  for (;;) {
    checkBroken(h);
    const word = markWaiting(h);
    if (word === 0) return true;
    const ms = remainingMs(deadline);
    if (ms <= 0) return false;
    if (Atomics.wait(h, Slot.LOCK, word, Math.min(ms, OWNER_CHECK_MS)) === 'timed-out') checkHolder(h);
  }
}

/** {@link lockSync} without blocking the event loop while contended. */
export async function lockAsync(h: Int32Array, deadline: number): Promise<boolean> {
  if (tryLock(h) || spinLock(h)) return true;
  for (;;) {
    checkBroken(h);
    const word = markWaiting(h);
    if (word === 0) return true;
    if (remainingMs(deadline) <= 0) return false;
    if ((await waitAsync(h, Slot.LOCK, word, capDeadline(deadline, OWNER_CHECK_MS))) === 'timed-out') checkHolder(h);
  }
}

export function unlock(h: Int32Array): void {
  if ((Atomics.exchange(h, Slot.LOCK, 0) & WAITERS) !== 0) Atomics.notify(h, Slot.LOCK, 1);
}

/** @throws CorepoolError ERR_QUEUE_BROKEN once the channel is broken. */
export function checkBroken(h: Int32Array): void {
  if (Atomics.load(h, Slot.BROKEN) !== 0) {
    throw new CorepoolError(
      ErrorCode.QUEUE_BROKEN,
      'a thread ended in the middle of a put or get on this queue or pipe, whose shared state may be half-updated; it can no longer be used',
    );
  }
}

/**
 * Called by sleepers every OWNER_CHECK_MS: breaks the channel if the lock's
 * holder no longer exists, and throws if it is broken.
 */
export function checkHolder(h: Int32Array): void {
  const word = Atomics.load(h, Slot.LOCK);
  if (word !== 0 && !isAlive(word & ~WAITERS) && Atomics.load(h, Slot.LOCK) === word) {
    Atomics.store(h, Slot.BROKEN, 1);
    for (const slot of [Slot.ITEMS_SEQ, Slot.SPACE_SEQ, Slot.JOIN_SEQ, Slot.LOCK]) {
      if (slot !== Slot.LOCK) Atomics.add(h, slot, 1);
      Atomics.notify(h, slot);
    }
  }
  checkBroken(h);
}
