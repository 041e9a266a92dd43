/**
 * Pool: Python's `multiprocessing.Pool` on worker_threads. This file is the
 * public surface only; the engine (engine.ts) does the scheduling, jobs.ts
 * and imap.ts turn calls into tasks.
 */
import { EventEmitter } from 'node:events';
import { CorepoolTypeError, ErrorCode, PoolStateError } from '../errors.js';
import { resolveChunksize, splitRange } from '../chunking.js';
import { AsyncResult, kSettle, type ResultCallbacks } from './async_result.js';
import { checkArgs, checkCallOptions, checkCount, collect, iteratorOf, type CallOptions } from './call_args.js';
import { Engine, type EngineState } from './engine.js';
import type { EngineEmit, PoolEvents } from './events.js';
import { kernelEntry, type FnEntry } from './fn_source.js';
import { PoolIterator } from './pool_iterator.js';
import { MapJob, startApply, type ProgressCallback, type TaskSink } from './jobs.js';
import { isKernelRef, KernelLane, type KernelRef } from './kernel_refs.js';
import type { TaskRef } from './module_ref.js';
import { resolveOptions, type PoolOptions } from './options.js';
import type { PoolStats } from './stats.js';
import { TaskKind, type TaskKindValue, type Transferable } from './types.js';

/** What a Pool runs: a self-contained function, a `task(url, name)` module reference, or a `kernels.*` reference. */
// biome-ignore lint/suspicious/noExplicitAny: the default accepts any parameter list; unknown[] would refuse (x: number) => … by contravariance
export type PoolFn<A extends any[] = any[], R = unknown> = ((...args: A) => R) | TaskRef | KernelRef;

/** apply / applyAsync options. */
export interface ApplyOptions<R = unknown> extends CallOptions, ResultCallbacks<R> {
  /** ArrayBuffers / MessagePorts in `args` to move to the worker instead of copying (they become unusable here). */
  transfer?: readonly Transferable[] | undefined;
}

/** map / starmap / parallelFor options. */
export interface PoolMapOptions extends CallOptions {
  /** Items per task; 0 or undefined picks CPython's ceil(n / (4 × processes)). */
  chunksize?: number | undefined;
  /** Called on the main thread after each chunk with (items done, total). */
  onProgress?: ProgressCallback | undefined;
}

export interface PoolMapAsyncOptions<R = unknown> extends PoolMapOptions, ResultCallbacks<R[]> {}

/** imap / imapUnordered options. */
export interface IMapOptions extends CallOptions {
  /** Items per task; default 1, as in Python (raise it for many small items). */
  chunksize?: number | undefined;
  /** Most chunks out at once (running or waiting for the consumer); default 64 × processes. */
  buffersize?: number | undefined;
  /** Called after each chunk with (items done, total) — total is undefined until the input is exhausted. */
  onProgress?: ProgressCallback | undefined;
}

/** parallelFor options. */
export interface ParallelForOptions extends CallOptions {
  /** Passed by reference to every block: SharedArrayBuffer-backed arrays (or an object of them) and plain data. */
  shared?: unknown;
  /** Number of index blocks; default `processes` (one per worker). */
  blocks?: number | undefined;
  onProgress?: ProgressCallback | undefined;
}

/** The keys each call's options take (its options interface's), for the unknown-key check. */
const APPLY_KEYS: ReadonlyArray<keyof ApplyOptions> = ['signal', 'timeout', 'priority', 'callback', 'errorCallback', 'transfer'];
const MAP_KEYS: ReadonlyArray<keyof PoolMapOptions> = ['signal', 'timeout', 'priority', 'chunksize', 'onProgress'];
const MAP_ASYNC_KEYS: ReadonlyArray<keyof PoolMapAsyncOptions> = [...MAP_KEYS, 'callback', 'errorCallback'];
const IMAP_KEYS: ReadonlyArray<keyof IMapOptions> = ['signal', 'timeout', 'priority', 'chunksize', 'buffersize', 'onProgress'];
const PARALLEL_FOR_KEYS: ReadonlyArray<keyof ParallelForOptions> = ['signal', 'timeout', 'priority', 'shared', 'blocks', 'onProgress'];

/**
 * Python's `multiprocessing.Pool`. It is also a Node `EventEmitter` of {@link PoolEvents}: `drain`, `workerCreate`,
 * `workerExit`, `taskError` and `backpressure` (`pool.on('workerExit', ({ workerId, exitCode, cause }) => …)`).
 */
export class Pool extends EventEmitter<PoolEvents> implements AsyncDisposable {
  readonly #engine: Engine;
  readonly #lane: KernelLane;

  /**
   * Starts `processes` workers (lazily replaced when they die or retire).
   * Python equivalent: `multiprocessing.Pool(processes, initializer, initargs, maxtasksperchild)`.
   * @param options - see {@link PoolOptions}.
   * @throws TypeError ERR_INVALID_ARG_TYPE when `options` is not an object; TypeError / RangeError ERR_INVALID_OPTION for an
   *   unknown key (`options.taskTimout is not an option of Pool; did you mean taskTimeout?`) or a bad value; TypeError
   *   ERR_FN_NOT_SELF_CONTAINED for an initializer that uses outside variables.
   */
  constructor(options?: PoolOptions) {
    super();
    const resolved = resolveOptions(options);
    this.#engine = new Engine(resolved, ((name: keyof PoolEvents, ...args: unknown[]) =>
      this.emit(name, ...(args as never))) as EngineEmit);
    this.#lane = new KernelLane(resolved.processes, this.#engine);
  }

  /** Most workers at once (`processes`, also called `maxWorkers`); fewer may be alive (see `minWorkers`, `idleTimeout`, stats().workers). */
  get processes(): number {
    return this.#engine.options.processes;
  }

  /** 'running', 'closed' (close() called), 'terminated' or 'broken' (workers kept dying at start-up). */
  get state(): EngineState {
    return this.#engine.state;
  }

  /**
   * Runs `fn(...args)` in a worker. Python equivalent: `Pool.apply(func, args)`.
   * @returns a Promise of fn's result (awaited if fn is async).
   * @throws (rejects) fn's own error re-created (class, message, stack, cause); WorkerCrashedError; TimeoutError ERR_TASK_TIMEOUT;
   *   AbortError; BrokenPoolError; PoolStateError (closed, terminated, ERR_QUEUE_FULL); TypeError ERR_FN_NOT_SELF_CONTAINED / ERR_INVALID_ARG_TYPE;
   *   ERR_INVALID_OPTION for an option the call does not take (every call checks its options this way) or a bad option value.
   */
  apply<A extends unknown[], R>(fn: PoolFn<A, R>, args?: A, options?: ApplyOptions<Awaited<R>>): Promise<Awaited<R>> {
    return this.#apply('Pool.apply', fn, args, options).get();
  }

  /**
   * Starts `fn(...args)` in a worker. Python equivalent: `Pool.apply_async(func, args, callback=, error_callback=)`.
   * @returns an {@link AsyncResult} (awaitable); it fails, never throws, for the errors listed under {@link Pool.apply}.
   */
  applyAsync<A extends unknown[], R>(fn: PoolFn<A, R>, args?: A, options?: ApplyOptions<Awaited<R>>): AsyncResult<Awaited<R>> {
    return this.#apply('Pool.applyAsync', fn, args, options);
  }

  /**
   * Applies `fn` to every item, in chunks, and resolves to the results in input order.
   * Python equivalent: `Pool.map(func, iterable, chunksize)`.
   * @param iterable - any iterable or async iterable (collected first, as Python does).
   * @returns a Promise of the results array.
   * @throws (rejects) the first failure to arrive (remaining chunks are withdrawn), and as {@link Pool.apply}.
   */
  map<T, R>(fn: PoolFn<[T], R>, iterable: Iterable<T> | AsyncIterable<T>, options?: PoolMapOptions): Promise<Array<Awaited<R>>> {
    return this.#mapLike<Awaited<R>>('Pool.map', MAP_KEYS, TaskKind.MAP, fn, iterable, options).get();
  }

  /** Like {@link Pool.map}, returning an AsyncResult. Python equivalent: `Pool.map_async(func, iterable, chunksize, callback, error_callback)`. */
  mapAsync<T, R>(
    fn: PoolFn<[T], R>,
    iterable: Iterable<T> | AsyncIterable<T>,
    options?: PoolMapAsyncOptions<Awaited<R>>,
  ): AsyncResult<Array<Awaited<R>>> {
    return this.#mapLike('Pool.mapAsync', MAP_ASYNC_KEYS, TaskKind.MAP, fn, iterable, options);
  }

  /** `fn(...args)` for each argument tuple, in order. Python equivalent: `Pool.starmap(func, iterable, chunksize)`. */
  starmap<A extends unknown[], R>(
    fn: PoolFn<A, R>,
    iterable: Iterable<A> | AsyncIterable<A>,
    options?: PoolMapOptions,
  ): Promise<Array<Awaited<R>>> {
    return this.#mapLike<Awaited<R>>('Pool.starmap', MAP_KEYS, TaskKind.STARMAP, fn, iterable, options).get();
  }

  /** Like {@link Pool.starmap}, returning an AsyncResult. Python equivalent: `Pool.starmap_async(...)`. */
  starmapAsync<A extends unknown[], R>(
    fn: PoolFn<A, R>,
    iterable: Iterable<A> | AsyncIterable<A>,
    options?: PoolMapAsyncOptions<Awaited<R>>,
  ): AsyncResult<Array<Awaited<R>>> {
    return this.#mapLike('Pool.starmapAsync', MAP_ASYNC_KEYS, TaskKind.STARMAP, fn, iterable, options);
  }

  /**
   * Lazily maps `fn` over `iterable`, yielding results in input order; input is pulled only as results are consumed.
   * Python equivalent: `Pool.imap(func, iterable, chunksize)`.
   * @returns a {@link PoolIterator}; errors surface from its next().
   */
  imap<T, R>(fn: PoolFn<[T], R>, iterable: Iterable<T> | AsyncIterable<T>, options?: IMapOptions): PoolIterator<Awaited<R>> {
    return this.#imap('Pool.imap', true, fn, iterable, options);
  }

  /** Like {@link Pool.imap}, yielding results as they complete. Python equivalent: `Pool.imap_unordered(func, iterable, chunksize)`. */
  imapUnordered<T, R>(fn: PoolFn<[T], R>, iterable: Iterable<T> | AsyncIterable<T>, options?: IMapOptions): PoolIterator<Awaited<R>> {
    return this.#imap('Pool.imapUnordered', false, fn, iterable, options);
  }

  /**
   * Runs `fn(start, end, shared)` over blocks [start, end) covering [0, n), spread over the workers; `shared` is passed by reference
   * (its SharedArrayBuffer-backed arrays are the same memory in every worker). Python equivalent: none (a custom kernel over shared memory).
   * @returns a Promise of each block's return value, in block order.
   * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE when `shared` holds a TypedArray over ordinary memory, RangeError for a bad `n`, and as {@link Pool.apply}.
   */
  parallelFor<R>(n: number, fn: PoolFn<[number, number, unknown], R>, options?: ParallelForOptions): Promise<Array<Awaited<R>>> {
    const result = new AsyncResult<Array<Awaited<R>>>();
    const bad = checkCount(n) ?? checkCallOptions(options, 'Pool.parallelFor', PARALLEL_FOR_KEYS) ?? this.#engine.refusal();
    const entry = bad ?? this.#entry(fn);
    if (entry instanceof Error) return this.#failed(result, entry).get();
    if (entry.kernel !== undefined)
      return Promise.reject(
        new CorepoolTypeError(
          ErrorCode.INVALID_ARG_TYPE,
          'fn must be a function or a task() reference: kernels cannot run over index blocks',
        ),
      );
    const items = splitRange(n, options?.blocks ?? this.processes);
    const plan = {
      kind: TaskKind.RANGE,
      items,
      chunksize: 1,
      shared: options?.shared,
      total: n,
      signal: options?.signal,
      timeout: options?.timeout,
      priority: options?.priority ?? 0,
      onProgress: options?.onProgress,
    };
    new MapJob(result as AsyncResult<unknown[]>, plan).start(this.#sink(entry), this.#engine, entry);
    return result.get();
  }

  /**
   * Rejects every queued task that no worker has started with AbortError (code ABORT_ERR); running tasks are left alone.
   * A task already handed to a worker (in its batch) counts as started. A map whose chunk is cancelled rejects (its other
   * queued chunks are withdrawn); an imap yields the AbortError for each cancelled chunk and goes on with later input.
   * The pool keeps running. Python equivalent: none.
   * @returns how many tasks were cancelled (a map chunk is one task).
   */
  cancelPending(): number {
    return this.#engine.cancelPending() + this.#lane.cancelPending();
  }

  /** No new work; workers exit once the submitted work is done. Python equivalent: `Pool.close()`. */
  close(): void {
    this.#engine.close();
  }

  /**
   * Stops every worker now: queued and running tasks reject with PoolStateError ERR_POOL_TERMINATED. With `abortGrace`,
   * running tasks see their `currentTask().signal` fire and their workers are stopped once they end or the grace has
   * passed. Python equivalent: `Pool.terminate()`.
   * @returns a Promise that resolves once the workers have exited.
   */
  terminate(): Promise<void> {
    this.#engine.terminate();
    return this.#engine.join();
  }

  /**
   * Waits for the workers to exit. Python equivalent: `Pool.join()`.
   * @throws (rejects) PoolStateError ERR_POOL_RUNNING unless close() or terminate() came first (Python raises ValueError).
   */
  join(): Promise<void> {
    if (this.#engine.state === 'running') {
      return Promise.reject(
        new PoolStateError(ErrorCode.POOL_RUNNING, 'join() needs close() or terminate() first: the pool is still running'),
      );
    }
    return this.#engine.join();
  }

  /**
   * `await using pool = new Pool()`: close() then join() — the submitted work finishes first. (Python's `with Pool()` exit calls
   * terminate() instead, which silently drops unfinished async work; call terminate() yourself for that.)
   */
  [Symbol.asyncDispose](): Promise<void> {
    this.close();
    return this.#engine.join();
  }

  /** Counters, per-worker utilisation and run/wait time percentiles. Python equivalent: none. */
  stats(): PoolStats {
    return this.#engine.snapshot();
  }

  #entry(fn: unknown): FnEntry | Error {
    return isKernelRef(fn) ? kernelEntry(fn) : this.#engine.registry.entry(fn);
  }

  #sink(entry: FnEntry): TaskSink {
    return entry.kernel === undefined ? this.#engine : this.#lane;
  }

  #failed<T>(result: AsyncResult<T>, error: Error): AsyncResult<T> {
    result[kSettle](false, error);
    return result;
  }

  #apply<R>(owner: string, fn: unknown, args: unknown, options: ApplyOptions<R> | undefined): AsyncResult<R> {
    const bad = checkCallOptions(options, owner, APPLY_KEYS);
    // Bad options fail the call without running its callbacks, which may be what is bad.
    const result = new AsyncResult<R>(bad === undefined ? options : undefined);
    const argList: unknown = args ?? [];
    const entry = bad ?? checkArgs(argList) ?? this.#engine.refusal() ?? this.#entry(fn);
    if (entry instanceof Error) return this.#failed(result, entry);
    if (entry.kernel === undefined && !this.#engine.hasRoom()) {
      return this.#failed(
        result,
        new PoolStateError(ErrorCode.QUEUE_FULL, `the task queue is full (maxQueue ${this.#engine.options.maxQueue})`),
      );
    }
    const transfer = options?.transfer === undefined ? undefined : [...options.transfer];
    startApply(
      this.#sink(entry),
      result as AsyncResult<unknown>,
      entry,
      argList as unknown[],
      transfer,
      options?.signal,
      options?.priority,
      options?.timeout,
    );
    return result;
  }

  #mapLike<R>(
    owner: string,
    keys: readonly string[],
    kind: TaskKindValue,
    fn: unknown,
    iterable: unknown,
    options: PoolMapAsyncOptions<R> | undefined,
  ): AsyncResult<R[]> {
    const bad = checkCallOptions(options, owner, keys);
    // Bad options fail the call without running its callbacks, which may be what is bad.
    const result = new AsyncResult<R[]>(bad === undefined ? options : undefined);
    const entry = bad ?? this.#engine.refusal() ?? this.#entry(fn);
    if (entry instanceof Error) return this.#failed(result, entry);
    const start = (items: unknown[]): void => {
      const chunksize = resolveChunksize(items.length, this.processes, options?.chunksize);
      const plan = {
        kind,
        items,
        chunksize,
        total: items.length,
        signal: options?.signal,
        timeout: options?.timeout,
        priority: options?.priority ?? 0,
        onProgress: options?.onProgress,
      };
      new MapJob(result as AsyncResult<unknown[]>, plan).start(this.#sink(entry), this.#engine, entry);
    };
    if (Array.isArray(iterable)) start(iterable);
    // The handler must not return the AsyncResult: it is a thenable, and the
    // promise would adopt (and re-reject) it.
    else collect(iterable).then(start, (error: Error) => void this.#failed(result, error));
    return result;
  }

  #imap<R>(owner: string, ordered: boolean, fn: unknown, iterable: unknown, options: IMapOptions | undefined): PoolIterator<R> {
    const bad = checkCallOptions(options, owner, IMAP_KEYS) ?? this.#engine.refusal();
    const entry = bad ?? this.#entry(fn);
    if (entry instanceof Error) return new PoolIterator<R>({ error: entry });
    const it = iteratorOf(iterable);
    if (it instanceof Error) return new PoolIterator<R>({ error: it });
    return new PoolIterator<R>({
      ...it,
      sink: this.#sink(entry),
      engine: this.#engine,
      fn: entry,
      kind: TaskKind.MAP,
      ordered,
      chunksize: options?.chunksize || 1,
      buffersize: options?.buffersize ?? 64 * this.processes,
      signal: options?.signal,
      timeout: options?.timeout,
      priority: options?.priority ?? 0,
      onProgress: options?.onProgress,
    });
  }
}
