/**
 * Every runtime value corepool exports (functions, classes, constants, the
 * `sync` namespace) and nothing type-only: src/index.ts makes this module's
 * namespace the default export, and src/exports.ts re-exports it next to the
 * types.
 *
 * Keeping types out matters for the published declarations: tsup's .d.ts
 * bundler writes the default export as `declare namespace corepool` with a
 * `declare const corepool_X: typeof X` per member, and for a name that comes
 * from the declaration chunk shared with `corepool/sync` it cannot tell a type
 * from a value, so a type here would become `typeof SomeType`, an error for
 * consumers that check declarations (no skipLibCheck).
 * test/install/types_consumer.test.ts checks that; test/integration/package.test.ts
 * checks that the default export still holds every named value.
 */
import { selection } from './backend/select.js';
import type { BackendName } from './backend/backend.js';

export * from './api/generated_kernels.js';
export * as sync from './sync.js';
export { info } from './info.js';
export { AbortError, CorepoolError, CorepoolRangeError, CorepoolTypeError, ErrorCode } from './errors.js';
// Shared state and synchronisation.
export {
  Barrier,
  BoundedSemaphore,
  Condition,
  Event,
  Lock,
  OWNER_CHECK_INTERVAL_MS,
  RawArray,
  RawValue,
  RLock,
  Semaphore,
  SharedArray,
  SharedValue,
  Value,
} from './sync/index.js';
export { BrokenBarrierError } from './errors.js';
// How shared objects cross into workers.
export { decodeShared, encodeShared, kShare, registerShareable } from './shared/shareable.js';

// n-dimensional arrays.
export {
  arange,
  broadcastShapes,
  broadcastTo,
  concatenate,
  contiguousStrides,
  empty,
  eye,
  full,
  linspace,
  NDArray,
  ndarray,
  normalizeAxes,
  ones,
  stack,
  zeros,
} from './nd/index.js';

// Array expressions.
export { CompiledExpression, compile, evaluate } from './api/expr.js';

// Queue, SimpleQueue, JoinableQueue, Pipe and their errors.
export { JoinableQueue, Queue, SimpleQueue } from './queue/index.js';
export { Connection, Pipe } from './pipe/index.js';
export { BrokenPipeError, BufferTooShort, Closed, EOFError, Empty, Full } from './errors.js';

// Array expressions: vectorize a plain JS function.
export { vectorize } from './api/vectorize.js';

// Pool.
export { Pool } from './pool/pool.js';
export { currentTask } from './pool/current_task.js';
export { AsyncResult } from './pool/async_result.js';
export { PoolIterator } from './pool/pool_iterator.js';
export { task } from './pool/module_ref.js';
export { kernels } from './pool/kernel_refs.js';
export { transfer } from './pool/transfer.js';
export { BrokenPoolError, MaybeEncodingError, PoolStateError, TimeoutError, WorkerCrashedError } from './errors.js';

// Executor.
export { Executor } from './pool/executor.js';
export { Future } from './pool/future.js';
export { ALL_COMPLETED, asCompleted, FIRST_COMPLETED, FIRST_EXCEPTION, wait } from './pool/executor_wait.js';
export { CancelledError } from './errors.js';

// Process, currentProcess, activeChildren, cpuCount.
export { activeChildren, cpuCount, currentProcess, Process } from './process/index.js';
// Manager: dict, list and Namespace proxies served by the creating thread.
export { BaseProxy, Manager, SyncManager } from './manager/index.js';

/** The backend running the kernels: 'native' when the addon loaded, else 'fallback'. */
export const backend: BackendName = selection().backend.name;
/** Number of compute threads kernels run on. */
export const threads: number = selection().backend.threads;
