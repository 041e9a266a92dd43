/**
 * AsyncResult: the handle applyAsync/mapAsync/starmapAsync return, as in
 * Python. JavaScript cannot block, so `get` and `wait` return Promises; the
 * object is also awaitable (`await pool.applyAsync(f, [x])`).
 *
 * The outcome is stored, not held in a rejected Promise, so an AsyncResult
 * that fails and is never awaited does not raise an unhandled rejection.
 */
import { CorepoolTypeError, ErrorCode, PoolStateError, TimeoutError } from '../errors.js';
import { kDone, kFailed, type Job } from './task.js';

/** Python's `callback` and `error_callback`: called on the main thread when the result settles, before get() resolves. */
export interface ResultCallbacks<T> {
  callback?: ((value: T) => void) | undefined;
  errorCallback?: ((error: unknown) => void) | undefined;
}

export const kSettle: unique symbol = Symbol('corepool.settle');

const PENDING = 0;
const FULFILLED = 1;
const REJECTED = 2;

function checkTimeout(timeoutMs: unknown): Error | undefined {
  if (timeoutMs === undefined || timeoutMs === null) return undefined;
  if (typeof timeoutMs !== 'number' || Number.isNaN(timeoutMs) || timeoutMs < 0) {
    return new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `timeoutMs must be a number >= 0 or undefined; got ${String(timeoutMs)}`);
  }
  return undefined;
}

/** Calls a user callback; an exception in it is rethrown asynchronously, as an event listener's would be. */
function callSafely(fn: ((arg: never) => void) | undefined, arg: unknown): void {
  if (fn === undefined) return;
  try {
    fn(arg as never);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

export class AsyncResult<T> implements PromiseLike<T>, Job {
  #state = PENDING;
  #value: T | undefined;
  #error: unknown;
  #waiters: Array<() => void> | undefined;
  #promise: Promise<T> | undefined;
  #resolve: ((value: T) => void) | undefined;
  #reject: ((error: unknown) => void) | undefined;
  readonly #callbacks: ResultCallbacks<T> | undefined;

  constructor(callbacks?: ResultCallbacks<T>) {
    this.#callbacks = callbacks;
  }

  /**
   * Whether the call has completed. Python equivalent: `AsyncResult.ready()`.
   * @returns true once the result or error is in.
   */
  ready(): boolean {
    return this.#state !== PENDING;
  }

  /**
   * Whether the call completed without an error. Python equivalent: `AsyncResult.successful()`.
   * @returns true when it succeeded, false when it failed.
   * @throws PoolStateError ERR_RESULT_NOT_READY while it has not completed (Python raises ValueError).
   */
  successful(): boolean {
    if (this.#state === PENDING) throw new PoolStateError(ErrorCode.RESULT_NOT_READY, 'the result is not ready yet');
    return this.#state === FULFILLED;
  }

  /**
   * Waits until the result is ready or `timeoutMs` has passed; never rejects
   * for a timeout or a failed call. Python equivalent: `AsyncResult.wait(timeout)`.
   * @param timeoutMs - most ms to wait; undefined waits as long as it takes.
   * @returns a Promise that resolves (to nothing) either way.
   * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE for a bad timeout.
   */
  wait(timeoutMs?: number): Promise<void> {
    const bad = checkTimeout(timeoutMs);
    if (bad !== undefined) return Promise.reject(bad);
    return this.#until(timeoutMs).then(() => undefined);
  }

  /**
   * The result, once ready. Python equivalent: `AsyncResult.get(timeout)`.
   * @param timeoutMs - most ms to wait; undefined waits as long as it takes.
   * @returns a Promise of the value.
   * @throws (rejects) TimeoutError ERR_TIMEOUT when not ready in time (the
   *   task keeps running; call get() again), or the call's own error.
   */
  get(timeoutMs?: number): Promise<T> {
    const bad = checkTimeout(timeoutMs);
    if (bad !== undefined) return Promise.reject(bad);
    if (timeoutMs === undefined || timeoutMs === null) return this.#settled();
    return this.#until(timeoutMs).then((ready) => {
      if (!ready) throw new TimeoutError(ErrorCode.TIMEOUT, `the result was not ready within ${timeoutMs} ms (the work goes on)`);
      if (this.#state === REJECTED) throw this.#error;
      return this.#value as T;
    });
  }

  // biome-ignore lint/suspicious/noThenProperty: an AsyncResult is awaitable on purpose (`await pool.applyAsync(…)`)
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#settled().then(onFulfilled, onRejected);
  }

  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#settled().catch(onRejected);
  }

  /**
   * A Promise of the outcome (the cheap path behind await: no timer). One per
   * result, made on first use: an unobserved failure never becomes an
   * unhandled rejection, since whoever asks for it attaches a handler.
   */
  #settled(): Promise<T> {
    if (this.#state === FULFILLED) return Promise.resolve(this.#value as T);
    if (this.#state === REJECTED) return Promise.reject(this.#error);
    return (this.#promise ??= new Promise<T>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    }));
  }

  /** Resolves true when ready, false when `timeoutMs` passed first. */
  #until(timeoutMs: number | undefined): Promise<boolean> {
    if (this.#state !== PENDING) return Promise.resolve(true);
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const wake = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        resolve(true);
      };
      (this.#waiters ??= []).push(wake);
      if (timeoutMs === undefined || timeoutMs === null) return;
      timer = setTimeout(() => {
        this.#waiters = this.#waiters!.filter((w) => w !== wake);
        resolve(false);
      }, timeoutMs);
    });
  }

  /** Internal: an apply task's outcome lands here directly (no job object per call). */
  [kDone](_task: unknown, value: unknown): void {
    this[kSettle](true, value);
  }

  [kFailed](_task: unknown, error: unknown): void {
    this[kSettle](false, error);
  }

  /** Internal: records the outcome (first call wins), runs the callback, wakes waiters. */
  [kSettle](ok: boolean, value: unknown): void {
    if (this.#state !== PENDING) return;
    if (ok) {
      this.#state = FULFILLED;
      this.#value = value as T;
      callSafely(this.#callbacks?.callback, value);
    } else {
      this.#state = REJECTED;
      this.#error = value;
      callSafely(this.#callbacks?.errorCallback, value);
    }
    if (ok) this.#resolve?.(value as T);
    else this.#reject?.(value);
    const waiters = this.#waiters;
    this.#waiters = undefined;
    if (waiters !== undefined) for (const wake of waiters) wake();
  }
}
