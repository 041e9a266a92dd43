/** SimpleQueue: the Queue with only the essentials (no item limit, no timeouts, no size). */
import { kShare, registerShareable, type ShareDescriptor, type Shareable } from '../shared/shareable.js';
import type { NoOptions } from '../sync/lock.js';
import { checkOptions } from '../validate.js';
import { Channel } from './channel.js';
import { channelBuffer, reviveWith, takeParked } from './handoff.js';
import { Slot, allocateChannel } from './layout.js';
import { queueConfig } from './options.js';
import { getAsync, getSync, putAsync, putSync } from './queue_ops.js';
import type { QueueDescriptor } from './types.js';

/** Options of `new SimpleQueue()`: the ring size in bytes (default 1 MiB). */
export interface SimpleQueueOptions {
  bufferBytes?: number;
}

/**
 * An unbounded-by-count shared-memory FIFO with `put`, `get`, `empty` and
 * `close`. Its memory is still the fixed ring (`bufferBytes`), so a put
 * waits for room when the ring is full.
 *
 * Python equivalent: `multiprocessing.SimpleQueue()`.
 */
export class SimpleQueue implements Shareable {
  readonly #channel: Channel;
  #handleClosed = false;

  /**
   * @param options `bufferBytes`: ring size (default 1 MiB).
   * @throws TypeError ERR_INVALID_ARG_TYPE for a non-object `options`; ERR_INVALID_OPTION for an
   *   unknown option or a bad `options.bufferBytes`.
   */
  constructor(options?: SimpleQueueOptions) {
    let buffer = takeParked();
    if (buffer === undefined) {
      const config = queueConfig(0, options, 'SimpleQueue');
      buffer = allocateChannel(0, config.bufferBytes, 1);
    }
    this.#channel = new Channel(buffer);
  }

  /**
   * Puts `item`, waiting for room in the ring if needed.
   * @returns a Promise that rejects with `Closed` after close(), or with a RangeError
   *   (ERR_ITEM_TOO_LARGE) / TypeError (ERR_INVALID_ARG_TYPE) for an item that cannot go in.
   *   It takes no options: there is no `block` or `timeout`, so one carried over from Queue
   *   rejects (ERR_INVALID_OPTION) rather than turn silently into a wait without end.
   * Python equivalent: `q.put(item)`.
   */
  put(item: unknown, options?: NoOptions): Promise<void> {
    if (options !== undefined) {
      try {
        checkOptions(options, 'SimpleQueue.put', []);
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return putAsync(this.#channel, this.#handleClosed, item, undefined, 'SimpleQueue');
  }

  /**
   * Blocking {@link put}, for workers.
   * @throws as {@link put} rejects, and ERR_BLOCKING_ON_MAIN_THREAD on the main thread.
   * Python equivalent: `q.put(item)`.
   */
  putSync(item: unknown, options?: NoOptions): void {
    if (options !== undefined) checkOptions(options, 'SimpleQueue.putSync', []);
    putSync(this.#channel, this.#handleClosed, item, undefined, 'SimpleQueue', 'put');
  }

  /**
   * Removes and returns the oldest item, waiting for one.
   * @returns a Promise of the item; it rejects with `Closed` once the queue is closed and drained,
   *   and, as {@link put} does, for any options.
   * Python equivalent: `q.get()`.
   */
  get(options?: NoOptions): Promise<unknown> {
    if (options !== undefined) {
      try {
        checkOptions(options, 'SimpleQueue.get', []);
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return getAsync(this.#channel, undefined, 'SimpleQueue');
  }

  /**
   * Blocking {@link get}, for workers.
   * @throws Closed, ERR_BLOCKING_ON_MAIN_THREAD on the main thread, and as {@link get} rejects.
   * Python equivalent: `q.get()`.
   */
  getSync(options?: NoOptions): unknown {
    if (options !== undefined) checkOptions(options, 'SimpleQueue.getSync', []);
    return getSync(this.#channel, undefined, 'SimpleQueue', 'get');
  }

  /** Python equivalent: `q.empty()`. */
  empty(): boolean {
    return this.#channel.count() === 0;
  }

  /** Whether the queue is closed for everyone. */
  get closed(): boolean {
    return this.#channel.isWriteClosed();
  }

  /**
   * Closes the queue: puts throw `Closed`, gets take what is left and then
   * throw `Closed`. Python equivalent: `q.close()`.
   */
  close(): void {
    if (this.#handleClosed) return;
    this.#handleClosed = true;
    if (Atomics.sub(this.#channel.header, Slot.CLOSES_LEFT, 1) <= 1) this.#channel.closeWrite();
  }

  [kShare](): QueueDescriptor {
    return { __corepool: 'SimpleQueue', buffer: this.#channel.sab };
  }
}

registerShareable('SimpleQueue', (d: ShareDescriptor) => reviveWith(channelBuffer(d, d.buffer), () => new SimpleQueue()));
