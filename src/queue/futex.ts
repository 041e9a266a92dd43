/**
 * The queue's own Atomics waits: sequence-word waits in a blocking form
 * (workers) and an event-loop friendly form (Atomics.waitAsync, anywhere).
 * Kept private to src/queue so the channel does not depend on src/sync
 * while both are young.
 */
import { isMainThread } from 'node:worker_threads';
import { CorepoolError, ErrorCode } from '../errors.js';

/**
 * How long a blocking wait polls before it sleeps, adapted per thread as
 * glibc's adaptive mutexes do. Polling wins when the peer answers within a
 * few microseconds (a Pipe echo, a consumer keeping up with its producer):
 * no futex sleep, no wake-up syscall for the peer. It loses when the cores
 * are oversubscribed, because it burns the time slice the peer needs (in
 * bench/queue.mjs under load, 2000 polls tripled the Pipe round trip). So a
 * poll that ends in a sleep halves the budget and one that succeeds grows it.
 */
const MIN_SPINS = 16;
const MAX_SPINS = 2000;
let spinBudget = 200;

/** Polls `ready` up to the current budget; true when it became ready without sleeping. */
export function spinUntil(ready: () => boolean): boolean {
  for (let i = 0; i < spinBudget; i++) {
    if (ready()) {
      spinBudget = Math.min(MAX_SPINS, spinBudget + (spinBudget >> 2) + 1);
      return true;
    }
  }
  spinBudget = Math.max(MIN_SPINS, spinBudget >> 1);
  return false;
}

/** Milliseconds left before `deadline` (never negative). */
export function remainingMs(deadline: number): number {
  if (deadline === Infinity) return Infinity;
  return Math.max(0, deadline - performance.now());
}

/** The earlier of `deadline` and `ms` from now. */
export function capDeadline(deadline: number, ms: number): number {
  return Math.min(deadline, performance.now() + ms);
}

// ES2024 lib typing, which this project's ES2023 lib lacks; present since Node 16.
type WaitAsyncFn = (
  i32: Int32Array,
  index: number,
  value: number,
  timeout: number,
) => { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
const atomicsWaitAsync = (Atomics as unknown as { waitAsync: WaitAsyncFn }).waitAsync;

export type WaitResult = 'ok' | 'not-equal' | 'timed-out';

/**
 * Sleeps until `header[index]` is no longer `expected`, a notify, or
 * `deadline`, without blocking the event loop.
 */
export async function waitAsync(header: Int32Array, index: number, expected: number, deadline: number): Promise<WaitResult> {
  const result = atomicsWaitAsync(header, index, expected, remainingMs(deadline));
  if (!result.async) return result.value;
  holdLoop();
  try {
    return await result.value;
  } finally {
    releaseLoop();
  }
}

// A pending Atomics.waitAsync does not keep Node alive, so `await q.get()`
// waiting for a worker's put would let the program exit with the Promise
// unsettled. A process blocked in Python's get() stays alive; while any
// async wait is pending, one ref'd timer does the same here.
let pendingWaits = 0;
let keepAlive: ReturnType<typeof setInterval> | undefined;

function holdLoop(): void {
  if (pendingWaits++ === 0) keepAlive = setInterval(() => {}, 2 ** 30);
}

function releaseLoop(): void {
  if (--pendingWaits === 0) {
    clearInterval(keepAlive);
    keepAlive = undefined;
  }
}

/** Blocking twin of {@link waitAsync}; only for code that may block (see {@link assertMayBlock}). */
export function waitSync(header: Int32Array, index: number, expected: number, deadline: number): WaitResult {
  return Atomics.wait(header, index, expected, remainingMs(deadline));
}

/**
 * Blocking forms are for workers: on the main thread Atomics.wait would
 * freeze the event loop (timers, I/O, the very messages that might end the
 * wait). They refuse there up front, whatever the queue's state, unless the
 * call cannot wait at all (`block: false` or a zero timeout). Same rule as src/sync.
 * @throws CorepoolError ERR_BLOCKING_ON_MAIN_THREAD
 */
export function assertMayBlock(call: string, asyncForm: string, budgetMs: number): void {
  if (!isMainThread || budgetMs <= 0) return;
  throw new CorepoolError(
    ErrorCode.BLOCKING_ON_MAIN_THREAD,
    `${call} would block the main thread's event loop; use \`await ${asyncForm}\` there (or a non-blocking call)`,
  );
}
