/**
 * The events a Pool emits (it is a Node `EventEmitter`): their names and
 * payloads. The engine reports them through an {@link EngineEmit} callback;
 * a listener that throws does not disturb the pool (its error is rethrown
 * asynchronously, as an AsyncResult callback's is).
 */
import type { PoolContext } from './runtimes.js';

/** Why a worker exited. */
export type WorkerExitCause =
  /** it sat idle for `idleTimeout` ms */
  | 'idle'
  /** it ran `maxTasksPerChild` tasks */
  | 'maxTasksPerChild'
  /** its heap grew past `maxMemoryPerChild` MB after a task */
  | 'maxMemoryPerChild'
  /** close() and the work was done */
  | 'close'
  /** terminate(), or the pool broke */
  | 'terminate'
  /** the task it ran passed `taskTimeout` */
  | 'taskTimeout'
  /** the call whose task it ran was aborted */
  | 'abort'
  /** it died by itself: an uncaught error, process.exit(), out of memory, a signal */
  | 'crash';

/** Payload of `workerCreate`. */
export interface WorkerCreateEvent {
  /** The pool's id for the worker (as in stats().perWorker and WorkerCrashedError.workerId). */
  workerId: number;
  /** Its threadId (context 'thread') or pid (context 'process'). */
  osId: number;
  context: PoolContext;
}

/** Payload of `workerExit`. */
export interface WorkerExitEvent {
  workerId: number;
  /** Its exit code; null when a signal ended a process (see `signal`). */
  exitCode: number | null;
  /** The signal that ended a process worker ('SIGKILL'…), else null. */
  signal: NodeJS.Signals | null;
  cause: WorkerExitCause;
  /** For 'crash', 'taskTimeout' and 'abort': the worker's error, or the error its task was rejected with. */
  error: Error | undefined;
}

/** Payload of `taskError`. */
export interface TaskErrorEvent {
  /** What the caller's promise (or AsyncResult, Future, imap next()) rejects with. */
  error: unknown;
  /** The worker that held the task, or undefined when it never reached one (cancelled in the queue, refused…). */
  workerId: number | undefined;
}

/** Payload of `backpressure`. */
export interface BackpressureEvent {
  /** Tasks waiting for a worker (equal to maxQueue). */
  queued: number;
  maxQueue: number;
}

/** Event names and listener arguments of a Pool (`pool.on('workerExit', (e) => …)`). */
export interface PoolEvents {
  /** Every task submitted so far has settled: nothing is queued or held by a worker (kernel-reference tasks aside). No payload. */
  drain: [];
  /** A worker was started (reported on the next microtask, so listeners added right after `new Pool()` see the first ones). */
  workerCreate: [WorkerCreateEvent];
  /** A worker exited, with its exit code and cause. */
  workerExit: [WorkerExitEvent];
  /** A task failed for good (after its retries): the function threw, its worker crashed or timed out, it was aborted or cancelled, terminate()… */
  taskError: [TaskErrorEvent];
  /** The queue reached `maxQueue` tasks: applyAsync now fails with ERR_QUEUE_FULL and map-like calls wait for room. */
  backpressure: [BackpressureEvent];
}

/** How the engine reports an event. */
export type EngineEmit = <K extends keyof PoolEvents>(name: K, ...args: PoolEvents[K]) => void;
