/**
 * Process: Python's multiprocessing.Process on a worker thread (default) or
 * a forked child process.
 */
import { CorepoolError, CorepoolTypeError, ErrorCode } from '../errors.js';
import { shapeFn, type FnShape } from '../pool/fn_source.js';
import { isTaskRef } from '../pool/module_ref.js';
import { encode } from '../pool/shared_codec.js';
import { kShare } from '../shared/shareable.js';
import { checkOptions, optionError } from '../validate.js';
import { trackChild } from './current.js';
import { startRuntime, type ProcessRuntime } from './runtime.js';

/** Options of `new Process(...)`. Python equivalent: `Process(target, args, name, daemon)`. */
export interface ProcessOptions {
  /** A self-contained function or a `task(url, name)` reference; omitted, the process does nothing. */
  target?: ((...args: never[]) => unknown) | import('../pool/module_ref.js').TaskRef;
  /** Arguments for the target; shared objects (Value, Lock, Queue…) arrive as the same object in 'thread' context. */
  args?: unknown[];
  /** Default `Process-<n>`. */
  name?: string;
  /** Daemon processes are stopped when the parent exits; others keep it alive. Default false. */
  daemon?: boolean;
  /** 'thread' (worker_threads, default) or 'process' (child_process.fork: no shared memory). */
  context?: 'thread' | 'process';
}

let counter = 0;

function stateError(message: string): CorepoolError {
  return new CorepoolError(ErrorCode.PROCESS_STATE, message);
}

function hasShareable(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null || depth > 32) return false;
  if (typeof (value as { [kShare]?: unknown })[kShare] === 'function') return true;
  const items = Array.isArray(value) ? value : Object.getPrototypeOf(value) === Object.prototype ? Object.values(value) : [];
  return items.some((v) => hasShareable(v, depth + 1));
}

const PROCESS_KEYS: readonly string[] = ['target', 'args', 'name', 'daemon', 'context'];

interface Validated {
  target: FnShape | undefined;
  args: unknown[];
  name: string | undefined;
  daemon: boolean | undefined;
  context: 'thread' | 'process';
}

function validate(options: ProcessOptions | undefined): Validated {
  const o = checkOptions(options, 'Process', PROCESS_KEYS) as ProcessOptions;
  const { args = [], name, daemon, context = 'thread' } = o;
  if (!Array.isArray(args)) throw optionError('args', 'an array', args);
  if (name !== undefined && typeof name !== 'string') throw optionError('name', 'a string', name);
  if (daemon !== undefined && typeof daemon !== 'boolean') throw optionError('daemon', 'a boolean', daemon);
  if (context !== 'thread' && context !== 'process') throw optionError('context', "'thread' or 'process'", context);
  if (context === 'process' && hasShareable(args)) {
    throw new CorepoolTypeError(
      ErrorCode.SHARED_MEMORY_UNAVAILABLE,
      "options.args must not hold shared objects (Value, Lock, Queue, Pipe…) with context 'process': a child process shares no memory; use context 'thread'",
    );
  }
  if (o.target === undefined) return { target: undefined, args, name, daemon, context };
  if (typeof o.target !== 'function' && !isTaskRef(o.target)) throw optionError('target', 'a function or a task() reference', o.target);
  const target = shapeFn(o.target, 'options.target');
  if (target instanceof Error) throw target;
  return { target, args, name, daemon, context };
}

/**
 * A target running in its own worker thread (or child process) with its own
 * event loop, started with {@link Process.start} and awaited with {@link Process.join}.
 * Python equivalent: `multiprocessing.Process`.
 */
export class Process {
  readonly #target: FnShape | undefined;
  readonly #args: unknown[];
  readonly #context: 'thread' | 'process';
  #name: string;
  #daemon: boolean;
  #runtime: ProcessRuntime | undefined;
  #exitCode: number | null = null;
  #exited: Promise<void> | undefined;
  #closed = false;

  /**
   * @param options - target, args, name, daemon, context ({@link ProcessOptions}).
   * @throws TypeError ERR_FN_NOT_SELF_CONTAINED for a closure target (naming its free variables),
   *   ERR_SHARED_MEMORY_UNAVAILABLE for shared objects with context 'process', ERR_INVALID_ARG_TYPE for a
   *   non-object `options`, ERR_INVALID_OPTION for an unknown option or a bad value.
   */
  constructor(options?: ProcessOptions) {
    const { target, args, name, daemon, context } = validate(options);
    this.#target = target;
    this.#args = args;
    this.#context = context;
    this.#name = name ?? `Process-${++counter}`;
    this.#daemon = daemon ?? false;
  }

  /** The process's name (settable). Python equivalent: `p.name`. */
  get name(): string {
    return this.#name;
  }

  set name(value: string) {
    if (typeof value !== 'string') throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, 'name must be a string');
    this.#name = value;
  }

  /** Whether the process is stopped when the parent exits; set before start(). Python equivalent: `p.daemon`. */
  get daemon(): boolean {
    return this.#daemon;
  }

  set daemon(value: boolean) {
    if (this.#runtime !== undefined) throw stateError('process has already started');
    this.#daemon = Boolean(value);
  }

  /** 'thread' or 'process'. */
  get context(): 'thread' | 'process' {
    return this.#context;
  }

  /** Thread id ('thread') or pid ('process'); null before start(). Python equivalent: `p.ident` / `p.pid`. */
  get ident(): number | null {
    return this.#runtime?.ident ?? null;
  }

  /**
   * null while running or before start; 0 for success; 1 for an error in the
   * target; n for process.exit(n); -15 after terminate(), -9 after kill().
   * Python equivalent: `p.exitcode`.
   */
  get exitCode(): number | null {
    return this.#exitCode;
  }

  /**
   * Starts the target in a new worker. Python equivalent: `p.start()`.
   * @throws ERR_PROCESS_STATE when already started or closed.
   */
  start(): void {
    this.#checkOpen();
    if (this.#runtime !== undefined) throw stateError('cannot start a process twice');
    const { value, table } = this.#context === 'thread' ? encode(this.#args) : { value: this.#args, table: undefined };
    const init = {
      type: 'corepool:process-init',
      target: this.#target,
      args: value as unknown[],
      argsTable: table,
      name: this.#name,
      daemon: this.#daemon,
    } as const;
    let done!: () => void;
    const exited = new Promise<void>((resolve) => (done = resolve));
    this.#runtime = startRuntime(this.#context, init, (code) => {
      this.#exitCode = code;
      done();
    });
    // Set only once the worker exists: a start() that threw leaves the Process unstarted.
    this.#exited = exited;
    if (this.#daemon) this.#runtime.setRef(false);
    trackChild(this);
  }

  /**
   * Waits for the process to end, or `timeoutMs` to pass. Never throws synchronously.
   * Python equivalent: `p.join(timeout)`.
   * @param timeoutMs - how long to wait (ms); undefined or null waits for the end.
   * @returns a promise of undefined, also on timeout (check exitCode or isAlive()).
   * @throws (rejects) ERR_PROCESS_STATE when not started or closed.
   */
  join(timeoutMs?: number | null): Promise<undefined> {
    if (this.#closed) return Promise.reject(stateError('process object is closed'));
    if (this.#exited === undefined) return Promise.reject(stateError('can only join a started process'));
    const exited = this.#exited.then(() => undefined);
    if (timeoutMs === undefined || timeoutMs === null) return exited;
    if (typeof timeoutMs !== 'number' || !(timeoutMs >= 0)) {
      return Promise.reject(new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, 'timeoutMs must be a non-negative number'));
    }
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs, undefined);
      void exited.then(() => {
        clearTimeout(timer);
        resolve(undefined);
      });
    });
  }

  /** Started and not yet ended. Python equivalent: `p.is_alive()`. */
  isAlive(): boolean {
    this.#checkOpen();
    return this.#runtime !== undefined && this.#exitCode === null;
  }

  /**
   * Stops the process at once (its exitCode becomes -15). Python equivalent: `p.terminate()`.
   * Shared locks it held are handled by the owner-death rule of Lock (see README).
   */
  terminate(): void {
    this.#checkOpen();
    if (this.#exitCode === null) this.#runtime?.stop('SIGTERM');
  }

  /** Like terminate(); exitCode -9 (a child process gets SIGKILL). Python equivalent: `p.kill()`. */
  kill(): void {
    this.#checkOpen();
    if (this.#exitCode === null) this.#runtime?.stop('SIGKILL');
  }

  /**
   * Releases the Process object; later calls to most methods throw.
   * Python equivalent: `p.close()`.
   * @throws ERR_PROCESS_STATE while the process is still running.
   */
  close(): void {
    if (this.#runtime !== undefined && this.#exitCode === null)
      throw stateError('cannot close a process while it is still running; join() or terminate() it first');
    this.#closed = true;
  }

  /** `<Process name=… ident=… exitCode=…>`, like Python's repr. */
  toString(): string {
    const state = this.#runtime === undefined ? 'initial' : this.#exitCode === null ? 'started' : `stopped exitCode=${this.#exitCode}`;
    return `<Process name='${this.#name}' ${state}${this.#daemon ? ' daemon' : ''}>`;
  }

  #checkOpen(): void {
    if (this.#closed) throw stateError('process object is closed');
  }
}
