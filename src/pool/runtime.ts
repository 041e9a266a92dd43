/**
 * The runtime seam (modelled on tinypool's runtime interface): one shape for
 * a worker whatever runs it, with one message protocol (types.ts).
 * thread_runtime.ts implements it with worker_threads, process_runtime.ts
 * with child_process; runtimes.ts picks one per pool.
 */
import type { FromWorker, ToWorker, Transferable, WorkerInit } from './types.js';

/** What the engine needs from a running worker. */
export interface WorkerRuntime {
  /** threadId for threads, pid for processes (shown in stats). */
  readonly osId: number;
  post(message: ToWorker, transfer: readonly Transferable[]): void;
  /** Stops the worker at once; its exit is still reported through `events.exit`. */
  terminate(): void;
  /** Whether the worker keeps the process alive. */
  ref(): void;
  unref(): void;
}

/** Callbacks a runtime reports through; each fires on the main thread. */
export interface RuntimeEvents {
  message(message: FromWorker): void;
  /** An uncaught error or an out-of-memory stop; `exit` follows. */
  error(error: Error): void;
  /** The worker is gone; `code` is its exit code (null when a signal ended a process, named by `signal`). Fires exactly once. */
  exit(code: number | null, signal?: NodeJS.Signals | null): void;
}

export interface RuntimeOptions {
  init: WorkerInit;
  name: string;
  resourceLimits: Record<string, number> | undefined;
  events: RuntimeEvents;
}

/** A way to start workers: 'thread' (worker_threads) or 'process' (child_process). */
export interface RuntimeKind {
  /** False when SharedArrayBuffers cannot reach the worker (child processes). */
  readonly sharesMemory: boolean;
  /** Context 'inline': workers run on the calling thread and take functions, arguments and results by reference. */
  readonly byReference?: boolean;
  create(options: RuntimeOptions): WorkerRuntime;
}
