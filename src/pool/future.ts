/**
 * Future: the handle Executor.submit returns, as in Python's
 * concurrent.futures. JavaScript cannot block, so result() and exception()
 * return Promises; the Future is also awaitable.
 *
 * As with AsyncResult the outcome is stored, not held in a rejected Promise,
 * so a Future that fails and is never looked at raises no unhandled rejection.
 */
import { CancelledError, CorepoolTypeError, ErrorCode, TimeoutError } from '../errors.js';
import { kDone, kFailed, type Job } from './task.js';

const PENDING = 0;
const CANCELLED = 1;
const FULFILLED = 2;
const REJECTED = 3;

/** What the executor lends a Future so it can answer running() and withdraw its task. */
export interface FutureControl {
  running(): boolean;
  /** Withdraws the task if no worker has it yet; false otherwise. */
  withdraw(): boolean;
  /** The call's signal aborted: withdraw the task, or interrupt it if it runs (see the pool's abortGrace). */
  abort?(): void;
}

/** Internal hooks (symbol-keyed so they stay off the public surface). */
export const kBind: unique symbol = Symbol('corepool.futureBind');
export const kListen: unique symbol = Symbol('corepool.futureListen');
export const kFinish: unique symbol = Symbol('corepool.futureFinish');
export const kHasError: unique symbol = Symbol('corepool.futureHasError');
export const kAbort: unique symbol = Symbol('corepool.futureAbort');

function checkTimeout(timeout: unknown): Error | undefined {
  if (timeout === undefined || timeout === null) return undefined;
  if (typeof timeout !== 'number' || Number.isNaN(timeout) || timeout < 0) {
    return new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `timeout must be a number >= 0 or undefined; got ${String(timeout)}`);
  }
  return undefined;
}

export class Future<T = unknown> implements PromiseLike<T>, Job {
  #state = PENDING;
  #value: T | undefined;
  #error: unknown;
  #control: FutureControl | undefined;
  #listeners: Set<(future: Future<T>) => void> | undefined = new Set();
  #promise: Promise<T> | undefined;
  #resolve: ((value: T) => void) | undefined;
  #reject: ((error: unknown) => void) | undefined;

  /**
   * Cancels the call if it has not started: queued, or held by a thread worker that has not reached it (the worker
   * then skips it); a call handed to a process worker counts as started. Python equivalent: `Future.cancel()`.
   * @returns true when the future is (now) cancelled; false when it is running or done.
   */
  cancel(): boolean {
    if (this.#state === CANCELLED) return true;
    if (this.#state !== PENDING) return false;
    if (this.#control !== undefined && !this.#control.withdraw()) return false;
    this.#state = CANCELLED;
    this.#reject?.(new CancelledError());
    this.#notify();
    return true;
  }

  /** Python equivalent: `Future.cancelled()`. @returns true once cancel() succeeded. */
  cancelled(): boolean {
    return this.#state === CANCELLED;
  }

  /** Python equivalent: `Future.running()`. @returns true while a worker executes the call. */
  running(): boolean {
    return this.#state === PENDING && this.#control?.running() === true;
  }

  /** Python equivalent: `Future.done()`. @returns true once the call finished or was cancelled. */
  done(): boolean {
    return this.#state !== PENDING;
  }

  /**
   * The call's value, once done. Python equivalent: `Future.result(timeout)`.
   * @param timeout - most ms to wait; undefined waits as long as it takes.
   * @returns a Promise of the value.
   * @throws (rejects) TimeoutError ERR_TIMEOUT when not done in time (the call goes on), CancelledError, or the call's own error.
   */
  result(timeout?: number): Promise<T> {
    return this.#after(timeout).then(() => this.#outcome());
  }

  /**
   * The call's error, or undefined when it succeeded. Python equivalent: `Future.exception(timeout)`.
   * @param timeout - most ms to wait; undefined waits as long as it takes.
   * @returns a Promise of the error (undefined on success).
   * @throws (rejects) TimeoutError ERR_TIMEOUT when not done in time, CancelledError when cancelled.
   */
  exception(timeout?: number): Promise<unknown> {
    return this.#after(timeout).then(() => {
      if (this.#state === CANCELLED) throw new CancelledError();
      return this.#state === REJECTED ? this.#error : undefined;
    });
  }

  /**
   * Calls `fn(future)` once the future is done or cancelled (at once if it already is).
   * An exception in `fn` is reported as a process warning and ignored, as Python logs it.
   * Python equivalent: `Future.add_done_callback(fn)`.
   * @param fn - called on the main thread with this future.
   * @throws TypeError ERR_INVALID_ARG_TYPE when fn is not a function.
   */
  addDoneCallback(fn: (future: Future<T>) => void): void {
    if (typeof fn !== 'function') throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `fn must be a function; got ${typeof fn}`);
    const safe = (future: Future<T>): void => {
      try {
        fn(future);
      } catch (error) {
        process.emitWarning(`exception calling callback for a Future: ${String((error as Error)?.stack ?? error)}`, 'CorepoolWarning');
      }
    };
    this[kListen](safe);
  }

  // biome-ignore lint/suspicious/noThenProperty: a Future is awaitable on purpose (`await executor.submit(…)`)
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#settled().then(onFulfilled, onRejected);
  }

  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#settled().catch(onRejected);
  }

  /** Internal: done with an error (not cancelled), read without waiting (wait's FIRST_EXCEPTION). */
  [kHasError](): boolean {
    return this.#state === REJECTED;
  }

  /** Internal: the call's signal aborted: its task is withdrawn or interrupted, and the future fails with `error`. */
  [kAbort](error: Error): void {
    if (this.#state !== PENDING) return;
    this.#control?.abort?.();
    this[kFinish](false, error);
  }

  /** Internal: the executor attaches its task. */
  [kBind](control: FutureControl): void {
    this.#control = control;
  }

  /** Internal: a listener without the warning wrapper (asCompleted, wait, map); returns its remover. */
  [kListen](fn: (future: Future<T>) => void): () => void {
    if (this.#listeners === undefined) {
      fn(this);
      return () => {};
    }
    // A wrapper, so the same callback added twice runs twice (as in Python).
    const once = (future: Future<T>): void => fn(future);
    this.#listeners.add(once);
    return () => void this.#listeners?.delete(once);
  }

  [kDone](_task: unknown, value: unknown): void {
    this[kFinish](true, value);
  }

  [kFailed](_task: unknown, error: unknown): void {
    this[kFinish](false, error);
  }

  /** Internal: records the outcome (first call wins) and runs the done callbacks. */
  [kFinish](ok: boolean, value: unknown): void {
    if (this.#state !== PENDING) return;
    this.#state = ok ? FULFILLED : REJECTED;
    if (ok) this.#value = value as T;
    else this.#error = value;
    if (ok) this.#resolve?.(value as T);
    else this.#reject?.(value);
    this.#notify();
  }

  #notify(): void {
    const listeners = this.#listeners!;
    this.#listeners = undefined;
    for (const fn of listeners) fn(this);
  }

  #outcome(): T {
    if (this.#state === FULFILLED) return this.#value as T;
    if (this.#state === CANCELLED) throw new CancelledError();
    throw this.#error;
  }

  #settled(): Promise<T> {
    if (this.#state !== PENDING) {
      try {
        return Promise.resolve(this.#outcome());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return (this.#promise ??= new Promise<T>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    }));
  }

  /** Resolves once done; rejects TimeoutError when `timeout` ms pass first. */
  #after(timeout: number | undefined): Promise<void> {
    const bad = checkTimeout(timeout);
    if (bad !== undefined) return Promise.reject(bad);
    if (this.#state !== PENDING) return Promise.resolve();
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const remove = this[kListen](() => {
        if (timer !== undefined) clearTimeout(timer);
        resolve();
      });
      if (timeout === undefined || timeout === null) return;
      timer = setTimeout(() => {
        // A caller polling result(10) in a loop must not pile up listeners.
        remove();
        reject(new TimeoutError(ErrorCode.TIMEOUT, `the future was not done within ${timeout} ms (the call goes on)`));
      }, timeout);
    });
  }
}
