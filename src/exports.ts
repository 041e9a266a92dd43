/**
 * Every named export of corepool: the values (src/values.ts, whose namespace
 * src/index.ts makes the default export) and the types. The `export type *`
 * lines also name the modules' values, as types only; the value exports come
 * from values.ts alone.
 */
export * from './values.js';

export type * from './api/kernels.js';
export type { MapOptions, MapResult, Operand } from './api/map_types.js';
export type { CorepoolInfo } from './info.js';
export type { Dtype, NumericArray } from './dtypes.js';
export type { ErrorCodeValue } from './errors.js';
export type { Vectorized, VectorizeCallOptions, VectorizeOperand, VectorizeOptions } from './api/vectorize.js';
// Shared state and synchronisation: Value, SharedArray, Lock, RLock, Semaphore, Event, Condition, Barrier.
export type * from './sync/index.js';
// How shared objects cross into workers (for code that posts to its own worker_threads).
export type { ShareDescriptor, Shareable, SharedEnvelope } from './shared/shareable.js';

// n-dimensional arrays: NDArray, its views and constructors.
export type * from './nd/index.js';

// Array expressions.
export type { ExpressionOptions, ExpressionResult, ExpressionResultOf, ExpressionVariables } from './api/expr.js';

// Queue, SimpleQueue, JoinableQueue, Pipe.
export type * from './queue/index.js';
export type * from './pipe/index.js';

// Pool: Python's multiprocessing.Pool on worker_threads, with kernel references routed to the backend.
export type {
  ApplyOptions,
  IMapOptions,
  ParallelForOptions,
  PoolFn,
  PoolMapAsyncOptions,
  PoolMapOptions,
} from './pool/pool.js';
export type { PoolOptions } from './pool/options.js';
export type { TaskContext } from './pool/current_task.js';
export type { ResultCallbacks } from './pool/async_result.js';
export type { TaskRef } from './pool/module_ref.js';
export type { KernelRef } from './pool/kernel_refs.js';
export type { PoolStats, TimeSummary, WorkerStats } from './pool/stats.js';
export type {
  BackpressureEvent,
  PoolEvents,
  TaskErrorEvent,
  WorkerCreateEvent,
  WorkerExitCause,
  WorkerExitEvent,
} from './pool/events.js';
export type { ProgressCallback } from './pool/jobs.js';

// Executor: Python's concurrent.futures (ProcessPoolExecutor, Future, as_completed, wait).
export type { ExecutorOptions, ShutdownOptions } from './pool/executor.js';
export type { ExecutorMapOptions } from './pool/executor_map.js';
export type { ReturnWhen, WaitOptions } from './pool/executor_wait.js';

// Process, currentProcess, activeChildren, cpuCount.
export type * from './process/index.js';
// Manager: dict, list and Namespace proxies served by the creating thread.
export type * from './manager/index.js';
