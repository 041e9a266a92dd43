/**
 * Argument checks for Pool calls. Each returns an Error instead of throwing,
 * so the calls can reject (or fail their AsyncResult) and never throw.
 */
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import { checkOptions, checkSignal, describeValue, optionError } from '../validate.js';

function typeError(message: string): CorepoolTypeError {
  return new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, message);
}

/** Options every call takes: `signal`, `timeout` and `priority`. */
export interface CallOptions {
  /**
   * Aborting removes the call's queued tasks and rejects the call with AbortError; a task already running gets its
   * `currentTask().signal` fired and its worker is stopped and replaced unless it ends within the pool's `abortGrace`.
   */
  signal?: AbortSignal | undefined;
  /**
   * Ms each of the call's tasks may run, counted from its start in a worker (queue time does not count); it overrides
   * the pool's `taskTimeout`. For map-like calls it applies to each task (a chunk of `chunksize` items, a parallelFor
   * block), not to the whole call. Past it the call rejects with TimeoutError ERR_TASK_TIMEOUT, as `taskTimeout` does
   * (see `abortGrace` and `retries`). A number of ms > 0, or Infinity for none. Not applied to `kernels.*` references,
   * which run on the main thread.
   */
  timeout?: number | undefined;
  /**
   * Higher goes first (default 0; any finite number). Decides which queued task a worker is handed next, FIFO within a
   * priority; a waiting task gains one level every `priorityAging` ms (a Pool option), so none starves. Tasks already
   * handed to a worker (in its batch) are not reordered.
   */
  priority?: number | undefined;
}

/** Options whose value must be a function. */
const FUNCTION_KEYS = ['callback', 'errorCallback', 'onProgress'];
/** Options whose value must be an integer, with the least value each takes (chunksize 0 means auto). */
const COUNT_KEYS: ReadonlyArray<[string, number]> = [
  ['chunksize', 0],
  ['buffersize', 1],
  ['blocks', 1],
];

function checkValues(o: Record<string, unknown>): void {
  checkSignal(o);
  for (const key of FUNCTION_KEYS) if (o[key] !== undefined && typeof o[key] !== 'function') throw optionError(key, 'a function', o[key]);
  for (const [key, min] of COUNT_KEYS) {
    const v = o[key];
    if (v === undefined) continue;
    if (typeof v !== 'number') throw optionError(key, `an integer >= ${min}`, v);
    if (!Number.isInteger(v) || v < min) throw optionError(key, `an integer >= ${min}`, v, 'range');
  }
  if (o.timeout !== undefined) {
    const expected = 'a number of milliseconds > 0 (or Infinity)';
    if (typeof o.timeout !== 'number') throw optionError('timeout', expected, o.timeout);
    if (!(o.timeout > 0)) throw optionError('timeout', expected, o.timeout, 'range');
  }
  if (o.priority !== undefined) {
    if (typeof o.priority !== 'number') throw optionError('priority', 'a finite number', o.priority);
    if (!Number.isFinite(o.priority)) throw optionError('priority', 'a finite number', o.priority, 'range');
  }
  if (o.transfer !== undefined && !Array.isArray(o.transfer))
    throw optionError('transfer', 'an array of ArrayBuffers or MessagePorts', o.transfer);
  if (o.shared !== undefined) checkShared(o.shared);
}

/**
 * Checks the options of a Pool call: `owner` ('Pool.map'…) takes exactly
 * `keys`. Returns the error instead of throwing, so the call can reject (or
 * fail its AsyncResult) and never throw.
 * @returns TypeError ERR_INVALID_ARG_TYPE when `options` is not an object;
 *   ERR_INVALID_OPTION for an unknown key or a bad value; undefined when all is well.
 */
export function checkCallOptions(options: unknown, owner: string, keys: readonly string[]): Error | undefined {
  try {
    checkValues(checkOptions(options, owner, keys));
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

export function checkArgs(args: unknown): Error | undefined {
  return Array.isArray(args) ? undefined : typeError(`args must be an array of arguments; got ${describeValue(args)}`);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return value !== null && value !== undefined && typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function';
}

/** The iterator behind `iterable` (sync or async), or the error for a non-iterable. */
export function iteratorOf(iterable: unknown): { source: Iterator<unknown> | AsyncIterator<unknown>; async: boolean } | Error {
  try {
    if (isAsyncIterable(iterable)) return { source: iterable[Symbol.asyncIterator](), async: true };
    if (isIterable(iterable)) return { source: iterable[Symbol.iterator](), async: false };
  } catch (error) {
    return error as Error;
  }
  return typeError(`iterable must be an iterable or async iterable; got ${describeValue(iterable)}`);
}

/** All items of a sync or async iterable (map and starmap need the length, as in Python). */
export async function collect(iterable: unknown): Promise<unknown[]> {
  if (Array.isArray(iterable)) return iterable;
  if (isAsyncIterable(iterable)) {
    const items: unknown[] = [];
    for await (const item of iterable) items.push(item);
    return items;
  }
  if (isIterable(iterable)) return Array.from(iterable);
  throw typeError(`iterable must be an iterable or async iterable; got ${describeValue(iterable)}`);
}

/**
 * parallelFor's `shared` must not hold a TypedArray over ordinary memory: it
 * would be copied to every worker and writes would be lost.
 * @throws ERR_INVALID_OPTION naming the offending entry.
 */
function checkShared(shared: unknown): void {
  const check = (value: unknown, key: string): void => {
    if (ArrayBuffer.isView(value) && !(value.buffer instanceof SharedArrayBuffer)) {
      throw optionError(key, 'backed by a SharedArrayBuffer (an ordinary buffer would be copied to each worker, and writes lost)', value);
    }
    if (value instanceof ArrayBuffer) throw optionError(key, 'a SharedArrayBuffer, not an ArrayBuffer', value);
  };
  check(shared, 'shared');
  if (typeof shared !== 'object' || shared === null || ArrayBuffer.isView(shared)) return;
  for (const [key, value] of Object.entries(shared)) check(value, `shared.${key}`);
}

export function checkCount(n: unknown): Error | undefined {
  if (typeof n !== 'number') return typeError(`n must be an integer >= 0; got ${describeValue(n)}`);
  if (!Number.isSafeInteger(n) || n < 0) return new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `n must be an integer >= 0; got ${n}`);
  return undefined;
}
