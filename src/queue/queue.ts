/**
 * Queue: a multi-producer, multi-consumer FIFO over shared memory, usable
 * from any thread and from Pool tasks (it crosses as the same queue).
 */
import { Closed } from '../errors.js';
import { kShare, registerShareable, type ShareDescriptor, type Shareable } from '../shared/shareable.js';
import { Channel } from './channel.js';
import { channelBuffer, reviveWith, takeParked } from './handoff.js';
import { Slot, allocateChannel } from './layout.js';
import { NOWAIT, queueConfig, type QueueOptions, type WaitOptions } from './options.js';
import { getAsync, getSync, putAsync, putSync } from './queue_ops.js';
import type { QueueDescriptor } from './types.js';

/** How a built-in subclass differs: its descriptor tag (so it revives as itself) and task counting. */
interface Flavour {
  readonly tag: QueueDescriptor['__corepool'];
  readonly joinable: boolean;
}
const QUEUE: Flavour = { tag: 'Queue', joinable: false };
const flavours = new Map<object, Flavour>();

/** Internal: declares a built-in subclass (JoinableQueue). */
export function defineFlavour(cls: object, flavour: Flavour): void {
  flavours.set(cls, flavour);
}

/** Internal: the channel behind a handle (kept off the public type). */
export let channelOf: (queue: Queue) => Channel;

/**
 * A shared-memory FIFO queue. Items are structured-cloned into a fixed-size
 * SharedArrayBuffer ring, so memory never grows: a full queue makes producers
 * wait (backpressure). Each put/get comes in three forms: a Promise (`put`,
 * `get`: anywhere, never blocks the event loop), blocking (`putSync`,
 * `getSync`: workers only) and non-blocking (`putNowait`, `getNowait`).
 * Timeouts are in milliseconds.
 *
 * Python equivalent: `multiprocessing.Queue(maxsize)`, which in corepool can
 * also be passed to Pool tasks (Python needs `Manager().Queue()` for that).
 */
export class Queue implements Shareable {
  readonly #channel: Channel;
  readonly #flavour: Flavour;
  #handleClosed = false;

  static {
    channelOf = (queue) => queue.#channel;
  }

  /**
   * @param maxsize Item limit; 0 or less means no limit other than the ring's bytes (Python's default).
   * @param options `bufferBytes`: ring size (default 1 MiB); `producers`: close() calls that close the queue (default 1).
   * @throws TypeError / RangeError (ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, ERR_INVALID_OPTION) for bad arguments,
   *   and ERR_INVALID_OPTION for an unknown option.
   */
  constructor(maxsize = 0, options?: QueueOptions) {
    this.#flavour = flavours.get(new.target) ?? QUEUE;
    let buffer = takeParked();
    if (buffer === undefined) {
      const config = queueConfig(maxsize, options, this.#flavour.tag);
      buffer = allocateChannel(config.maxsize, config.bufferBytes, config.producers);
    }
    this.#channel = new Channel(buffer, this.#flavour.joinable);
  }

  /**
   * Puts `item` (anything structured clone copies), waiting for room if needed.
   * @param options `block` (default true) and `timeout` in ms (default: wait forever).
   * @returns a Promise that resolves once the item is in the queue. It rejects with
   *   `Full` (ERR_QUEUE_FULL) on timeout or when non-blocking and full, `Closed`
   *   (ERR_QUEUE_CLOSED) once the queue or this handle is closed, a RangeError
   *   (ERR_ITEM_TOO_LARGE) when the item's encoding exceeds {@link maxItemBytes},
   *   a TypeError (ERR_INVALID_ARG_TYPE) when it cannot be cloned. Bad options reject with
   *   ERR_INVALID_ARG_TYPE (not an object) or ERR_INVALID_OPTION (an unknown key or a bad value).
   * Python equivalent: `q.put(item, block=True, timeout=None)`.
   */
  put(item: unknown, options?: WaitOptions): Promise<void> {
    return putAsync(this.#channel, this.#handleClosed, item, options, this.#flavour.tag);
  }

  /**
   * Blocking {@link put}, for workers.
   * @throws the errors {@link put} rejects with, and ERR_BLOCKING_ON_MAIN_THREAD on the
   *   main thread unless it cannot wait (`block: false` or `timeout: 0`).
   * Python equivalent: `q.put(item, block=True, timeout=None)`.
   */
  putSync(item: unknown, options?: WaitOptions): void {
    putSync(this.#channel, this.#handleClosed, item, options, this.#flavour.tag, 'put');
  }

  /**
   * Puts `item` only if there is room now; works on any thread.
   * @throws Full when there is no room, and the other errors of {@link put}.
   * Python equivalent: `q.put_nowait(item)`.
   */
  putNowait(item: unknown): void {
    putSync(this.#channel, this.#handleClosed, item, NOWAIT, this.#flavour.tag, 'put');
  }

  /**
   * Removes and returns the oldest item, waiting for one if needed.
   * @param options `block` (default true) and `timeout` in ms (default: wait forever).
   * @returns a Promise of the item. It rejects with `Empty` (ERR_QUEUE_EMPTY) on timeout
   *   or when non-blocking and empty, and with `Closed` (ERR_QUEUE_CLOSED) once the
   *   queue is closed and every item already put has been taken. Bad options reject as in {@link put}.
   * Python equivalent: `q.get(block=True, timeout=None)`.
   */
  get(options?: WaitOptions): Promise<unknown> {
    return getAsync(this.#channel, options, this.#flavour.tag);
  }

  /**
   * Blocking {@link get}, for workers.
   * @throws Empty, Closed, and ERR_BLOCKING_ON_MAIN_THREAD on the main thread unless it
   *   cannot wait (`block: false` or `timeout: 0`).
   * Python equivalent: `q.get(block=True, timeout=None)`.
   */
  getSync(options?: WaitOptions): unknown {
    return getSync(this.#channel, options, this.#flavour.tag, 'get');
  }

  /**
   * Removes and returns the oldest item only if one is there now; works on any thread.
   * @throws Empty, or Closed when the queue is closed and drained.
   * Python equivalent: `q.get_nowait()`.
   */
  getNowait(): unknown {
    return getSync(this.#channel, NOWAIT, this.#flavour.tag, 'get');
  }

  /**
   * Items in the queue right now (other threads may change it at once).
   * Python equivalent: `q.qsize()`.
   */
  qsize(): number {
    return this.#channel.count();
  }

  /** Python equivalent: `q.empty()` (as racy as there). */
  empty(): boolean {
    return this.#channel.count() === 0;
  }

  /** Whether a put would wait now: maxsize reached, or no bytes left. Python equivalent: `q.full()`. */
  full(): boolean {
    return this.#channel.isFull();
  }

  /** The item limit (0: none). */
  get maxsize(): number {
    return this.#channel.header[Slot.MAXSIZE] as number;
  }

  /** The largest encoded item the ring can take, in bytes (`bufferBytes` − 8). */
  get maxItemBytes(): number {
    return this.#channel.ring.maxPayloadBytes;
  }

  /** Whether the queue is closed for everyone (its last producer called close()). */
  get closed(): boolean {
    return this.#channel.isWriteClosed();
  }

  /**
   * Declares that this handle will put nothing more; its later puts throw
   * `Closed`. When `options.producers` handles have closed, the queue closes:
   * every put throws `Closed`, and consumers take the remaining items and then
   * get `Closed` instead of waiting. Calling it twice on a handle counts once.
   * Python equivalent: `q.close()` (which only concerns the calling process), plus the
   * drain-then-fail of Python 3.13's `Queue.shutdown()`.
   */
  close(): void {
    if (this.#handleClosed) return;
    this.#handleClosed = true;
    if (Atomics.sub(this.#channel.header, Slot.CLOSES_LEFT, 1) <= 1) this.#channel.closeWrite();
  }

  /** Yields items until the queue is closed and drained (`for await (const x of q)`). */
  async *[Symbol.asyncIterator](): AsyncGenerator<unknown, void, undefined> {
    for (;;) {
      let item: unknown;
      try {
        item = await this.get();
      } catch (error) {
        if (error instanceof Closed) return;
        throw error;
      }
      yield item;
    }
  }

  /** The descriptor a worker revives into a handle on the same ring. */
  [kShare](): QueueDescriptor {
    return { __corepool: this.#flavour.tag, buffer: this.#channel.sab };
  }
}

registerShareable('Queue', (d: ShareDescriptor) => reviveWith(channelBuffer(d, d.buffer), () => new Queue()));
