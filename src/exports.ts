/** Every named export of corepool; src/index.ts re-exports them and adds the namespace as the default export. */
import { selection } from './backend/select.js';
import type { BackendName } from './backend/backend.js';

export * from './api/kernels.js';
export type { MapOptions, MapResult, Operand } from './api/map_types.js';
export * as sync from './sync.js';
export { info, type CorepoolInfo } from './info.js';
export type { Dtype, NumericArray } from './dtypes.js';
export {
  AbortError,
  CorepoolError,
  CorepoolRangeError,
  CorepoolTypeError,
  ErrorCode,
  type ErrorCodeValue,
} from './errors.js';
// Shared state and synchronisation: Value, SharedArray, Lock, RLock, Semaphore, Event, Condition, Barrier.
export * from './sync/index.js';
export { BrokenBarrierError } from './errors.js';
// How shared objects cross into workers (for code that posts to its own worker_threads).
export {
  decodeShared,
  encodeShared,
  kShare,
  registerShareable,
  type ShareDescriptor,
  type Shareable,
  type SharedEnvelope,
} from './shared/shareable.js';

// n-dimensional arrays: NDArray, its views and constructors.
export * from './nd/index.js';

// Queue, SimpleQueue, JoinableQueue, Pipe and their errors.
export * from './queue/index.js';
export * from './pipe/index.js';
export { BrokenPipeError, BufferTooShort, Closed, EOFError, Empty, Full } from './errors.js';

// Pool: Python's multiprocessing.Pool on worker_threads, with kernel references routed to the backend.
export {
  Pool,
  type ApplyOptions,
  type IMapOptions,
  type ParallelForOptions,
  type PoolFn,
  type PoolMapAsyncOptions,
  type PoolMapOptions,
} from './pool/pool.js';
export type { PoolOptions } from './pool/options.js';
export { AsyncResult, type ResultCallbacks } from './pool/async_result.js';
export { PoolIterator } from './pool/pool_iterator.js';
export { task, type TaskRef } from './pool/module_ref.js';
export { kernels, type KernelRef } from './pool/kernel_refs.js';
export { transfer } from './pool/transfer.js';
export type { PoolStats, TimeSummary, WorkerStats } from './pool/stats.js';
export type { ProgressCallback } from './pool/jobs.js';
export { BrokenPoolError, MaybeEncodingError, PoolStateError, TimeoutError, WorkerCrashedError } from './errors.js';

// Executor: Python's concurrent.futures (ProcessPoolExecutor, Future, as_completed, wait).
export { Executor, type ExecutorOptions, type ShutdownOptions } from './pool/executor.js';
export type { ExecutorMapOptions } from './pool/executor_map.js';
export { Future } from './pool/future.js';
export {
  ALL_COMPLETED,
  asCompleted,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  wait,
  type ReturnWhen,
  type WaitOptions,
} from './pool/executor_wait.js';
export { CancelledError } from './errors.js';

// Process, currentProcess, activeChildren, cpuCount.
export * from './process/index.js';
// Manager: dict, list and Namespace proxies served by the creating thread.
export * from './manager/index.js';

/** The backend running the kernels: 'native' when the addon loaded, else 'fallback'. */
export const backend: BackendName = selection().backend.name;
/** Number of compute threads kernels run on. */
export const threads: number = selection().backend.threads;
