/**
 * Stable error codes, mirrored by native/binding/errors.h. Tests and callers
 * match on `code`, never on message text.
 */
export const ErrorCode = {
  INVALID_ARG_TYPE: 'ERR_INVALID_ARG_TYPE',
  INVALID_DTYPE: 'ERR_INVALID_DTYPE',
  LENGTH_MISMATCH: 'ERR_LENGTH_MISMATCH',
  DETACHED_BUFFER: 'ERR_DETACHED_BUFFER',
  EMPTY_INPUT: 'ERR_EMPTY_INPUT',
  OUT_OF_RANGE: 'ERR_OUT_OF_RANGE',
  OVERLAP: 'ERR_OVERLAP',
  INVALID_OPTION: 'ERR_INVALID_OPTION',
  ABORTED: 'ABORT_ERR',
  INVALID_ENV: 'ERR_INVALID_ENV',
  KERNEL_FAILED: 'ERR_KERNEL_FAILED',
  WORKER_FAILED: 'ERR_WORKER_FAILED',
  WORKER_EXITED: 'ERR_WORKER_EXITED',
  NATIVE_UNAVAILABLE: 'ERR_NATIVE_UNAVAILABLE',
} as const;

/** One of the values of {@link ErrorCode}. */
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A TypeError with a stable `code`. */
export class CorepoolTypeError extends TypeError {
  readonly code: ErrorCodeValue;
  constructor(code: ErrorCodeValue, message: string) {
    super(message);
    this.name = 'TypeError';
    this.code = code;
  }
}

/** A RangeError with a stable `code`. */
export class CorepoolRangeError extends RangeError {
  readonly code: ErrorCodeValue;
  constructor(code: ErrorCodeValue, message: string) {
    super(message);
    this.name = 'RangeError';
    this.code = code;
  }
}

/** Any other corepool failure; `cause` holds the original error when there is one. */
export class CorepoolError extends Error {
  readonly code: ErrorCodeValue;
  constructor(code: ErrorCodeValue, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CorepoolError';
    this.code = code;
  }
}

/**
 * A call cancelled through its `options.signal`. Like Node's own AbortError:
 * name 'AbortError', code 'ABORT_ERR', and the signal's reason as `cause`.
 */
export class AbortError extends Error {
  readonly code = ErrorCode.ABORTED;
  constructor(message = 'The operation was aborted', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AbortError';
  }
}

/** The plain-data form in which an error crosses a thread. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string | undefined;
  code?: string | undefined;
}

/** Captures what survives a thread hop: class name, message, stack and code. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message,
      stack: error.stack,
      code: typeof code === 'string' ? code : undefined,
    };
  }
  return { name: 'Error', message: String(error) };
}

/** Rebuilds an error from the other side of a thread, keeping its class name and stack. */
export function deserializeError(data: SerializedError): Error {
  const error = new Error(data.message);
  error.name = data.name;
  if (data.stack !== undefined) error.stack = data.stack;
  if (data.code !== undefined) (error as Error & { code?: string }).code = data.code;
  return error;
}
