/**
 * Pool options: the public shape and their validation (src/validate.ts's
 * rules: a bad or unknown option is ERR_INVALID_OPTION naming `options.X`).
 */
import { availableParallelism } from 'node:os';
import { checkOptions, optionError } from '../validate.js';
import { isTaskRef, type TaskRef } from './module_ref.js';
import type { RuntimeKind } from './runtime.js';
import { CONTEXTS, runtimeFor, type PoolContext } from './runtimes.js';

/** Options of `new Pool(options)`. Python equivalent: `multiprocessing.Pool(processes, initializer, initargs, maxtasksperchild)`. */
export interface PoolOptions {
  /** Most workers at once; default `os.availableParallelism()`. The pool starts them all unless `minWorkers` is given. */
  processes?: number | undefined;
  /** Another name for `processes` (give one; when both are given they must be equal). */
  maxWorkers?: number | undefined;
  /**
   * Workers started with the pool and never stopped by `idleTimeout`. With it the pool is elastic: it starts
   * `minWorkers`, starts more (up to `maxWorkers`) while tasks wait with no worker free, and stops the extra ones once
   * they have been idle for `idleTimeout` ms. Without it the pool starts all `maxWorkers`, and `idleTimeout` may stop
   * any of them (restarted on demand).
   */
  minWorkers?: number | undefined;
  /** Runs once in each worker before its first task (a self-contained function or a task() reference); may be async. */
  initializer?: ((...args: never[]) => unknown) | TaskRef | undefined;
  /** Arguments of `initializer`. */
  initargs?: readonly unknown[] | undefined;
  /** Replace a worker after it ran this many tasks (a map chunk counts as one); default: never. */
  maxTasksPerChild?: number | null | undefined;
  /**
   * Replace a worker once the V8 heap it uses after a task exceeds this many MB (default Infinity: never). It is checked
   * after every task (V8's used heap size, garbage not yet collected included; ArrayBuffer contents are outside the heap);
   * the worker gets no new work and is replaced when it has finished the tasks it already holds.
   */
  maxMemoryPerChild?: number | undefined;
  /**
   * Most tasks waiting for a worker (default Infinity). A single-task call
   * (apply, applyAsync) made when it is full rejects with PoolStateError
   * ERR_QUEUE_FULL; map-like calls wait for room instead of failing.
   */
  maxQueue?: number | undefined;
  /**
   * Ms a task may run (from its start in the worker; time spent queued does not count); past it the task rejects with
   * TimeoutError ERR_TASK_TIMEOUT and its worker is stopped and replaced (unless the task ends within `abortGrace`).
   * A call's own `timeout` option overrides it for that call's tasks.
   */
  taskTimeout?: number | undefined;
  /**
   * Ms a task that was aborted (its call's `signal`) or timed out may take to wind down before its worker is stopped
   * (default 0: stopped at once). With a grace, the task's `currentTask().signal` fires first; an aborted call rejects
   * at once, a timed-out one when the task has ended or the grace has passed (then `retries` apply). A task that
   * returns or throws within the grace keeps its worker. A synchronous (CPU-bound) task cannot see its signal before
   * it yields, so it is stopped when the grace ends. `terminate()` fires the running tasks' signals too, and stops
   * each worker once its task has ended or the grace has passed (the tasks reject at once all the same).
   */
  abortGrace?: number | undefined;
  /** Ms a worker may sit idle before it is stopped (it is restarted on demand); default Infinity. */
  idleTimeout?: number | undefined;
  /**
   * Times a task is sent again when its worker crashed or it passed `taskTimeout` (default 0). Never for a task
   * that threw (that error is the caller's) nor for an aborted or cancelled one. A crash also loses the results a
   * worker finished but had not delivered: those tasks are retried too, so a retried task may have run before;
   * use retries for idempotent work. Retries are counted in `stats().retries`.
   */
  retries?: number | undefined;
  /** Ms a task waits before its retry goes back to the front of the queue (default 0). */
  retryDelay?: number | undefined;
  /** Passed to each `Worker` (maxOldGenerationSizeMb, maxYoungGenerationSizeMb, codeRangeSizeMb, stackSizeMb). */
  resourceLimits?: Record<string, number> | undefined;
  /**
   * Ms for a waiting task to gain one priority level (default 1000; Infinity: no aging). A queued task's effective
   * priority is `priority + waitedMs / priorityAging`, so a stream of higher-priority work cannot starve it.
   */
  priorityAging?: number | undefined;
  /**
   * 'thread' (worker_threads, the default), 'process' (child_process.fork: crash isolation, no shared memory — a
   * SharedArrayBuffer argument fails with ERR_SHARED_MEMORY_UNAVAILABLE) or 'inline': Python's ThreadPool, for
   * I/O-bound async work. Inline, tasks run on the calling thread, at most `processes` at once (times
   * `concurrentTasksPerWorker`), with the same API; any function runs (closures included) and arguments, results and
   * errors are passed by reference, never cloned. A running task cannot be stopped: a timeout or abort rejects the call
   * and fires the task's `currentTask().signal`, and the task keeps its place among the `processes` until it has really
   * ended; a synchronous task blocks the thread until it returns. maxTasksPerChild, maxMemoryPerChild and
   * resourceLimits do not apply and are refused.
   */
  context?: PoolContext | undefined;
  /**
   * Most async tasks one worker runs at once (an integer >= 1; default 1, as a Python pool worker). Tasks still start
   * one after another in order, and a synchronous task runs alone to its end (one thread); a task that returns a
   * promise no longer holds its worker until it settles: up to this many overlap, so I/O-bound async work (fetches,
   * timers, file reads) needs fewer workers. Results are matched to their calls whatever order they end in (map keeps
   * its order). `currentTask().signal`, `timeout` / `taskTimeout` and aborts stay per task; when one of several running
   * tasks times out or is aborted (and does not end within `abortGrace`) its worker is stopped, as ever, and the others
   * running on it fail with WorkerCrashedError (retried under `retries`), while those it had not started are re-queued.
   * In context 'process' (no shared memory) the pool assumes a worker's oldest held tasks are the running ones.
   */
  concurrentTasksPerWorker?: number | undefined;
}

/** Default `priorityAging`: a waiting task gains one priority level per second. */
export const DEFAULT_PRIORITY_AGING = 1000;

/** Validated options with defaults applied. */
export interface ResolvedOptions {
  /** maxWorkers. */
  processes: number;
  /** undefined: start every worker, let idleTimeout stop any. */
  minWorkers: number | undefined;
  initializer: PoolOptions['initializer'];
  initargs: unknown[];
  maxTasksPerChild: number;
  maxMemoryPerChild: number;
  maxQueue: number;
  taskTimeout: number;
  abortGrace: number;
  idleTimeout: number;
  retries: number;
  retryDelay: number;
  resourceLimits: Record<string, number> | undefined;
  priorityAging: number;
  context: PoolContext;
  runtime: RuntimeKind;
  concurrentTasksPerWorker: number;
}

/** Every key of {@link PoolOptions}, for the unknown-key check. */
const POOL_KEYS: ReadonlyArray<keyof PoolOptions> = [
  'processes',
  'maxWorkers',
  'minWorkers',
  'initializer',
  'initargs',
  'maxTasksPerChild',
  'maxMemoryPerChild',
  'maxQueue',
  'taskTimeout',
  'abortGrace',
  'idleTimeout',
  'retries',
  'retryDelay',
  'resourceLimits',
  'priorityAging',
  'context',
  'concurrentTasksPerWorker',
];

/** An integer >= `min`, or Infinity when allowed; `fallback` when undefined (or null where Python allows None). */
function count(options: PoolOptions, key: keyof PoolOptions, min: number, fallback: number, infinite: boolean): number {
  const value = options[key] as unknown;
  if (value === undefined || (value === null && key === 'maxTasksPerChild')) return fallback;
  const expected = `${infinite ? 'Infinity or ' : ''}an integer >= ${min}`;
  if (typeof value !== 'number') throw optionError(key, expected, value);
  if (value === Infinity && infinite) return value;
  if (!Number.isInteger(value) || value < min) throw optionError(key, expected, value, 'range');
  return value;
}

/** A duration in ms: a number > 0 (or >= 0 when `zero`), Infinity allowed. */
function duration(options: PoolOptions, key: keyof PoolOptions, zero: boolean, fallback = Infinity): number {
  const value = options[key] as unknown;
  if (value === undefined) return fallback;
  const expected = `a number of milliseconds ${zero ? '>= 0' : '> 0'} (or Infinity)`;
  if (typeof value !== 'number') throw optionError(key, expected, value);
  if (Number.isNaN(value) || value < 0 || (value === 0 && !zero)) throw optionError(key, expected, value, 'range');
  return value;
}

/** A finite duration in ms >= 0; 0 when undefined. */
function finiteDuration(options: PoolOptions, key: keyof PoolOptions): number {
  const value = options[key] as unknown;
  if (value === undefined) return 0;
  const expected = 'a finite number of milliseconds >= 0';
  if (typeof value !== 'number') throw optionError(key, expected, value);
  if (!Number.isFinite(value) || value < 0) throw optionError(key, expected, value, 'range');
  return value;
}

/** A size in MB: a number > 0 or Infinity (the default). */
function megabytes(options: PoolOptions, key: keyof PoolOptions): number {
  const value = options[key] as unknown;
  if (value === undefined) return Infinity;
  const expected = 'a number of MB > 0 (or Infinity)';
  if (typeof value !== 'number') throw optionError(key, expected, value);
  if (!(value > 0)) throw optionError(key, expected, value, 'range');
  return value;
}

/** processes / maxWorkers (one option under two names) and minWorkers. */
function workers(options: PoolOptions): { processes: number; minWorkers: number | undefined } {
  const fallback = availableParallelism();
  let processes = count(options, 'processes', 1, fallback, false);
  if (options.maxWorkers !== undefined) {
    const max = count(options, 'maxWorkers', 1, fallback, false);
    if (options.processes !== undefined && max !== processes)
      throw optionError('maxWorkers', `equal to options.processes (${processes}) when both are given`, max, 'range');
    processes = max;
  }
  if (options.minWorkers === undefined) return { processes, minWorkers: undefined };
  const min = count(options, 'minWorkers', 0, 0, false);
  if (min > processes) throw optionError('minWorkers', `an integer from 0 to maxWorkers (${processes})`, min, 'range');
  return { processes, minWorkers: min };
}

function plainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Options a worker on the calling thread ('inline') cannot honour. */
const NOT_INLINE: ReadonlyArray<keyof PoolOptions> = ['maxTasksPerChild', 'maxMemoryPerChild', 'resourceLimits'];

function context(options: PoolOptions, processes: number): { context: PoolContext; runtime: RuntimeKind } {
  const name = options.context ?? 'thread';
  if (!CONTEXTS.includes(name)) throw optionError('context', "'thread', 'process' or 'inline'", name);
  if (name === 'inline') {
    for (const key of NOT_INLINE) {
      const value = options[key];
      if (value === undefined || (value === null && key === 'maxTasksPerChild')) continue;
      throw optionError(
        key,
        "left out with context 'inline' (tasks run on the calling thread: there is no worker to replace or limit)",
        value,
        'range',
      );
    }
  }
  return { context: name, runtime: runtimeFor(name, processes) };
}

/**
 * Checks `options` and applies the defaults.
 * @throws TypeError ERR_INVALID_ARG_TYPE when `options` is not an object;
 *   TypeError / RangeError ERR_INVALID_OPTION for an unknown key or a bad value.
 */
export function resolveOptions(options: PoolOptions | undefined): ResolvedOptions {
  const checked = checkOptions(options, 'Pool', POOL_KEYS) as PoolOptions;
  const { initializer, initargs, resourceLimits } = checked;
  // A kernels.* reference is refused here too: it runs on the main thread, never in a worker.
  if (initializer !== undefined && typeof initializer !== 'function' && !isTaskRef(initializer)) {
    throw optionError('initializer', 'a function or a task() reference', initializer);
  }
  if (initargs !== undefined && !Array.isArray(initargs)) throw optionError('initargs', 'an array', initargs);
  if (resourceLimits !== undefined && !plainObject(resourceLimits)) throw optionError('resourceLimits', 'an object', resourceLimits);
  const sizes = workers(checked);
  return {
    ...sizes,
    initializer,
    initargs: initargs === undefined ? [] : [...initargs],
    maxTasksPerChild: count(checked, 'maxTasksPerChild', 1, Infinity, true),
    maxMemoryPerChild: megabytes(checked, 'maxMemoryPerChild'),
    maxQueue: count(checked, 'maxQueue', 1, Infinity, true),
    taskTimeout: duration(checked, 'taskTimeout', false),
    abortGrace: finiteDuration(checked, 'abortGrace'),
    idleTimeout: duration(checked, 'idleTimeout', true),
    retries: count(checked, 'retries', 0, 0, false),
    retryDelay: finiteDuration(checked, 'retryDelay'),
    resourceLimits,
    priorityAging: duration(checked, 'priorityAging', false, DEFAULT_PRIORITY_AGING),
    ...context(checked, sizes.processes),
    concurrentTasksPerWorker: count(checked, 'concurrentTasksPerWorker', 1, 1, false),
  };
}
