/**
 * The worker side of the engine: starting workers, reading their messages,
 * timers, and what a stopped or dead worker's tasks become. Engine (the
 * queue side) extends it and supplies the hooks. Split from engine.ts to
 * keep each part small; neither is used on its own.
 */
import { BrokenPoolError } from '../errors.js';
import { receiveDone } from './dispatch.js';
import { decodeError } from './error_codec.js';
import type { FnDef } from './types.js';
import type { SharedTable } from './shared_codec.js';
import type { ResolvedOptions } from './options.js';
import type { StatsRecorder } from './stats.js';
import { TaskState, type Task } from './task.js';
import type { DoneMessage, FromWorker } from './types.js';
import { spawnWorker, WorkerPhase, type WorkerHandle } from './worker_handle.js';
import { crashError, resolveLoss, stopError } from './worker_loss.js';
import { armIdle, armTimeout } from './worker_timers.js';

/** Workers in a row that may die before completing any task before the pool is declared broken. */
export const MAX_STARTUP_FAILURES = 3;

export type EngineState = 'running' | 'closed' | 'terminated' | 'broken';

export abstract class Supervisor {
  readonly options: ResolvedOptions;
  protected readonly workers = new Set<WorkerHandle>();
  protected engineState: EngineState = 'running';
  /** Whether workers are ref'd (there is work). */
  protected busy = false;
  #nextWorkerId = 1;
  #startupFailures = 0;

  constructor(options: ResolvedOptions, protected readonly stats: StatsRecorder) {
    this.options = options;
  }

  /** Settles a task (success or failure) and reports it to its job. */
  protected abstract settle(task: Task, ok: boolean, value: unknown): void;
  /** Puts tasks a worker never started back at the front of the queue. */
  protected abstract requeue(tasks: Task[]): void;
  /** Whether tasks are waiting (an idle worker gets its idle timer only when none are). */
  protected abstract hasQueued(): boolean;
  /** Sends more work, updates refs, finishes a closed pool. */
  protected abstract dispatch(): void;
  /** Called once the last worker is gone. */
  protected abstract workersGone(): void;
  /** Fails everything queued or held and stops the workers. */
  protected abstract failAll(error: Error): void;
  /** The initializer every worker runs. */
  protected abstract initData(): { initializer: FnDef | undefined; initargs: unknown[]; initTable: SharedTable | undefined };

  protected startWorker(): void {
    const worker = spawnWorker(this.#nextWorkerId++, this.options, this.initData(), {
      message: (message) => this.#onMessage(worker, message),
      error: (error) => void (worker.crashCause ??= error),
      exit: (code, signal) => {
        worker.exitSignal = signal ?? null;
        this.#onExit(worker, code);
      },
    });
    this.workers.add(worker);
    if (this.busy) worker.runtime.ref();
    else worker.runtime.unref();
  }

  /** Starts workers until `processes` are starting or ready. */
  protected ensureWorkers(): void {
    let active = 0;
    for (const w of this.workers) if (w.phase === WorkerPhase.STARTING || w.phase === WorkerPhase.READY) active++;
    for (; active < this.options.processes; active++) this.startWorker();
  }

  #onMessage(worker: WorkerHandle, message: FromWorker): void {
    if (message.type === 'done') this.#onDone(worker, message);
    else if (message.type === 'ready') {
      if (worker.phase !== WorkerPhase.STARTING) return;
      worker.phase = WorkerPhase.READY;
      this.#afterChange(worker);
    } else {
      worker.crashCause = decodeError(message.error) as Error;
    }
  }

  #onDone(worker: WorkerHandle, message: DoneMessage): void {
    if (worker.phase === WorkerPhase.EXITED) return;
    receiveDone(worker, message, this.stats, (task, ok, value) => this.settle(task, ok, value));
    this.#startupFailures = 0;
    this.#afterChange(worker);
  }

  /** After a worker's load changed: retire, go idle, dispatch more. */
  #afterChange(worker: WorkerHandle): void {
    if (worker.held === 0 && worker.timeoutTimer !== undefined) {
      clearTimeout(worker.timeoutTimer);
      worker.timeoutTimer = undefined;
    }
    if (worker.phase === WorkerPhase.READY && worker.held === 0) {
      if (worker.quota === 0) this.retire(worker, 'quota');
      else if (!this.hasQueued()) armIdle(worker, this.options.idleTimeout, () => this.retire(worker, 'idle'));
    }
    this.dispatch();
  }

  /** Watches the task `worker` runs against taskTimeout (after tasks were sent to it). */
  protected watch(worker: WorkerHandle): void {
    armTimeout(worker, this.options.taskTimeout, (task) => this.stopFor(worker, task, 'timeout'));
  }

  /** Stops `worker` because of `task` (overdue or aborted) and settles what it held. */
  protected stopFor(worker: WorkerHandle, task: Task, reason: 'timeout' | 'abort'): void {
    worker.stop();
    const held = worker.takeAll();
    worker.crashCause = stopError(reason, worker, this.options.taskTimeout);
    this.#absorbLoss(worker, held, null, worker.crashCause);
    this.kill(worker, reason);
    if (task.state === TaskState.DISPATCHED) this.settle(task, false, worker.crashCause);
    if (this.engineState === 'running') this.ensureWorkers();
    queueMicrotask(() => this.dispatch());
  }

  /** Settles what a stopped worker held (see worker_loss.ts); true when a running task was blamed. */
  #absorbLoss(worker: WorkerHandle, held: Task[], code: number | null, blame?: Error): boolean {
    const { failures, requeue, blamed } = resolveLoss(worker, held, code, blame);
    for (const [task, error] of failures) this.settle(task, false, error);
    this.requeue(requeue);
    return blamed;
  }

  protected retire(worker: WorkerHandle, reason: 'idle' | 'quota' | 'close'): void {
    this.kill(worker, reason);
    if (reason === 'quota' && this.engineState === 'running') this.ensureWorkers();
  }

  /**
   * Stops a worker. It is ref'd until its exit is seen, so that a pending
   * join() (or terminate()) keeps the process alive until it resolves.
   */
  protected kill(worker: WorkerHandle, reason: NonNullable<WorkerHandle['retireReason']>): void {
    worker.stop();
    worker.retireReason = reason;
    worker.phase = WorkerPhase.RETIRING;
    worker.runtime.ref();
    worker.runtime.terminate();
  }

  #onExit(worker: WorkerHandle, code: number | null): void {
    const wasReady = worker.phase === WorkerPhase.READY;
    const intended = worker.retireReason !== undefined;
    worker.phase = WorkerPhase.EXITED;
    this.workers.delete(worker);
    for (const timer of [worker.idleTimer, worker.timeoutTimer]) if (timer !== undefined) clearTimeout(timer);
    const held = worker.takeAll();
    if (!intended) this.#onCrash(worker, code, held, wasReady);
    else this.#absorbLoss(worker, held, code);
    if (this.engineState === 'running' && !intended) this.ensureWorkers();
    this.dispatch();
    if (this.workers.size === 0) this.workersGone();
  }

  #onCrash(worker: WorkerHandle, code: number | null, held: Task[], wasReady: boolean): void {
    this.stats.crashes++;
    const blamed = this.#absorbLoss(worker, held, code);
    if (!blamed && worker.completed === 0) this.#startupFailures++;
    if (this.#startupFailures < MAX_STARTUP_FAILURES || this.engineState === 'terminated') return;
    const last = crashError(worker, code, false);
    const stage = wasReady ? 'before completing a task' : 'during start-up';
    this.engineState = 'broken';
    this.failAll(new BrokenPoolError(`the pool is broken: ${this.#startupFailures} workers in a row died ${stage} (last: ${last.message})`, { cause: worker.crashCause ?? last }));
  }

  /** Workers keep the process alive only while there is work. */
  protected updateRef(): void {
    let busy = this.hasQueued();
    for (const w of this.workers) if (w.held > 0) busy = true;
    if (busy === this.busy) return;
    this.busy = busy;
    for (const w of this.workers) {
      if (busy) w.runtime.ref();
      else if (w.phase !== WorkerPhase.RETIRING) w.runtime.unref();
    }
  }
}
