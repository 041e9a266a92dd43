/**
 * The 'inline' runtime: Python's ThreadPool for I/O-bound async work. Each
 * pool "worker" is a task loop (the Runner every worker runs) on the calling
 * thread, so every Pool and Executor API works unchanged; `processes: n`
 * workers, each running one task at a time (or concurrentTasksPerWorker), so
 * at most n (× k) tasks are in flight.
 *
 * - Messages go through a queue in both directions and are never delivered
 *   inside `post`: to the runner on a later turn of the event loop
 *   (setImmediate, so a long map of synchronous tasks lets I/O and timers in
 *   between batches), back to the pool on a microtask.
 * - Functions, arguments and results are passed by reference: nothing is
 *   cloned, any function (closures included) runs as it is, and a task's
 *   error reaches the caller as the very value it threw.
 * - A running task cannot be stopped: `terminate()` (a timeout, an abort
 *   without abortGrace, pool.terminate()) starts nothing more on the worker,
 *   fires its running tasks' `currentTask().signal` and reports the worker
 *   gone at once (the calls reject as in the other contexts), but the
 *   abandoned task keeps its seat: a worker started to replace it becomes
 *   ready only once that task has really ended, so "at most n in flight"
 *   holds. (A synchronous task is never interrupted: it runs to its end.)
 */
import { threadId } from 'node:worker_threads';
import { kCurrentTask, type TaskContext } from './current_task.js';
import { encodeError } from './error_codec.js';
import type { RuntimeKind, RuntimeOptions, WorkerRuntime } from './runtime.js';
import { decode } from './shared_codec.js';
import type { FromWorker, ToWorker } from './types.js';
import { Runner } from '../worker/pool_runner.js';
import { currentSlotTask, type TaskSlots } from '../worker/task_slots.js';

type Provider = (() => TaskContext | undefined) & { [kInline]?: true };
const kInline = Symbol('corepool.inlineProvider');

/**
 * currentTask()'s provider on a thread that runs inline workers: the running inline task's context, else what the
 * thread provided before (an inline pool made inside a pool worker's task leaves that task's currentTask() alone).
 */
function inlineProvider(before: Provider | undefined): Provider {
  if (before?.[kInline] === true) return before;
  const provider: Provider = () => currentSlotTask() ?? before?.();
  provider[kInline] = true;
  return provider;
}

/** The pool's n seats: a worker holds one from its start until it is gone and its last task has ended. */
class Seats {
  #free: number;
  readonly #waiting: Array<() => void> = [];

  constructor(count: number) {
    this.#free = count;
  }

  /** Calls `take` once a seat is free (at once when one is). */
  acquire(take: () => void): void {
    if (this.#free > 0) {
      this.#free--;
      take();
    } else this.#waiting.push(take);
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next !== undefined) next();
    else this.#free++;
  }
}

class InlineWorker implements WorkerRuntime {
  readonly osId = threadId;
  readonly #options: RuntimeOptions;
  readonly #seats: Seats;
  readonly #runner: Runner;
  readonly #slots: TaskSlots;
  readonly #inbox: ToWorker[] = [];
  #alive = true;
  #seated = false;
  /** While ref'd (the pool has work): a timer that keeps the process alive, as a ref'd Worker does. */
  #keepAlive: NodeJS.Timeout | undefined;

  constructor(options: RuntimeOptions, seats: Seats) {
    this.#options = options;
    this.#seats = seats;
    const { init } = options;
    const slot = globalThis as Record<symbol, Provider | undefined>;
    const before = slot[kCurrentTask];
    this.#runner = new Runner({ post: (message) => this.#reply(message) }, init.control, undefined, init.workerId);
    // Runners share this thread: currentTask() asks the one store of running tasks, not the last runner made.
    slot[kCurrentTask] = inlineProvider(before);
    this.#slots = this.#runner.runInline(init.concurrency ?? 1);
    this.#slots.onIdle = () => this.#leave();
    seats.acquire(() => {
      this.#seated = true;
      if (this.#alive) void this.#start();
      else this.#leave();
    });
  }

  async #start(): Promise<void> {
    const { init } = this.#options;
    try {
      if (init.initializer !== undefined) {
        this.#runner.fns.define(init.initializer);
        const fn = await this.#runner.fns.get(init.initializer.id);
        await fn(...(decode(init.initargs, init.initTable) as unknown[]));
      }
    } catch (error) {
      this.#reply({ type: 'init-failed', error: encodeError(error) });
      this.#end(1);
      return;
    }
    this.#reply({ type: 'ready' });
  }

  /** Worker → pool, on a microtask (never inside the call that produced it). */
  #reply(message: FromWorker): void {
    if (!this.#alive) return;
    queueMicrotask(() => {
      if (this.#alive) this.#options.events.message(message);
    });
  }

  post(message: ToWorker): void {
    if (!this.#alive) return;
    this.#inbox.push(message);
    if (this.#inbox.length === 1) setImmediate(() => this.#deliver());
  }

  #deliver(): void {
    const messages = this.#inbox.splice(0);
    for (const message of messages) if (this.#alive) this.#runner.receive(message);
  }

  terminate(): void {
    if (!this.#alive) return;
    this.#runner.halt(new DOMException('the pool stopped the worker running this task', 'AbortError'));
    this.#end(null);
  }

  /** The worker is gone for the pool (exit reported on a microtask); its seat is freed once no task of it runs. */
  #end(code: number | null): void {
    this.#alive = false;
    this.#inbox.length = 0;
    queueMicrotask(() => {
      this.#options.events.exit(code);
      this.unref();
    });
    this.#leave();
  }

  #leave(): void {
    if (this.#alive || !this.#seated || this.#slots.size > 0) return;
    this.#seated = false;
    this.#seats.release();
  }

  ref(): void {
    this.#keepAlive ??= setInterval(() => {}, 2 ** 30);
  }

  unref(): void {
    if (this.#keepAlive !== undefined) clearInterval(this.#keepAlive);
    this.#keepAlive = undefined;
  }
}

/** A runtime for one pool of `processes` inline workers (each pool has its own seats). */
export function inlineRuntime(processes: number): RuntimeKind {
  const seats = new Seats(processes);
  return { sharesMemory: true, byReference: true, create: (options) => new InlineWorker(options, seats) };
}
