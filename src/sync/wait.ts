/**
 * One algorithm, two ways to wait. Every primitive writes its waiting logic
 * once, as a generator that yields {@link WaitStep}s ("sleep until word i of
 * this Int32Array is no longer v, at most t ms"). {@link runSync} performs each
 * step with Atomics.wait (workers only), {@link runAsync} with
 * Atomics.waitAsync (anywhere; the event loop keeps running). So the blocking
 * and the Promise forms of every call cannot drift apart.
 */
import { CorepoolError, CorepoolRangeError, ErrorCode } from '../errors.js';
import { checkOptions, describeValue, optionError } from '../validate.js';
import { ON_MAIN_THREAD } from './thread.js';

// ES2024 lib typing, which this project's ES2023 lib lacks; present since Node 16.
type WaitAsync = (
  i32: Int32Array,
  index: number,
  value: number,
  timeout: number,
) => { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

/** What a generator asks its driver to do: sleep while `i32[index] === value`. */
export interface WaitStep {
  readonly i32: Int32Array;
  readonly index: number;
  readonly value: number;
  /** Milliseconds, finite or Infinity. */
  readonly timeout: number;
}

/** Atomics.wait's answer, handed back into the generator. */
export type WaitResult = 'ok' | 'not-equal' | 'timed-out';

/** A primitive's waiting logic, resumable by either driver. */
export type Steps<T> = Generator<WaitStep, T, WaitResult>;

/** Options of every `acquire`: Python's `acquire(block=True, timeout=None)`, in milliseconds. */
export interface AcquireOptions {
  /** false: take it only if free right now. Default true. */
  block?: boolean;
  /** Give up after this many milliseconds (`undefined`, `null` or `Infinity`: wait forever). */
  timeout?: number | null;
}

/** The keys every `acquire`, and Queue's put/get, take. */
const WAIT_KEYS: readonly string[] = ['block', 'timeout'];

const TIMEOUT_EXPECTED = 'a non-negative number of milliseconds, null or undefined';

function isTimeout(timeout: unknown): timeout is number {
  return typeof timeout === 'number' && !Number.isNaN(timeout) && timeout >= 0;
}

/**
 * Milliseconds the caller may wait: 0 for a non-blocking call, else the
 * timeout or Infinity. `owner` names the call in messages ("Lock.acquire").
 * @throws TypeError ERR_INVALID_ARG_TYPE for a non-object `options`;
 *   ERR_INVALID_OPTION for an unknown key or a bad `block` or `timeout`.
 */
export function acquireBudget(options: AcquireOptions | undefined, owner: string): number {
  if (options === undefined) return Infinity;
  const { block = true, timeout } = checkOptions(options, owner, WAIT_KEYS);
  if (typeof block !== 'boolean') throw optionError('block', 'a boolean', block);
  // As multiprocessing's SemLock: a timeout is ignored when block is false.
  return block ? optionTimeout(timeout) : 0;
}

/** Validates `options.timeout` in milliseconds; undefined, null and Infinity mean "forever". */
export function optionTimeout(timeout: unknown): number {
  if (timeout === undefined || timeout === null) return Infinity;
  if (!isTimeout(timeout)) throw optionError('timeout', TIMEOUT_EXPECTED, timeout, typeof timeout === 'number' ? 'range' : 'type');
  return timeout;
}

/**
 * Validates a timeout argument (`event.wait(timeout)`) in milliseconds;
 * undefined, null and Infinity mean "forever". It is an argument, not an
 * option, but keeps ERR_INVALID_OPTION: callers already test for that code.
 */
export function timeoutBudget(timeout: unknown, name = 'timeout'): number {
  if (timeout === undefined || timeout === null) return Infinity;
  if (!isTimeout(timeout)) {
    throw new CorepoolRangeError(ErrorCode.INVALID_OPTION, `${name} must be ${TIMEOUT_EXPECTED}; got ${describeValue(timeout)}`);
  }
  return timeout;
}

/** performance.now() deadline for a budget; Infinity stays Infinity. */
export function deadlineOf(budgetMs: number): number {
  return budgetMs === Infinity ? Infinity : performance.now() + budgetMs;
}

/** Milliseconds left until `deadline`, never negative. */
export function remainingUntil(deadline: number): number {
  return deadline === Infinity ? Infinity : Math.max(0, deadline - performance.now());
}

/**
 * Throws on the main thread when a blocking form would have to sleep, because
 * Atomics.wait there would freeze the event loop (timers, I/O, the workers'
 * messages). Non-blocking calls (`{ block: false }`, timeout 0) are fine.
 */
export function assertMayBlock(call: string, budgetMs: number): void {
  if (ON_MAIN_THREAD && budgetMs > 0) {
    throw new CorepoolError(
      ErrorCode.BLOCKING_ON_MAIN_THREAD,
      `${call}Sync() would block the main thread's event loop; use \`await ${call}()\` there (or a non-blocking call)`,
    );
  }
}

/** Drives `steps` to completion with Atomics.wait. Only for workers (see {@link assertMayBlock}). */
export function runSync<T>(steps: Steps<T>): T {
  let next = steps.next();
  while (next.done !== true) {
    const { i32, index, value, timeout } = next.value;
    next = steps.next(Atomics.wait(i32, index, value, timeout));
  }
  return next.value;
}

/** Drives `steps` to completion with Atomics.waitAsync; throws from `steps` become rejections. */
export async function runAsync<T>(steps: Steps<T>): Promise<T> {
  let next = steps.next();
  if (next.done === true) return next.value;
  holdLoop();
  try {
    while (next.done !== true) {
      const { i32, index, value, timeout } = next.value;
      const wait = waitAsync(i32, index, value, timeout);
      next = steps.next(wait.async ? await wait.value : wait.value);
    }
    return next.value;
  } finally {
    releaseLoop();
  }
}

// A pending Atomics.waitAsync does not keep Node's event loop alive, so
// `await lock.acquire()` at the end of a script would silently exit with the
// Promise unsettled. A thread blocked in Python's acquire() keeps the process
// alive, so while any async wait is pending one ref'd timer does the same.
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
