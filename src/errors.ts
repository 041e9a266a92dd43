/**
 * Stable error codes, mirrored by native/binding/errors.h. Tests and callers
 * match on `code`, never on message text.
 */
export const ErrorCode = {
  INVALID_ARG_TYPE: 'ERR_INVALID_ARG_TYPE',
  INVALID_DTYPE: 'ERR_INVALID_DTYPE',
  LENGTH_MISMATCH: 'ERR_LENGTH_MISMATCH',
  DETACHED_BUFFER: 'ERR_DETACHED_BUFFER',
  RESIZABLE_BUFFER: 'ERR_RESIZABLE_BUFFER',
  EMPTY_INPUT: 'ERR_EMPTY_INPUT',
  OUT_OF_RANGE: 'ERR_OUT_OF_RANGE',
  OVERLAP: 'ERR_OVERLAP',
  INVALID_OPTION: 'ERR_INVALID_OPTION',
  ABORTED: 'ABORT_ERR',
  INVALID_ENV: 'ERR_INVALID_ENV',
  KERNEL_FAILED: 'ERR_KERNEL_FAILED',
  /** A native kernel called while its environment (main thread or worker) shuts down. */
  ENV_CLOSING: 'ERR_ENV_CLOSING',
  WORKER_FAILED: 'ERR_WORKER_FAILED',
  WORKER_EXITED: 'ERR_WORKER_EXITED',
  NATIVE_UNAVAILABLE: 'ERR_NATIVE_UNAVAILABLE',
  // Shared state and synchronisation (src/sync, src/shared).
  LOCK_NOT_HELD: 'ERR_LOCK_NOT_HELD',
  SEMAPHORE_OVER_RELEASE: 'ERR_SEMAPHORE_OVER_RELEASE',
  BLOCKING_ON_MAIN_THREAD: 'ERR_BLOCKING_ON_MAIN_THREAD', // shared with src/queue
  NO_LOCK: 'ERR_NO_LOCK',
  BROKEN_BARRIER: 'ERR_BROKEN_BARRIER',
  TOO_MANY_WAITERS: 'ERR_TOO_MANY_WAITERS',
  // Pool (src/pool).
  FN_NOT_SELF_CONTAINED: 'ERR_FN_NOT_SELF_CONTAINED',
  WORKER_CRASHED: 'ERR_WORKER_CRASHED',
  POOL_BROKEN: 'ERR_POOL_BROKEN',
  POOL_NOT_RUNNING: 'ERR_POOL_NOT_RUNNING',
  POOL_RUNNING: 'ERR_POOL_RUNNING',
  POOL_TERMINATED: 'ERR_POOL_TERMINATED',
  QUEUE_FULL: 'ERR_QUEUE_FULL',
  TIMEOUT: 'ERR_TIMEOUT',
  TASK_TIMEOUT: 'ERR_TASK_TIMEOUT',
  RESULT_NOT_READY: 'ERR_RESULT_NOT_READY',
  /** A task's result could not be sent back (structured clone refused it). */
  RESULT_NOT_CLONEABLE: 'ERR_RESULT_NOT_CLONEABLE',
  /** A task's arguments could not be sent to a worker (structured clone refused them). */
  ARG_NOT_CLONEABLE: 'ERR_ARG_NOT_CLONEABLE',
  /** A received value could not be rebuilt (an invalid shared-object table or descriptor). */
  DECODE_FAILED: 'ERR_DECODE_FAILED',
  // Queue and Pipe (src/queue, src/pipe); ERR_QUEUE_FULL above is shared with the pool.
  QUEUE_EMPTY: 'ERR_QUEUE_EMPTY',
  QUEUE_CLOSED: 'ERR_QUEUE_CLOSED',
  ITEM_TOO_LARGE: 'ERR_ITEM_TOO_LARGE',
  TASK_DONE_TOO_MANY: 'ERR_TASK_DONE_TOO_MANY',
  EOF: 'ERR_EOF',
  BROKEN_PIPE: 'ERR_BROKEN_PIPE',
  CONNECTION_CLOSED: 'ERR_CONNECTION_CLOSED',
  CONNECTION_READ_ONLY: 'ERR_CONNECTION_READ_ONLY',
  CONNECTION_WRITE_ONLY: 'ERR_CONNECTION_WRITE_ONLY',
  MESSAGE_TOO_LONG: 'ERR_MESSAGE_TOO_LONG',
  BUFFER_TOO_SHORT: 'ERR_BUFFER_TOO_SHORT',
  QUEUE_BROKEN: 'ERR_QUEUE_BROKEN',
  // Executor (src/pool/executor*.ts) and the 'process' pool context.
  CANCELLED: 'ERR_CANCELLED',
  SHARED_MEMORY_UNAVAILABLE: 'ERR_SHARED_MEMORY_UNAVAILABLE',
  // Process (src/process) and Manager (src/manager).
  PROCESS_STATE: 'ERR_PROCESS_STATE',
  MANAGER_CLOSED: 'ERR_MANAGER_CLOSED',
  KEY_NOT_FOUND: 'ERR_KEY_NOT_FOUND',
  // n-dimensional arrays (src/nd).
  /** Shapes that do not broadcast together, or a reshape/join whose sizes disagree. */
  SHAPE_MISMATCH: 'ERR_SHAPE_MISMATCH',
  /** An axis outside -ndim..ndim-1 (numpy's AxisError). */
  AXIS_OUT_OF_RANGE: 'ERR_AXIS_OUT_OF_RANGE',
  // Array expressions (src/expr).
  /** An expression string that does not parse; the message points at the place. */
  EXPRESSION_SYNTAX: 'ERR_EXPRESSION_SYNTAX',
  /** An unknown function or variable in an expression. */
  EXPRESSION_NAME: 'ERR_EXPRESSION_NAME',
  /** A function called with the wrong number or kind of arguments. */
  EXPRESSION_ARITY: 'ERR_EXPRESSION_ARITY',
  /** An operation the operands' dtypes do not allow (`&` on numbers, a reduction inside an expression…). */
  EXPRESSION_TYPE: 'ERR_EXPRESSION_TYPE',
  /** `vectorize` met a construct outside the subset it translates; the message names it and its line and column. */
  VECTORIZE_UNSUPPORTED: 'ERR_VECTORIZE_UNSUPPORTED',
} as const;

/** One of the values of {@link ErrorCode}. */
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A TypeError with a stable `code`; `cause` holds the original error when there is one. */
export class CorepoolTypeError extends TypeError {
  readonly code: ErrorCodeValue;
  constructor(code: ErrorCodeValue, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TypeError';
    this.code = code;
  }
}

/** A RangeError with a stable `code`; `cause` holds the original error when there is one. */
export class CorepoolRangeError extends RangeError {
  readonly code: ErrorCodeValue;
  constructor(code: ErrorCodeValue, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RangeError';
    this.code = code;
  }
}

/** A SyntaxError with a stable `code` (an expression string that does not parse). */
export class CorepoolSyntaxError extends SyntaxError {
  readonly code: ErrorCodeValue;
  constructor(code: ErrorCodeValue, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SyntaxError';
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

/**
 * A Barrier was broken (aborted, reset, timed out or its action threw) while
 * this thread waited on it, or before it arrived.
 * Python equivalent: `threading.BrokenBarrierError`.
 */
export class BrokenBarrierError extends CorepoolError {
  constructor(message = 'the barrier is broken', options?: { cause?: unknown }) {
    super(ErrorCode.BROKEN_BARRIER, message, options);
    this.name = 'BrokenBarrierError';
  }
}

/**
 * A pool worker died (uncaught error, `process.exit`, out of memory under
 * `resourceLimits`, killed) while it held the task this error rejects.
 * `cause` is the worker's error when it reported one.
 */
export class WorkerCrashedError extends CorepoolError {
  /** The pool's id for the worker (stable in stats()). */
  readonly workerId: number;
  /** The worker's exit code; null when it has not exited by itself. */
  readonly exitCode: number | null;
  /** The signal that killed it (context 'process', e.g. 'SIGKILL'); null otherwise. */
  readonly signal: string | null;
  constructor(workerId: number, exitCode: number | null, message: string, options?: { cause?: unknown; signal?: string | null }) {
    super(ErrorCode.WORKER_CRASHED, message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WorkerCrashedError';
    this.workerId = workerId;
    this.exitCode = exitCode;
    this.signal = options?.signal ?? null;
  }
}

/**
 * Workers kept dying during start-up (a failing `initializer`, for example),
 * so the pool stopped replacing them: pending and new work rejects with this.
 * Python equivalent: `concurrent.futures.process.BrokenProcessPool`.
 */
export class BrokenPoolError extends CorepoolError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.POOL_BROKEN, message, options);
    this.name = 'BrokenPoolError';
  }
}

/**
 * A wait ran out of time: `AsyncResult.get(timeout)` / `next(timeout)` (code
 * ERR_TIMEOUT, the work goes on) or a pool's `taskTimeout` / a call's
 * `timeout` (code ERR_TASK_TIMEOUT, counted from the task's start; the
 * worker running the task was stopped, unless it ended within `abortGrace`).
 * Python equivalent: `multiprocessing.TimeoutError`.
 */
export class TimeoutError extends CorepoolError {
  constructor(code: typeof ErrorCode.TIMEOUT | typeof ErrorCode.TASK_TIMEOUT, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'TimeoutError';
  }
}

/**
 * A pool call made in the wrong state: work submitted after close() (code
 * ERR_POOL_NOT_RUNNING), join() before close() (ERR_POOL_RUNNING), work cut
 * off by terminate() (ERR_POOL_TERMINATED), a full queue (ERR_QUEUE_FULL) or
 * successful() before the result is ready (ERR_RESULT_NOT_READY).
 * Python equivalent: the `ValueError`s of `multiprocessing.Pool`.
 */
export class PoolStateError extends CorepoolError {
  constructor(code: ErrorCodeValue, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'PoolStateError';
  }
}

/**
 * A Queue put found no room: non-blocking, or still full when its timeout ran out.
 * Python equivalent: `queue.Full`.
 */
export class Full extends CorepoolError {
  constructor(message = 'the queue is full') {
    super(ErrorCode.QUEUE_FULL, message);
    this.name = 'Full';
  }
}

/**
 * A Queue get found no item: non-blocking, or still empty when its timeout ran out.
 * Python equivalent: `queue.Empty`.
 */
export class Empty extends CorepoolError {
  constructor(message = 'the queue is empty') {
    super(ErrorCode.QUEUE_EMPTY, message);
    this.name = 'Empty';
  }
}

/**
 * A put on a closed Queue, or a get once a closed Queue is drained.
 * Python equivalent: `queue.ShutDown` (3.13), or `ValueError` for a put after close().
 */
export class Closed extends CorepoolError {
  constructor(message = 'the queue is closed') {
    super(ErrorCode.QUEUE_CLOSED, message);
    this.name = 'Closed';
  }
}

/**
 * A receive on a Pipe whose other end is closed and which holds no more messages.
 * Python equivalent: `EOFError` from `Connection.recv()`.
 */
export class EOFError extends CorepoolError {
  constructor(message = 'the other end of the pipe is closed and no message is left') {
    super(ErrorCode.EOF, message);
    this.name = 'EOFError';
  }
}

/**
 * A send on a Pipe whose receiving end is closed.
 * Python equivalent: `BrokenPipeError`.
 */
export class BrokenPipeError extends CorepoolError {
  constructor(message = 'the receiving end of the pipe is closed') {
    super(ErrorCode.BROKEN_PIPE, message);
    this.name = 'BrokenPipeError';
  }
}

/**
 * `recvBytesInto` got a message longer than the space in its buffer. The
 * message is consumed; `data` holds all of it.
 * Python equivalent: `multiprocessing.BufferTooShort` (message in `e.args[0]`).
 */
export class BufferTooShort extends CorepoolError {
  /** The complete message that did not fit. */
  readonly data: Uint8Array;
  constructor(data: Uint8Array, room: number) {
    super(ErrorCode.BUFFER_TOO_SHORT, `the ${data.byteLength}-byte message does not fit in the ${room} bytes left in buf`);
    this.name = 'BufferTooShort';
    this.data = data;
  }
}

/**
 * The Future was cancelled before it ran: its result() and exception() reject with this.
 * Python equivalent: `concurrent.futures.CancelledError`.
 */
export class CancelledError extends CorepoolError {
  constructor(message = 'the future was cancelled') {
    super(ErrorCode.CANCELLED, message);
    this.name = 'CancelledError';
  }
}

/**
 * A task's result (code ERR_RESULT_NOT_CLONEABLE) or arguments (code
 * ERR_ARG_NOT_CLONEABLE) could not cross to the other side: structured clone
 * (or the child-process serializer) refused a value such as a function, a
 * symbol or a WeakMap. Only that task fails; the worker lives on.
 * `valueType` names the refused value's type, `cause` is the clone error.
 * Python equivalent: `multiprocessing.pool.MaybeEncodingError`.
 */
export class MaybeEncodingError extends CorepoolError {
  /** The type of the value that could not be sent (`'function'`, `'Map'`, `'Array'`…). */
  readonly valueType: string;
  constructor(
    code: typeof ErrorCode.RESULT_NOT_CLONEABLE | typeof ErrorCode.ARG_NOT_CLONEABLE,
    valueType: string,
    options?: { cause?: unknown },
  ) {
    const what = code === ErrorCode.RESULT_NOT_CLONEABLE ? "the task's result" : "the task's arguments";
    const reason = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(code, `${what} (${valueType}) could not be sent${reason}`, options);
    this.name = 'MaybeEncodingError';
    this.valueType = valueType;
  }
}
