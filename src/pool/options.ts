/**
 * Pool options: the public shape and their validation. Errors read
 * `options.X must be …` and carry code ERR_INVALID_OPTION.
 */
import { availableParallelism } from 'node:os';
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import type { TaskRef } from './module_ref.js';
import type { RuntimeKind } from './runtime.js';
import { CONTEXTS, runtimeFor, type PoolContext } from './runtimes.js';

/** Options of `new Pool(options)`. Python equivalent: `multiprocessing.Pool(processes, initializer, initargs, maxtasksperchild)`. */
export interface PoolOptions {
  /** Number of workers; default `os.availableParallelism()`. */
  processes?: number | undefined;
  /** Runs once in each worker before its first task (a self-contained function or a task() reference); may be async. */
  initializer?: ((...args: never[]) => unknown) | TaskRef | undefined;
  /** Arguments of `initializer`. */
  initargs?: readonly unknown[] | undefined;
  /** Replace a worker after it ran this many tasks (a map chunk counts as one); default: never. */
  maxTasksPerChild?: number | null | undefined;
  /**
   * Most tasks waiting for a worker (default Infinity). A single-task call
   * (apply, applyAsync) made when it is full rejects with PoolStateError
   * ERR_QUEUE_FULL; map-like calls wait for room instead of failing.
   */
  maxQueue?: number | undefined;
  /** Ms a task may run (from its start in the worker); past it the worker is stopped and replaced and the task rejects with TimeoutError ERR_TASK_TIMEOUT. */
  taskTimeout?: number | undefined;
  /** Ms a worker may sit idle before it is stopped (it is restarted on demand); default Infinity. */
  idleTimeout?: number | undefined;
  /** Passed to each `Worker` (maxOldGenerationSizeMb, maxYoungGenerationSizeMb, codeRangeSizeMb, stackSizeMb). */
  resourceLimits?: Record<string, number> | undefined;
  /** 'thread' (worker_threads, the default) or 'process' (child_process.fork: crash isolation, no shared memory — a SharedArrayBuffer argument fails with ERR_SHARED_MEMORY_UNAVAILABLE). */
  context?: PoolContext | undefined;
}

/** Validated options with defaults applied. */
export interface ResolvedOptions {
  processes: number;
  initializer: PoolOptions['initializer'];
  initargs: unknown[];
  maxTasksPerChild: number;
  maxQueue: number;
  taskTimeout: number;
  idleTimeout: number;
  resourceLimits: Record<string, number> | undefined;
  context: PoolContext;
  runtime: RuntimeKind;
}

function typeError(message: string): CorepoolTypeError {
  return new CorepoolTypeError(ErrorCode.INVALID_OPTION, message);
}

function rangeError(message: string): CorepoolRangeError {
  return new CorepoolRangeError(ErrorCode.INVALID_OPTION, message);
}

function describe(value: unknown): string {
  return value === null ? 'null' : typeof value === 'number' ? String(value) : typeof value;
}

/** An integer ≥ `min`, or Infinity when allowed; `fallback` when undefined (or null where Python allows None). */
function count(options: PoolOptions, key: keyof PoolOptions, min: number, fallback: number, infinite: boolean): number {
  const value = options[key] as unknown;
  if (value === undefined || (value === null && key === 'maxTasksPerChild')) return fallback;
  const expected = `${infinite ? 'Infinity or ' : ''}an integer >= ${min}`;
  if (typeof value !== 'number') throw typeError(`options.${key} must be ${expected}; got ${describe(value)}`);
  if (value === Infinity && infinite) return value;
  if (!Number.isInteger(value) || value < min) throw rangeError(`options.${key} must be ${expected}; got ${describe(value)}`);
  return value;
}

/** A duration in ms: a number > 0 (or ≥ 0 when `zero`), Infinity allowed. */
function duration(options: PoolOptions, key: keyof PoolOptions, zero: boolean): number {
  const value = options[key] as unknown;
  if (value === undefined) return Infinity;
  const expected = `a number of milliseconds ${zero ? '>= 0' : '> 0'} (or Infinity)`;
  if (typeof value !== 'number') throw typeError(`options.${key} must be ${expected}; got ${describe(value)}`);
  if (Number.isNaN(value) || value < 0 || (value === 0 && !zero)) throw rangeError(`options.${key} must be ${expected}; got ${describe(value)}`);
  return value;
}

function plainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function context(options: PoolOptions): { context: PoolContext; runtime: RuntimeKind } {
  const name = options.context ?? 'thread';
  if (!CONTEXTS.includes(name)) throw typeError(`options.context must be 'thread' or 'process'; got ${describe(name)}`);
  return { context: name, runtime: runtimeFor(name) };
}

/**
 * Checks `options` and applies the defaults.
 * @throws TypeError / RangeError with code ERR_INVALID_OPTION.
 */
export function resolveOptions(options: PoolOptions | undefined): ResolvedOptions {
  if (options === undefined) options = {};
  if (!plainObject(options)) throw typeError(`options must be an object; got ${describe(options)}`);
  const { initializer, initargs, resourceLimits } = options;
  if (initializer !== undefined && typeof initializer !== 'function' && !(typeof initializer === 'object' && initializer !== null)) {
    throw typeError(`options.initializer must be a function or a task() reference; got ${describe(initializer)}`);
  }
  if (initargs !== undefined && !Array.isArray(initargs)) throw typeError(`options.initargs must be an array; got ${describe(initargs)}`);
  if (resourceLimits !== undefined && !plainObject(resourceLimits)) {
    throw typeError(`options.resourceLimits must be an object; got ${describe(resourceLimits)}`);
  }
  return {
    processes: count(options, 'processes', 1, availableParallelism(), false),
    initializer,
    initargs: initargs === undefined ? [] : [...initargs],
    maxTasksPerChild: count(options, 'maxTasksPerChild', 1, Infinity, true),
    maxQueue: count(options, 'maxQueue', 1, Infinity, true),
    taskTimeout: duration(options, 'taskTimeout', false),
    idleTimeout: duration(options, 'idleTimeout', true),
    resourceLimits,
    ...context(options),
  };
}
