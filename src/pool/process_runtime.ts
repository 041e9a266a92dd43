/**
 * The 'process' runtime: each pool worker is a child_process.fork child
 * running dist/pool_child.js, with the thread runtime's protocol over the IPC
 * channel (advanced serialization, so typed arrays, Maps, errors… survive).
 * A crash takes down only that child. runtimes.ts picks it for
 * `context: 'process'`.
 *
 * No memory is shared: there is no control block, transfer lists become
 * copies, and a SharedArrayBuffer (or a shareable Lock/Queue/Value built on
 * one) in a task's arguments fails that task with ERR_SHARED_MEMORY_UNAVAILABLE.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CorepoolTypeError, ErrorCode } from '../errors.js';
import { childExecArgv } from '../exec_argv.js';
import type { RuntimeKind, RuntimeOptions, WorkerRuntime } from './runtime.js';
import type { FromWorker, ToWorker } from './types.js';
import type { SharedTable } from './shared_codec.js';

const ENTRY = fileURLToPath(new URL('./pool_child.js', import.meta.url));

/** Where in `value` a SharedArrayBuffer sits ('' at the top), or undefined. */
export function findShared(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value !== 'object' || value === null || depth > 64) return undefined;
  if (value instanceof SharedArrayBuffer) return path;
  if (ArrayBuffer.isView(value)) return value.buffer instanceof SharedArrayBuffer ? path : undefined;
  if (value instanceof ArrayBuffer) return undefined;
  if (value instanceof Map) {
    for (const [k, v] of value) {
      const hit = findShared(k, `${path}<key>`, depth + 1) ?? findShared(v, `${path}.get(${String(k)})`, depth + 1);
      if (hit !== undefined) return hit;
    }
    return undefined;
  }
  const entries = value instanceof Set ? [...value].entries() : Object.entries(value);
  for (const [k, v] of entries) {
    const hit = findShared(v, `${path}[${String(k)}]`, depth + 1);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** Where the first shared object a table lists was, as '[0][key]'. */
function tablePath(table: SharedTable | undefined): string | undefined {
  return table?.[0]?.[0].map((key) => `[${String(key)}]`).join('');
}

/** The error for shared memory headed into a child process. */
export function sharedMemoryError(where: string): CorepoolTypeError {
  return new CorepoolTypeError(
    ErrorCode.SHARED_MEMORY_UNAVAILABLE,
    `a SharedArrayBuffer (or a shareable object built on one: Lock, Queue, Value, a SAB-backed typed array…) cannot cross into a child process (context 'process'), found at ${where}; use context 'thread' to share memory`,
  );
}

/**
 * Node flags for the child: the parent's (a TS loader reaches the workers
 * too) without those that pick the entry script (see exec_argv.ts), plus the heap limit.
 */
function execArgv(limits: Record<string, number> | undefined): string[] {
  const args = childExecArgv();
  const heap = limits?.maxOldGenerationSizeMb;
  if (heap !== undefined) args.push(`--max-old-space-size=${heap}`);
  return args;
}

class ProcessRuntime implements WorkerRuntime {
  readonly #child: ChildProcess;
  #exited = false;

  constructor(options: RuntimeOptions) {
    const where = tablePath(options.init.initTable) ?? findShared(options.init.initargs);
    if (where !== undefined) throw sharedMemoryError(`options.initargs${where}`);
    const { events } = options;
    this.#child = fork(ENTRY, [], { serialization: 'advanced', execArgv: execArgv(options.resourceLimits), stdio: 'inherit' });
    const exit = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (this.#exited) return;
      this.#exited = true;
      events.exit(code, signal);
    };
    this.#child.on('message', (message: FromWorker) => events.message(message));
    this.#child.on('error', (error: Error) => {
      events.error(error);
      // A child that never started reports no 'exit'.
      if (this.#child.pid === undefined) exit(1, null);
    });
    this.#child.on('exit', exit);
    this.#child.send({ ...options.init, control: undefined });
  }

  get osId(): number {
    return this.#child.pid ?? -1;
  }

  post(message: ToWorker): void {
    if (message.type === 'abort') {
      this.#child.send(message);
      return;
    }
    const table = message.tables?.find((t) => t !== undefined);
    const where = tablePath(table) ?? findShared(message.payloads)?.replace(/^\[\d+\]/, '');
    if (where !== undefined) throw sharedMemoryError(`the task arguments${where}`);
    // The skip flags live in shared memory; a cancelled task's result is dropped by the pool instead.
    this.#child.send({ ...message, flags: undefined });
  }

  terminate(): void {
    if (!this.#exited) this.#child.kill('SIGKILL');
  }

  ref(): void {
    this.#child.ref();
    (this.#child.channel as { ref?: () => void } | undefined)?.ref?.();
  }

  unref(): void {
    this.#child.unref();
    (this.#child.channel as { unref?: () => void } | undefined)?.unref?.();
  }
}

/** Workers in child processes: crash isolation, no shared memory. */
export const processRuntime: RuntimeKind = { sharesMemory: false, create: (options) => new ProcessRuntime(options) };
