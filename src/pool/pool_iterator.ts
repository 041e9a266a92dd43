/**
 * PoolIterator: what imap and imapUnordered return. The lazy feeding and the
 * bounded window live in imap.ts; this is the consumer's side (next with an
 * optional timeout, return, for-await).
 */
import { ErrorCode, TimeoutError } from '../errors.js';
import { IMapJob, type IMapSetup } from './imap.js';

interface Waiter {
  resolve(result: IteratorResult<unknown>): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout | undefined;
}

/**
 * What imap and imapUnordered return: an async iterator (use `for await`)
 * whose `next(timeoutMs)` can also wait with a limit.
 * Python equivalent: `multiprocessing.pool.IMapIterator`.
 */
export class PoolIterator<T> implements AsyncIterableIterator<T> {
  readonly #job: IMapJob | undefined;
  #error: unknown;
  readonly #waiters: Waiter[] = [];
  #delivering = false;

  /** @internal Created by Pool.imap / imapUnordered. */
  constructor(setup: IMapSetup | { error: unknown }) {
    if ('error' in setup) {
      this.#error = setup.error;
      return;
    }
    this.#job = new IMapJob(setup);
    this.#job.onChange = () => this.#deliver();
    void this.#job.pump();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /**
   * The next result. Python equivalent: `IMapIterator.next(timeout)`.
   * @param timeoutMs - most ms to wait; on expiry the Promise rejects with TimeoutError ERR_TIMEOUT and the result stays for a later call.
   * @returns `{ value, done: false }`, or `{ done: true }` after the last result.
   * @throws (rejects) the error of a failed chunk (iteration may continue), the input's own error, AbortError, TimeoutError.
   */
  next(timeoutMs?: number): Promise<IteratorResult<T>> {
    if (this.#job === undefined) {
      const error = this.#error;
      this.#error = undefined;
      return error === undefined ? Promise.resolve({ done: true, value: undefined }) : Promise.reject(error);
    }
    return new Promise<IteratorResult<unknown>>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, timer: undefined };
      this.#waiters.push(waiter);
      this.#deliver();
      if (timeoutMs === undefined || !this.#waiters.includes(waiter)) return;
      waiter.timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(new TimeoutError(ErrorCode.TIMEOUT, `no result within ${timeoutMs} ms (the work goes on)`));
      }, timeoutMs);
    }) as Promise<IteratorResult<T>>;
  }

  /** Stops the iteration: no more input is pulled, queued chunks are dropped, the input's own return() is called. */
  return(): Promise<IteratorResult<T>> {
    this.#error = undefined;
    if (this.#job !== undefined) {
      this.#job.close();
      this.#deliver();
    }
    return Promise.resolve({ done: true, value: undefined });
  }

  #deliver(): void {
    // Delivery can be re-entered (a take() may settle tasks synchronously when the pool has stopped).
    if (this.#delivering) return;
    this.#delivering = true;
    try {
      this.#deliverAll();
    } finally {
      this.#delivering = false;
    }
  }

  #deliverAll(): void {
    const job = this.#job!;
    while (this.#waiters.length > 0) {
      const item = job.take();
      if (item === undefined) return;
      const waiter = this.#waiters.shift()!;
      if (waiter.timer !== undefined) clearTimeout(waiter.timer);
      if (item === 'done') waiter.resolve({ done: true, value: undefined });
      else if (item.ok) waiter.resolve({ done: false, value: item.value });
      else waiter.reject(item.error);
    }
  }
}
