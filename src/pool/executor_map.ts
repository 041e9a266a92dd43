/**
 * Executor.map: zips the iterables (Python's zip: stops at the shortest),
 * submits one task per `chunksize` tuples, and yields the results in order.
 * Without `buffersize` every chunk is submitted at once, as Python does; with
 * it (Python 3.14) at most `buffersize` chunks are out, one more per result
 * taken. On an error, a timeout or an early return(), the chunks not yet
 * taken by a worker are cancelled.
 */
import { CorepoolTypeError, ErrorCode } from '../errors.js';
import { checkOptions, describeValue, optionError } from '../validate.js';
import { abortError, onAbort } from '../abort.js';
import { checkCallOptions } from './call_args.js';
import { Future, kAbort, kFinish } from './future.js';
import { TaskKind, type TaskKindValue } from './types.js';

/** Executor.map options (the last argument when it is not iterable). */
export interface ExecutorMapOptions {
  /** Ms from the map() call; a result not ready by then makes next() throw TimeoutError. */
  timeout?: number | undefined;
  /** Tuples per task (default 1). */
  chunksize?: number | undefined;
  /** Most chunks submitted and not yet yielded (default: all at once). */
  buffersize?: number | undefined;
  /**
   * Ms each task (a chunk of `chunksize` tuples) may run, from its start in a worker; it overrides the executor's
   * taskTimeout. Past it that chunk fails with TimeoutError ERR_TASK_TIMEOUT (and next() throws it). Unlike `timeout`,
   * queue time does not count.
   */
  taskTimeout?: number | undefined;
  /** Aborting cancels the chunks not started and interrupts the running ones; next() throws AbortError. */
  signal?: AbortSignal | undefined;
  /** Priority of the map's tasks (higher goes first; default 0). */
  priority?: number | undefined;
}

/** What ExecutorMap needs from the executor. */
export interface ChunkSubmitter {
  submitTask(
    fn: unknown,
    kind: TaskKindValue,
    payload: unknown[],
    items: number,
    limits?: { timeout?: number | undefined; priority?: number | undefined },
    signalled?: boolean,
  ): Future<unknown>;
}

interface MapPlan {
  sources: Array<Iterator<unknown> | AsyncIterator<unknown>>;
  options: ExecutorMapOptions;
}

function isIterable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (Symbol.iterator in value || Symbol.asyncIterator in value);
}

const MAP_KEYS: ReadonlyArray<keyof ExecutorMapOptions> = ['timeout', 'chunksize', 'buffersize', 'taskTimeout', 'signal', 'priority'];
const NUMBER_KEYS = ['timeout', 'chunksize', 'buffersize'] as const;

/** Checks a number option: timeout >= 0 (ms), the others integers >= 1. */
function checkNumber(name: keyof ExecutorMapOptions, value: unknown): void {
  if (value === undefined || value === null) return;
  const expected = name === 'timeout' ? '>= 0' : 'an integer >= 1';
  if (typeof value !== 'number' || Number.isNaN(value)) throw optionError(name, name === 'timeout' ? 'a number >= 0' : expected, value);
  if (name !== 'timeout' && (!Number.isInteger(value) || value < 1)) throw optionError(name, expected, value, 'range');
  if (value < 0) throw optionError(name, expected, value, 'range');
}

/** A `timeout` option error reported under map's name for it, `taskTimeout`. */
function renameTimeout(error: Error): Error {
  error.message = error.message.replace(/^options\.timeout /, 'options.taskTimeout ');
  return error;
}

/** Splits map's rest arguments into iterators and options. */
export function splitMapArgs(rest: unknown[]): MapPlan | Error {
  const last = rest[rest.length - 1];
  const hasOptions = rest.length > 0 && !isIterable(last) && typeof last === 'object' && last !== null;
  const iterables = hasOptions ? rest.slice(0, -1) : rest;
  let options: ExecutorMapOptions;
  try {
    options = checkOptions(hasOptions ? last : undefined, 'Executor.map', MAP_KEYS) as ExecutorMapOptions;
    for (const key of NUMBER_KEYS) checkNumber(key, options[key]);
    // The per-task limits are checked as a Pool call's (its `timeout` is this taskTimeout).
    const { taskTimeout, signal, priority } = options;
    const bad = checkCallOptions({ timeout: taskTimeout, signal, priority }, 'Executor.map', ['timeout', 'signal', 'priority']);
    if (bad !== undefined) throw taskTimeout === undefined ? bad : renameTimeout(bad);
  } catch (error) {
    return error as Error;
  }
  const sources: MapPlan['sources'] = [];
  for (const it of iterables) {
    if (!isIterable(it))
      return new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `map arguments must be iterables; got ${describeValue(it)}`);
    const obj = it as Partial<Iterable<unknown> & AsyncIterable<unknown>>;
    sources.push(obj[Symbol.asyncIterator] !== undefined ? obj[Symbol.asyncIterator]!() : obj[Symbol.iterator]!());
  }
  return { sources, options };
}

export class ExecutorMap<R> implements AsyncIterableIterator<R> {
  readonly #executor: ChunkSubmitter;
  readonly #fn: unknown;
  readonly #plan: MapPlan | undefined;
  readonly #deadline: number;
  /** Submitted chunks, oldest first. */
  readonly #chunks: Array<Future<unknown>> = [];
  #ready: unknown[] = [];
  #readyAt = 0;
  #exhausted = false;
  #error: Error | undefined;
  #filling: Promise<void> | undefined;
  #chain: Promise<unknown> = Promise.resolve();
  #unlisten: () => void = () => {};
  /** Stopped (error, abort, return()): a chunk read while that happened is not submitted. */
  #stopped = false;
  /** The chunk next() is waiting on (already out of #chunks). */
  #current: Future<unknown> | undefined;

  constructor(executor: ChunkSubmitter, error: Error | undefined, plan: MapPlan | undefined, fn: unknown) {
    this.#executor = executor;
    this.#fn = fn;
    this.#error = error;
    this.#plan = plan;
    const timeout = plan?.options.timeout;
    this.#deadline = timeout === undefined || timeout === null ? Infinity : performance.now() + timeout;
    const signal = plan?.options.signal;
    if (error === undefined && signal?.aborted) this.#error = abortError(signal);
    else if (error === undefined) {
      this.#unlisten = onAbort(signal, (aborted) => this.#abort(aborted));
      this.#filling = this.#fill();
    }
  }

  /** The map's signal aborted: every chunk out is withdrawn or interrupted and fails with `error`, as next() then does. */
  #abort(error: Error): void {
    const chunks = this.#current === undefined ? [...this.#chunks] : [this.#current, ...this.#chunks];
    this.#stop();
    for (const chunk of chunks) chunk[kAbort](error);
    this.#error ??= error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<R>> {
    // Calls are served one at a time, like a generator's.
    const result = this.#chain.then(() => this.#next());
    this.#chain = result.catch(() => undefined);
    return result;
  }

  /** Stops early: chunks no worker has taken are cancelled. */
  async return(): Promise<IteratorResult<R>> {
    this.#stop();
    return { done: true, value: undefined };
  }

  async #next(): Promise<IteratorResult<R>> {
    if (this.#error !== undefined) throw this.#error;
    if (this.#readyAt < this.#ready.length) return { done: false, value: this.#ready[this.#readyAt++] as R };
    await this.#filling;
    const chunk = this.#chunks.shift();
    if (chunk === undefined) return this.#finish();
    if (this.#plan!.options.buffersize !== undefined) this.#filling = this.#fill();
    try {
      const remaining = this.#deadline === Infinity ? undefined : Math.max(0, this.#deadline - performance.now());
      this.#current = chunk;
      const value = await chunk.result(remaining).finally(() => {
        this.#current = undefined;
      });
      if ((this.#plan!.options.chunksize ?? 1) === 1) return { done: false, value: value as R };
      // Chunks of numbers come back packed in a Float64Array (packing.ts).
      this.#ready = Array.isArray(value) ? value : Array.from(value as ArrayLike<unknown>);
      this.#readyAt = 0;
      return this.#next();
    } catch (error) {
      this.#stop();
      this.#error = error as Error;
      throw error;
    }
  }

  #finish(): IteratorResult<R> {
    this.#unlisten();
    this.#error = undefined;
    this.#exhausted = true;
    return { done: true, value: undefined };
  }

  #stop(): void {
    this.#unlisten();
    this.#stopped = true;
    this.#exhausted = true;
    for (const chunk of this.#chunks.splice(0)) chunk.cancel();
    this.#ready = [];
    this.#readyAt = 0;
  }

  /** Submits chunks until the input ends or `buffersize` chunks are out. */
  async #fill(): Promise<void> {
    const { options } = this.#plan!;
    const chunksize = options.chunksize ?? 1;
    const limit = options.buffersize ?? Infinity;
    try {
      while (!this.#exhausted && this.#chunks.length < limit) {
        const tuples = await this.#take(chunksize);
        if (this.#stopped) break;
        if (tuples.length > 0) this.#chunks.push(this.#submit(tuples, chunksize));
        if (tuples.length < chunksize) this.#exhausted = true;
      }
    } catch (error) {
      this.#exhausted = true;
      this.#chunks.push(failedChunk(error));
    }
  }

  #submit(tuples: unknown[][], chunksize: number): Future<unknown> {
    const { taskTimeout, priority, signal } = this.#plan!.options;
    const limits = { timeout: taskTimeout, priority };
    if (chunksize === 1) return this.#executor.submitTask(this.#fn, TaskKind.APPLY, tuples[0]!, 1, limits, signal !== undefined);
    return this.#executor.submitTask(this.#fn, TaskKind.STARMAP, tuples, tuples.length, limits, signal !== undefined);
  }

  /** Up to `n` zipped tuples; fewer once the shortest iterable ends. */
  async #take(n: number): Promise<unknown[][]> {
    const out: unknown[][] = [];
    const { sources } = this.#plan!;
    if (sources.length === 0) return out;
    while (out.length < n) {
      const tuple: unknown[] = [];
      for (const source of sources) {
        const step = await source.next();
        if (step.done === true) return out;
        tuple.push(step.value);
      }
      out.push(tuple);
    }
    return out;
  }
}

/** A chunk standing for an input iterable that threw: its error surfaces in order. */
function failedChunk(error: unknown): Future<unknown> {
  const future = new Future<unknown>();
  future[kFinish](false, error);
  return future;
}
