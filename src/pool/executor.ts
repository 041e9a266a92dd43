/**
 * Executor: Python's concurrent.futures.ProcessPoolExecutor over the pool
 * engine. Each submit() is one engine task whose job is its Future; map()
 * lives in executor_map.ts, asCompleted/wait in executor_wait.ts.
 */
import { availableParallelism } from 'node:os';
import { ErrorCode, PoolStateError } from '../errors.js';
import { abortError, abortFlag, onAbort } from '../abort.js';
import { checkOptions, optionError } from '../validate.js';
import { checkCallOptions, type CallOptions } from './call_args.js';
import { Engine } from './engine.js';
import { kernelEntry, type FnEntry } from './fn_source.js';
import { Future, kAbort, kBind, kFinish, kListen } from './future.js';
import { isKernelRef, KernelLane } from './kernel_refs.js';
import { resolveOptions, type PoolOptions } from './options.js';
import type { PoolFn } from './pool.js';
import { makeTask, TaskState, type Task } from './task.js';
import { TaskKind, type TaskKindValue } from './types.js';
import { ExecutorMap, splitMapArgs, type ExecutorMapOptions } from './executor_map.js';

/** Options of `new Executor(options)`. Python equivalent: `ProcessPoolExecutor(max_workers, initializer=, initargs=, max_tasks_per_child=)`. */
export interface ExecutorOptions {
  /** Number of workers; default `os.availableParallelism()`. */
  maxWorkers?: number | undefined;
  /** Runs once in each worker before its first task (self-contained function or task() reference). */
  initializer?: PoolOptions['initializer'];
  initargs?: readonly unknown[] | undefined;
  /** Replace a worker after this many tasks; default never. */
  maxTasksPerChild?: number | null | undefined;
  /**
   * 'thread' (default), 'process' (child processes, for crash isolation) or 'inline': Python's ThreadPoolExecutor, calls
   * run on the calling thread, at most `maxWorkers` at once, any function (closures included), values by reference;
   * see Pool's {@link PoolOptions.context}.
   */
  context?: PoolOptions['context'];
  /**
   * Ms a call may run, from its start in a worker (queue time does not count); past it its future fails with
   * TimeoutError ERR_TASK_TIMEOUT and the worker is replaced (see `abortGrace`). A call's own `timeout`
   * (submitWith, map's `taskTimeout`) overrides it. Default Infinity.
   */
  taskTimeout?: number | undefined;
  /** Ms an aborted or timed-out call may take to wind down (its `currentTask().signal` fires) before its worker is stopped; default 0. As Pool's. */
  abortGrace?: number | undefined;
  /** Ms a worker may sit idle before it is stopped (restarted on demand); default Infinity. */
  idleTimeout?: number | undefined;
  /** Passed to each `Worker` (maxOldGenerationSizeMb, maxYoungGenerationSizeMb, codeRangeSizeMb, stackSizeMb); 'thread' context only. */
  resourceLimits?: Record<string, number> | undefined;
  /** Most async calls one worker runs at once (default 1); see Pool's {@link PoolOptions.concurrentTasksPerWorker}. */
  concurrentTasksPerWorker?: number | undefined;
}

/** submitWith() options: the call's limits. */
export type SubmitOptions = CallOptions;

/** shutdown() options. */
export interface ShutdownOptions {
  /** Wait for the submitted work and the workers' exit (default true). */
  wait?: boolean | undefined;
  /** Cancel the futures no worker has taken yet (default false). */
  cancelFutures?: boolean | undefined;
}

const EXECUTOR_KEYS: ReadonlyArray<keyof ExecutorOptions> = [
  'maxWorkers',
  'initializer',
  'initargs',
  'maxTasksPerChild',
  'context',
  'taskTimeout',
  'abortGrace',
  'idleTimeout',
  'resourceLimits',
  'concurrentTasksPerWorker',
];
const SUBMIT_KEYS: ReadonlyArray<keyof SubmitOptions> = ['signal', 'timeout', 'priority'];
const SHUTDOWN_KEYS: ReadonlyArray<keyof ShutdownOptions> = ['wait', 'cancelFutures'];

/** Checks the Executor's options and maps them onto the Pool's (the checks of the shared ones live in options.ts). */
function resolveExecutorOptions(options: ExecutorOptions | undefined): ReturnType<typeof resolveOptions> {
  const checked = checkOptions(options, 'Executor', EXECUTOR_KEYS) as ExecutorOptions;
  const max = checked.maxWorkers;
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max)))
    throw optionError('maxWorkers', 'an integer', max, typeof max === 'number' ? 'range' : 'type');
  if (max !== undefined && max < 1) throw optionError('maxWorkers', 'greater than 0', max, 'range');
  return resolveOptions({
    processes: max ?? availableParallelism(),
    initializer: checked.initializer,
    initargs: checked.initargs,
    maxTasksPerChild: checked.maxTasksPerChild,
    context: checked.context,
    taskTimeout: checked.taskTimeout,
    abortGrace: checked.abortGrace,
    idleTimeout: checked.idleTimeout,
    resourceLimits: checked.resourceLimits,
    concurrentTasksPerWorker: checked.concurrentTasksPerWorker,
  });
}

/** shutdown()'s options, or the error to reject with. */
function checkShutdown(options: unknown): ShutdownOptions | Error {
  try {
    const checked = checkOptions(options, 'Executor.shutdown', SHUTDOWN_KEYS) as ShutdownOptions;
    for (const key of SHUTDOWN_KEYS)
      if (checked[key] !== undefined && typeof checked[key] !== 'boolean') throw optionError(key, 'a boolean', checked[key]);
    return checked;
  } catch (error) {
    return error as Error;
  }
}

export class Executor implements AsyncDisposable {
  readonly #engine: Engine;
  readonly #lane: KernelLane;
  /** Futures not done yet, for shutdown({ cancelFutures }). */
  readonly #pending = new Set<Future<unknown>>();
  #shutdown = false;

  /**
   * Starts `maxWorkers` workers. Python equivalent: `concurrent.futures.ProcessPoolExecutor(...)`.
   * @param options - see {@link ExecutorOptions}.
   * @throws TypeError ERR_INVALID_ARG_TYPE when `options` is not an object; TypeError / RangeError ERR_INVALID_OPTION for
   *   an unknown key (`options.maxWorker is not an option of Executor; did you mean maxWorkers?`) or a bad value (`options.maxWorkers must be …`).
   */
  constructor(options?: ExecutorOptions) {
    const resolved = resolveExecutorOptions(options);
    this.#engine = new Engine(resolved);
    this.#lane = new KernelLane(resolved.processes, this.#engine);
  }

  /** Number of workers. */
  get maxWorkers(): number {
    return this.#engine.options.processes;
  }

  /**
   * Schedules `fn(...args)` on a worker. Python equivalent: `Executor.submit(fn, *args)`.
   * @returns a {@link Future}. After shutdown, or for a bad fn, the future is already failed (Python raises
   *   RuntimeError at once; here nothing throws, as for every awaitable call).
   */
  submit<A extends unknown[], R>(fn: PoolFn<A, R>, ...args: A): Future<Awaited<R>> {
    return this.submitTask(fn, TaskKind.APPLY, args, 1) as Future<Awaited<R>>;
  }

  /**
   * Maps `fn` over the iterables zipped (stopping at the shortest), yielding results in order.
   * Python equivalent: `Executor.map(fn, *iterables, timeout=, chunksize=, buffersize=)`.
   * @param rest - the iterables (sync or async), then optionally `{ timeout, chunksize, buffersize }`.
   * @returns an async iterator; without buffersize every item is submitted at once, as in Python.
   * @throws (from next()) the first failed call's error (the rest are cancelled), TimeoutError ERR_TIMEOUT once `timeout` ms have
   *   passed since the call, PoolStateError after shutdown.
   */
  /**
   * Like {@link Executor.submit}, with the call's limits: `timeout` (ms from the call's start in a worker; the future
   * fails with TimeoutError ERR_TASK_TIMEOUT), `signal` (aborting withdraws the call, or interrupts it when running;
   * the future fails with AbortError) and `priority` (higher goes first, as for Pool calls). Python equivalent: none.
   * @returns a {@link Future}; bad options (ERR_INVALID_OPTION) fail it at once.
   */
  submitWith<A extends unknown[], R>(options: SubmitOptions, fn: PoolFn<A, R>, ...args: A): Future<Awaited<R>> {
    const bad = checkCallOptions(options, 'Executor.submitWith', SUBMIT_KEYS);
    if (bad !== undefined) {
      const future = new Future<Awaited<R>>();
      future[kFinish](false, bad);
      return future;
    }
    return this.submitTask(fn, TaskKind.APPLY, args, 1, options) as Future<Awaited<R>>;
  }

  map<R>(
    fn: PoolFn<never[], R>,
    ...rest: Array<Iterable<unknown> | AsyncIterable<unknown> | ExecutorMapOptions>
  ): AsyncIterableIterator<Awaited<R>> {
    const split = splitMapArgs(rest);
    const entry = split instanceof Error ? split : (this.#refusal() ?? this.#entry(fn));
    return new ExecutorMap<Awaited<R>>(this, entry instanceof Error ? entry : undefined, split instanceof Error ? undefined : split, fn);
  }

  /**
   * Stops taking work. Python equivalent: `Executor.shutdown(wait=True, cancel_futures=False)`.
   * @returns a Promise that resolves once the work is done and the workers have exited (at once when `wait` is false).
   * @throws (rejects) ERR_INVALID_ARG_TYPE / ERR_INVALID_OPTION for bad options, before anything is shut down.
   */
  shutdown(options?: ShutdownOptions): Promise<void> {
    const checked = checkShutdown(options);
    if (checked instanceof Error) return Promise.reject(checked);
    this.#shutdown = true;
    if (checked.cancelFutures === true) for (const f of [...this.#pending]) f.cancel();
    this.#engine.close();
    const joined = this.#engine.join();
    return checked.wait === false ? Promise.resolve() : joined;
  }

  /**
   * Cancels every future no worker has taken yet (each becomes cancelled: CancelledError), as `shutdown({ cancelFutures: true })`
   * does, but the executor keeps running. A call a thread worker holds but has not started is cancelled too (the worker skips it);
   * a call handed to a process worker counts as running and is left alone. Python equivalent: none.
   * @returns how many futures were cancelled.
   */
  cancelPending(): number {
    let cancelled = 0;
    for (const f of [...this.#pending]) if (!f.done() && f.cancel()) cancelled++;
    return cancelled;
  }

  /** `await using executor = new Executor()`: shutdown({ wait: true }), as Python's `with` block. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.shutdown({ wait: true });
  }

  /**
   * Internal (executor_map.ts): submits one task and returns its Future. With `limits.signal` the future listens to
   * it; `signalled` says the caller (a map) wires the abort itself through the future's kAbort.
   */
  submitTask(
    fn: unknown,
    kind: TaskKindValue,
    payload: unknown[],
    items: number,
    limits?: SubmitOptions,
    signalled = false,
  ): Future<unknown> {
    const future = new Future<unknown>();
    const signal = limits?.signal;
    const entry = this.#refusal() ?? (signal?.aborted ? abortError(signal) : undefined) ?? this.#entry(fn);
    if (entry instanceof Error) {
      future[kFinish](false, entry);
      return future;
    }
    const abortable = signal !== undefined || signalled;
    const task = makeTask(entry, kind, payload, items, future, 0, undefined, abortable ? abortFlag() : undefined);
    if (limits?.priority !== undefined) task.priority = limits.priority;
    task.timeout = limits?.timeout;
    this.#track(future, task, entry);
    if (signal !== undefined) future[kListen](onAbort(signal, (error) => future[kAbort](error)));
    (entry.kernel === undefined ? this.#engine : this.#lane).submit(task);
    return future;
  }

  #track(future: Future<unknown>, task: Task, entry: FnEntry): void {
    const sink = entry.kernel === undefined ? this.#engine : this.#lane;
    future[kBind]({
      running: () => (entry.kernel === undefined ? this.#engine.isRunning(task) : task.state === TaskState.DISPATCHED),
      withdraw: () => {
        // Handed to a thread worker but not started: the worker is told to skip it, so it never runs (as in Python).
        if (task.state === TaskState.DISPATCHED) return entry.kernel === undefined && this.#engine.cancelUnstarted(task);
        if (task.state !== TaskState.QUEUED) return false;
        sink.cancel(task, false);
        task.state = TaskState.CANCELLED;
        return true;
      },
      abort: () => {
        if (task.flag !== undefined) Atomics.store(task.flag, 0, 1);
        if (task.state === TaskState.QUEUED || task.state === TaskState.DISPATCHED) sink.cancel(task, true);
      },
    });
    this.#pending.add(future);
    future[kListen](() => this.#pending.delete(future));
  }

  #entry(fn: unknown): FnEntry | Error {
    return isKernelRef(fn) ? kernelEntry(fn) : this.#engine.registry.entry(fn);
  }

  #refusal(): Error | undefined {
    if (this.#shutdown) return new PoolStateError(ErrorCode.POOL_NOT_RUNNING, 'cannot schedule new futures after shutdown');
    return this.#engine.refusal();
  }
}
