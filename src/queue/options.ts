/** Validation of queue constructor options and of put/get wait options. */
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import { DEFAULT_BUFFER_BYTES, MAX_BUFFER_BYTES, MAX_MAXSIZE, MIN_BUFFER_BYTES } from './layout.js';

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

function checkObject(options: unknown, name: string): Record<string, unknown> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null) {
    throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `${name} must be an object`);
  }
  return options as Record<string, unknown>;
}

/** Validates a timeout in milliseconds; undefined, null and Infinity mean "forever". */
export function timeoutBudget(timeout: unknown, name: string): number {
  if (timeout === undefined || timeout === null) return Infinity;
  if (typeof timeout !== 'number' || Number.isNaN(timeout) || timeout < 0) {
    throw new CorepoolRangeError(ErrorCode.INVALID_OPTION, `${name} must be a non-negative number of milliseconds, null or undefined`);
  }
  return timeout;
}

/** The plans of `get()` and `getNowait()`, shared because those are the hot calls. */
export const FOREVER: WaitPlan = Object.freeze({ block: true, budget: Infinity, deadline: Infinity });
export const NOWAIT: WaitPlan = Object.freeze({ block: false, budget: 0, deadline: 0 });

export function planWait(options: WaitOptions | undefined): WaitPlan {
  if (options === undefined) return FOREVER;
  const { block = true, timeout } = checkObject(options, 'options');
  if (typeof block !== 'boolean') throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, 'options.block must be a boolean');
  // As in Python, the timeout only matters when blocking.
  const budget = block ? timeoutBudget(timeout, 'options.timeout') : 0;
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

function integerIn(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new CorepoolRangeError(ErrorCode.INVALID_OPTION, `${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

export interface QueueConfig {
  readonly maxsize: number;
  readonly bufferBytes: number;
  readonly producers: number;
}

/** Validates `new Queue(maxsize, options)`; maxsize ≤ 0 means no item limit, as in Python. */
export function queueConfig(maxsize: unknown, options: QueueOptions | undefined): QueueConfig {
  if (maxsize !== undefined && typeof maxsize !== 'number') {
    throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, 'maxsize must be a number');
  }
  if (maxsize !== undefined && (!Number.isInteger(maxsize) || maxsize > MAX_MAXSIZE)) {
    throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `maxsize must be an integer up to ${MAX_MAXSIZE}`);
  }
  const o = checkObject(options, 'options');
  return {
    maxsize: Math.max(0, (maxsize as number | undefined) ?? 0),
    bufferBytes: integerIn(o.bufferBytes, 'options.bufferBytes', MIN_BUFFER_BYTES, MAX_BUFFER_BYTES, DEFAULT_BUFFER_BYTES),
    producers: integerIn(o.producers, 'options.producers', 1, MAX_MAXSIZE, 1),
  };
}
