/** Validation of queue constructor options and of put/get wait options. */
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import { acquireBudget, timeoutBudget } from '../sync/wait.js';
import { checkOptions, optionError } from '../validate.js';
import { DEFAULT_BUFFER_BYTES, MAX_BUFFER_BYTES, MAX_MAXSIZE, MIN_BUFFER_BYTES } from './layout.js';
import type { QueueDescriptor } from './types.js';

/** The class a call belongs to, as messages name it. */
export type QueueKind = QueueDescriptor['__corepool'];

/** Options of every put/get: Python's `block=True, timeout=None`, the timeout in milliseconds. */
export interface WaitOptions {
  /** false: succeed now or throw Full/Empty. Default true. */
  block?: boolean;
  /** Give up after this many milliseconds (`undefined`, `null` or `Infinity`: wait forever). Ignored when `block` is false. */
  timeout?: number | null;
}

/** performance.now() deadline of a budget; 0 (long past) for no wait, Infinity for none. */
function deadlineOf(budget: number): number {
  if (budget === 0) return 0;
  return budget === Infinity ? Infinity : performance.now() + budget;
}

/** A validated wait: how long the call may wait (0 when non-blocking) and until when. */
export interface WaitPlan {
  readonly block: boolean;
  readonly budget: number;
  readonly deadline: number;
}

/** The plans of `get()` and `getNowait()`, shared because those are the hot calls. */
export const FOREVER: WaitPlan = Object.freeze({ block: true, budget: Infinity, deadline: Infinity });
export const NOWAIT: WaitPlan = Object.freeze({ block: false, budget: 0, deadline: 0 });

/**
 * The plan of a put/get called with `options`; `owner` and `call` name it in
 * messages ("Queue.get"). The rule is a lock's acquire, so both share one check.
 */
export function planWait(options: WaitOptions | undefined, owner: QueueKind, call: string): WaitPlan {
  if (options === undefined) return FOREVER;
  // As in Python, the timeout only matters when blocking.
  const budget = acquireBudget(options, `${owner}.${call}`);
  const block = options.block ?? true;
  return { block, budget, deadline: deadlineOf(budget) };
}

/** A wait of `timeoutMs` (Python's poll(timeout) convention: 0 = don't wait, null = forever). */
export function planTimeout(timeoutMs: unknown, name: string): WaitPlan {
  const budget = timeoutBudget(timeoutMs, name);
  return { block: true, budget, deadline: deadlineOf(budget) };
}

/** Options of the Queue family's constructors. */
export interface QueueOptions {
  /**
   * Size in bytes of the shared ring (default 1 MiB). It bounds the memory a
   * queue can hold, and one item's encoded size (`maxItemBytes`).
   */
  bufferBytes?: number;
  /**
   * How many close() calls, from distinct handles, close the queue (default 1).
   * Give the number of producers when each closes its handle when done.
   */
  producers?: number;
}

function integerIn(value: unknown, key: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw optionError(key, `an integer from ${min} to ${max}`, value, typeof value === 'number' ? 'range' : 'type');
  }
  return value;
}

const QUEUE_KEYS: readonly string[] = ['bufferBytes', 'producers'];
/** A SimpleQueue closes on its first close() (producers is always 1), so only its ring size is an option. */
const SIMPLE_QUEUE_KEYS: readonly string[] = ['bufferBytes'];

export interface QueueConfig {
  readonly maxsize: number;
  readonly bufferBytes: number;
  readonly producers: number;
}

/**
 * Validates `new Queue(maxsize, options)` (or SimpleQueue, JoinableQueue: `owner`);
 * maxsize ≤ 0 means no item limit, as in Python.
 */
export function queueConfig(maxsize: unknown, options: QueueOptions | undefined, owner: QueueKind): QueueConfig {
  if (maxsize !== undefined && typeof maxsize !== 'number') {
    throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, 'maxsize must be a number');
  }
  if (maxsize !== undefined && (!Number.isInteger(maxsize) || maxsize > MAX_MAXSIZE)) {
    throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `maxsize must be an integer up to ${MAX_MAXSIZE}`);
  }
  const o = checkOptions(options, owner, owner === 'SimpleQueue' ? SIMPLE_QUEUE_KEYS : QUEUE_KEYS);
  return {
    maxsize: Math.max(0, (maxsize as number | undefined) ?? 0),
    bufferBytes: bufferBytesOption(o.bufferBytes),
    producers: integerIn(o.producers, 'producers', 1, MAX_MAXSIZE, 1),
  };
}

/** Validates `options.bufferBytes` of a queue or a pipe. */
export function bufferBytesOption(value: unknown): number {
  return integerIn(value, 'bufferBytes', MIN_BUFFER_BYTES, MAX_BUFFER_BYTES, DEFAULT_BUFFER_BYTES);
}
