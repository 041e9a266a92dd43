/**
 * The public boundary of every kernel: one wrapper for the Promise forms and
 * one for the blocking twins, so that (house rules 3 and 4) a Promise call
 * never throws synchronously and every error carries a code. Errors raised
 * by the caller's own code (an options getter or a Proxy trap that throws, a
 * valueOf), by a buffer the caller detached while the call ran, or by an
 * allocation the engine refuses are re-raised as coded errors (code
 * ERR_INVALID_ARG_TYPE, ERR_DETACHED_BUFFER, ERR_OUT_OF_RANGE) with the original as `cause`; corepool's coded errors pass through.
 */
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';

// V8's messages when an ArrayBuffer or TypedArray cannot be created, and
// when one was detached (transferred away) by the caller while a call ran.
const ALLOCATION = /allocation failed|Invalid typed array length|Invalid array buffer length|Array buffer allocation/i;
const DETACHED = /detached ArrayBuffer/i;

function isCoded(error: unknown): boolean {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/** `error` if it has a code, else a coded error with `error` as its cause. */
export function recode(error: unknown): unknown {
  if (isCoded(error)) return error;
  if (error instanceof RangeError && ALLOCATION.test(error.message)) {
    return new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, 'the result must fit in memory; it could not be allocated', { cause: error });
  }
  if (error instanceof TypeError && DETACHED.test(error.message)) {
    return new CorepoolTypeError(
      ErrorCode.DETACHED_BUFFER,
      'arrays must stay attached until the call settles; one was detached during it',
      { cause: error },
    );
  }
  return new CorepoolTypeError(
    ErrorCode.INVALID_ARG_TYPE,
    'arguments must be readable without throwing: reading or converting one threw (see cause)',
    { cause: error },
  );
}

/** Runs a Promise kernel: a synchronous throw becomes a rejection, and every rejection is coded. */
export function settle<T>(call: () => Promise<T>): Promise<T> {
  try {
    return call().catch((error: unknown) => Promise.reject(recode(error)));
  } catch (error) {
    return Promise.reject(recode(error));
  }
}

/** Runs a blocking kernel: whatever it throws is coded. */
export function guardSync<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw recode(error);
  }
}
