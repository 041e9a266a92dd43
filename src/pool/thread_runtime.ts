/**
 * The 'thread' runtime: each pool worker is a worker_threads Worker running
 * dist/pool_worker.js. runtimes.ts picks it for `context: 'thread'`.
 */
import type { Worker } from 'node:worker_threads';
import { newWorker } from '../exec_argv.js';
import type { RuntimeKind, RuntimeOptions, WorkerRuntime } from './runtime.js';
import type { FromWorker, ToWorker, Transferable } from './types.js';

const ENTRY = new URL('./pool_worker.js', import.meta.url);

class ThreadRuntime implements WorkerRuntime {
  readonly #worker: Worker;

  constructor(options: RuntimeOptions) {
    const { events } = options;
    this.#worker = newWorker(ENTRY, {
      name: options.name,
      workerData: options.init,
      ...(options.resourceLimits === undefined ? {} : { resourceLimits: options.resourceLimits }),
    });
    this.#worker.on('message', (message: FromWorker) => events.message(message));
    this.#worker.on('error', (error: Error) => events.error(error));
    this.#worker.on('exit', (code: number) => events.exit(code));
  }

  get osId(): number {
    return this.#worker.threadId;
  }

  post(message: ToWorker, transfer: readonly Transferable[]): void {
    this.#worker.postMessage(message, [...transfer]);
  }

  terminate(): void {
    void this.#worker.terminate();
  }

  ref(): void {
    this.#worker.ref();
  }

  unref(): void {
    this.#worker.unref();
  }
}

/** Workers on threads of this process: they share memory with the pool. */
export const threadRuntime: RuntimeKind = { sharesMemory: true, create: (options) => new ThreadRuntime(options) };
