/**
 * Argument checks for Pool calls. Each returns an Error instead of throwing,
 * so the calls can reject (or fail their AsyncResult) and never throw.
 */
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import type { Transferable } from './types.js';

function typeError(message: string): CorepoolTypeError {
  return new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, message);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

/** Options every call takes: `signal`. */
export interface CallOptions {
  /** Aborting removes the call's queued tasks and stops (and replaces) workers running them; the call rejects with AbortError. */
  signal?: AbortSignal | undefined;
}

export function checkCallOptions(options: unknown, keys: readonly string[]): Error | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null) return typeError(`options must be an object; got ${describe(options)}`);
  const o = options as Record<string, unknown>;
  if (o.signal !== undefined && !(o.signal instanceof AbortSignal)) return typeError(`options.signal must be an AbortSignal; got ${describe(o.signal)}`);
  for (const key of ['callback', 'errorCallback', 'onProgress']) {
    if (keys.includes(key) && o[key] !== undefined && typeof o[key] !== 'function') return typeError(`options.${key} must be a function; got ${describe(o[key])}`);
  }
  for (const key of ['chunksize', 'buffersize', 'blocks']) {
    if (!keys.includes(key) || o[key] === undefined) continue;
    const v = o[key];
    const min = key === 'chunksize' ? 0 : 1;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
      const Make = typeof v === 'number' ? CorepoolRangeError : CorepoolTypeError;
      return new Make(ErrorCode.INVALID_OPTION, `options.${key} must be an integer >= ${min}; got ${String(v)}`);
    }
  }
  if (keys.includes('transfer') && o.transfer !== undefined && !Array.isArray(o.transfer)) {
    return typeError(`options.transfer must be an array of ArrayBuffers or MessagePorts; got ${describe(o.transfer)}`);
  }
  return undefined;
}

export function checkArgs(args: unknown): Error | undefined {
  return Array.isArray(args) ? undefined : typeError(`args must be an array of arguments; got ${describe(args)}`);
}

export function checkTransfer(transfer: unknown): Transferable[] | undefined {
  return transfer as Transferable[] | undefined;
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
  return typeError(`iterable must be an iterable or async iterable; got ${describe(iterable)}`);
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
  throw typeError(`iterable must be an iterable or async iterable; got ${describe(iterable)}`);
}

/**
 * parallelFor's `shared` must not hold a TypedArray over ordinary memory: it
 * would be copied to every worker and writes would be lost.
 */
export function checkShared(shared: unknown): Error | undefined {
  const check = (value: unknown, path: string): Error | undefined => {
    if (ArrayBuffer.isView(value) && !(value.buffer instanceof SharedArrayBuffer)) {
      return typeError(`${path} must be backed by a SharedArrayBuffer (an ordinary buffer would be copied to each worker, and writes lost)`);
    }
    if (value instanceof ArrayBuffer) return typeError(`${path} must be a SharedArrayBuffer, not an ArrayBuffer`);
    return undefined;
  };
  const top = check(shared, 'options.shared');
  if (top !== undefined || typeof shared !== 'object' || shared === null || ArrayBuffer.isView(shared)) return top;
  for (const [key, value] of Object.entries(shared)) {
    const error = check(value, `options.shared.${key}`);
    if (error !== undefined) return error;
  }
  return undefined;
}

export function checkCount(n: unknown): Error | undefined {
  if (typeof n !== 'number') return typeError(`n must be an integer >= 0; got ${describe(n)}`);
  if (!Number.isSafeInteger(n) || n < 0) return new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `n must be an integer >= 0; got ${n}`);
  return undefined;
}
