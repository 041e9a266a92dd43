/**
 * The worker side of the engine: starting workers, reading their messages,
 * timers, and what a stopped or dead worker's tasks become. The engine (the
 * queue and lifecycle side) owns one and is reached back only through
 * {@link SupervisorHost}, so neither file imports the other's class.
 */
import { BrokenPoolError } from '../errors.js';
import { receiveDone } from './dispatch.js';
import { decodeError } from './error_codec.js';
import type { EngineEmit, WorkerExitCause } from './events.js';
import type { ResolvedOptions } from './options.js';
import type { SharedTable } from './shared_codec.js';
import type { StatsRecorder } from './stats.js';
import { TaskState, type Task } from './task.js';
import type { DoneMessage, FnDef, FromWorker } from './types.js';
import { spawnWorker, WorkerPhase, type WorkerHandle } from './worker_handle.js';
import { crashError, resolveLoss, stopError } from './worker_loss.js';
import { armIdle, armTimeout } from './worker_timers.js';

/** Workers in a row that may die before completing any task before the pool is declared broken. */
export const MAX_STARTUP_FAILURES = 3;

export type EngineState = 'running' | 'closed' | 'terminated' | 'broken';

/** What every worker is started with: the pool's initializer. */
export interface InitData {
  initializer: FnDef | undefined;
  initargs: unknown[];
  initTable: SharedTable | undefined;
}

/** What the supervisor needs from the engine; every call runs on the main thread. */
export interface SupervisorHost {
  state(): EngineState;
  /** Settles a task (success or failure) and reports it to its job. */
  settle(task: Task, ok: boolean, value: unknown): void;
  /** A task whose worker crashed or timed out: sent again (options.retries) or failed with `error`. */
  lost(task: Task, error: Error): void;
  /** Puts tasks a worker never started back at the front of the queue. */
  requeue(tasks: Task[]): void;
  /** Whether tasks are waiting (an idle worker gets its idle timer only when none are). */
  hasQueued(): boolean;
  /** Sends more work, updates refs, finishes a closed pool. */
  dispatch(): void;
  /** Called once the last worker is gone. */
  workersGone(): void;
  /** Workers kept dying at start-up: fail everything with `error`. */
  broken(error: BrokenPoolError): void;
  /** Reports a pool event (workerCreate, workerExit, drain). */
  emit: EngineEmit;
}

/** The workerExit cause for a worker the engine stopped, by its retire reason. */
const EXIT_CAUSES: Record<NonNullable<WorkerHandle['retireReason']>, WorkerExitCause> = {
  idle: 'idle',
  quota: 'maxTasksPerChild',
  memory: 'maxMemoryPerChild',
  close: 'close',
  timeout: 'taskTimeout',
  abort: 'abort',
  terminate: 'terminate',
};

export class Supervisor {
  readonly #options: ResolvedOptions;
  readonly #stats: StatsRecorder;
  readonly #init: InitData;
  readonly #host: SupervisorHost;
  readonly #workers = new Map<number, WorkerHandle>();
  /** Whether workers are ref'd (there is work). */
  #busy = false;
  #nextWorkerId = 1;
  #startupFailures = 0;
  /** Whether any task may have a time limit (taskTimeout, or a call's timeout). */
  #timeouts: boolean;

  constructor(options: ResolvedOptions, stats: StatsRecorder, init: InitData, host: SupervisorHost) {
    this.#options = options;
    this.#stats = stats;
    this.#init = init;
    this.#host = host;
    this.#timeouts = options.taskTimeout !== Infinity;
  }

  /** Live workers (starting, ready or retiring), oldest first. */
  get workers(): ReadonlyMap<number, WorkerHandle> {
    return this.#workers;
  }

  /** The worker holding a dispatched task. */
  holder(task: Task): WorkerHandle | undefined {
    return this.#workers.get(task.workerId);
  }

  #startWorker(): void {
    const worker = spawnWorker(this.#nextWorkerId++, this.#options, this.#init, {
      message: (message) => this.#onMessage(worker, message),
      error: (error) => void (worker.crashCause ??= error),
      exit: (code, signal) => {
        worker.exitSignal = signal ?? null;
        this.#onExit(worker, code);
      },
    });
    this.#workers.set(worker.id, worker);
    if (this.#busy) worker.runtime.ref();
    else worker.runtime.unref();
    this.#host.emit('workerCreate', { workerId: worker.id, osId: worker.runtime.osId, context: this.#options.context });
  }

  /** Workers starting or ready (not retiring), and how many of them are starting. */
  #active(): { active: number; starting: number } {
    let active = 0;
    let starting = 0;
    for (const w of this.#workers.values()) {
      if (w.phase === WorkerPhase.STARTING) starting++;
      if (w.phase === WorkerPhase.STARTING || w.phase === WorkerPhase.READY) active++;
    }
    return { active, starting };
  }

  /**
   * Starts workers until the pool's base size is starting or ready: `minWorkers` when it was given, else every
   * worker (`processes`), as a Python pool does.
   */
  ensureWorkers(): void {
    const base = this.#options.minWorkers ?? this.#options.processes;
    for (let { active } = this.#active(); active < base; active++) this.#startWorker();
  }

  /** `queued` tasks found no worker: starts one per task beyond those already starting, up to `processes` (maxWorkers). */
  grow(queued: number): void {
    // Without minWorkers, ensureWorkers() already keeps every worker up while there is work.
    if (this.#options.minWorkers === undefined) return;
    let { active, starting } = this.#active();
    for (let need = queued - starting; need > 0 && active < this.#options.processes; need--, active++) this.#startWorker();
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
    // Terminating with abortGrace: its task has ended (its results are not wanted), so stop it now.
    if (worker.graceKill !== undefined) {
      if (worker.graceSeqs !== undefined) {
        for (const seq of message.seqs ?? []) worker.graceSeqs.delete(seq);
        if (worker.graceSeqs.size === 0) this.kill(worker, 'terminate');
      } else if (message.first + message.values.length > worker.graceSeq) this.kill(worker, 'terminate');
      return;
    }
    receiveDone(worker, message, this.#stats, (task, ok, value) => {
      // A task that ended within abortGrace after its timeout fails with that timeout whatever it returned.
      if (task.interrupted !== undefined) this.#host.lost(task, task.interrupted);
      else this.#host.settle(task, ok, value);
    });
    // Over maxMemoryPerChild: no more work for it; it is replaced once it has finished what it holds.
    if (message.heapMb !== undefined && message.heapMb > this.#options.maxMemoryPerChild && worker.retireReason === undefined) {
      worker.quota = 0;
      worker.overMemory = true;
    }
    worker.markStarts();
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
      if (worker.quota === 0) this.retire(worker, worker.overMemory ? 'memory' : 'quota');
      else if (!this.#host.hasQueued()) armIdle(worker, this.#options.idleTimeout, () => this.#retireIdle(worker));
    }
    this.#host.dispatch();
  }

  /** From now on tasks are watched for timeouts (a call gave its own `timeout`). */
  watchTimeouts(): void {
    this.#timeouts = true;
  }

  /** Watches the task `worker` runs against its timeout (after tasks were sent to it). */
  watch(worker: WorkerHandle): void {
    worker.markStarts();
    if (this.#timeouts) armTimeout(worker, this.#limitOf, (task, limit) => this.interrupt(worker, task, 'timeout', limit));
  }

  /** A task's time limit: its call's `timeout`, else the pool's taskTimeout. */
  readonly #limitOf = (task: Task): number => task.timeout ?? this.#options.taskTimeout;

  /**
   * `task`, running on `worker`, timed out or was aborted. Without abortGrace the worker is stopped at once. With it,
   * the task's signal fires (an 'abort' message) and the worker is stopped only if the task still runs when the grace
   * ends; a timed-out task that ends in time fails (or is retried) with the TimeoutError all the same.
   */
  interrupt(worker: WorkerHandle, task: Task, reason: 'timeout' | 'abort', limit = this.#limitOf(task)): void {
    const grace = this.#options.abortGrace;
    if (grace === 0 || worker.phase !== WorkerPhase.READY) {
      this.stopFor(worker, task, reason, limit);
      return;
    }
    if (task.interrupted !== undefined) return;
    const error = stopError(reason, worker, limit, task.timeout !== undefined, true);
    task.interrupted = error;
    const seq = task.seq;
    try {
      worker.runtime.post({ type: 'abort', seq, reason: reason === 'abort' ? 'AbortError' : 'TimeoutError', message: error.message }, []);
    } catch {
      // The channel is gone: the worker is exiting, which settles the task.
    }
    const timer = setTimeout(() => {
      if (worker.phase === WorkerPhase.READY && worker.isRunning(seq)) this.stopFor(worker, task, reason, limit);
    }, grace);
    timer.unref();
  }

  /** Stops `worker` because of `task` (overdue or aborted) and settles what it held. */
  stopFor(worker: WorkerHandle, task: Task, reason: 'timeout' | 'abort', limit = this.#limitOf(task)): void {
    worker.stop();
    const held = worker.takeAll();
    worker.crashCause = stopError(reason, worker, limit, task.timeout !== undefined);
    const retryable = reason === 'timeout';
    this.#absorbLoss(worker, held, null, worker.crashCause, retryable, task);
    this.kill(worker, reason);
    if (task.state === TaskState.DISPATCHED) {
      if (retryable) this.#host.lost(task, worker.crashCause);
      else this.#host.settle(task, false, worker.crashCause);
    }
    if (this.#host.state() === 'running') this.ensureWorkers();
    queueMicrotask(() => this.#host.dispatch());
  }

  /**
   * Settles what a stopped worker held (see worker_loss.ts); true when a running task was blamed. With `retryable`
   * (a crash or a timeout, not an abort) the failed tasks may be sent again (options.retries).
   */
  #absorbLoss(worker: WorkerHandle, held: Task[], code: number | null, blame?: Error, retryable = false, culprit?: Task): boolean {
    const { failures, victims, requeue, blamed } = resolveLoss(worker, held, code, blame, culprit);
    for (const [task, error] of failures) {
      if (retryable || victims.has(task)) this.#host.lost(task, error);
      else this.#host.settle(task, false, error);
    }
    this.#host.requeue(requeue);
    return blamed;
  }

  /** idleTimeout passed: the worker stops unless that would leave fewer than minWorkers. */
  #retireIdle(worker: WorkerHandle): void {
    if (this.#active().active <= (this.#options.minWorkers ?? 0)) return;
    this.retire(worker, 'idle');
  }

  retire(worker: WorkerHandle, reason: 'idle' | 'quota' | 'memory' | 'close'): void {
    this.kill(worker, reason);
    if ((reason === 'quota' || reason === 'memory') && this.#host.state() === 'running') this.ensureWorkers();
  }

  /**
   * terminate(): without abortGrace, or with no task running, the worker is stopped at once. Otherwise its running
   * task's signal fires, it starts nothing more, and it is stopped once that task has ended or the grace has passed.
   */
  terminate(worker: WorkerHandle): void {
    const all = worker.phase === WorkerPhase.READY ? worker.runningAll() : [];
    const running = all[0];
    const grace = this.#options.abortGrace;
    if (grace === 0 || running === undefined) {
      this.kill(worker, 'terminate');
      return;
    }
    try {
      for (const { seq } of all)
        worker.runtime.post({ type: 'abort', seq, reason: 'AbortError', message: 'the pool was terminated', halt: true }, []);
    } catch {
      this.kill(worker, 'terminate');
      return;
    }
    if (worker.slots > 1) worker.graceSeqs = new Set(all.map((r) => r.seq));
    worker.stop();
    worker.retireReason = 'terminate';
    worker.phase = WorkerPhase.RETIRING;
    worker.runtime.ref();
    worker.graceSeq = running.seq;
    worker.graceKill = setTimeout(() => this.kill(worker, 'terminate'), grace);
  }

  /**
   * Stops a worker. It is ref'd until its exit is seen, so that a pending
   * join() (or terminate()) keeps the process alive until it resolves.
   */
  kill(worker: WorkerHandle, reason: NonNullable<WorkerHandle['retireReason']>): void {
    if (worker.graceKill !== undefined) clearTimeout(worker.graceKill);
    worker.graceKill = undefined;
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
    this.#workers.delete(worker.id);
    for (const timer of [worker.idleTimer, worker.timeoutTimer, worker.graceKill]) if (timer !== undefined) clearTimeout(timer);
    const held = worker.takeAll();
    if (!intended) this.#onCrash(worker, code, held, wasReady);
    else this.#absorbLoss(worker, held, code);
    if (this.#host.state() === 'running' && !intended) this.ensureWorkers();
    const cause = intended ? EXIT_CAUSES[worker.retireReason!] : 'crash';
    const error = cause === 'crash' || cause === 'taskTimeout' || cause === 'abort' ? worker.crashCause : undefined;
    this.#host.emit('workerExit', { workerId: worker.id, exitCode: code, signal: worker.exitSignal, cause, error });
    this.#host.dispatch();
    if (this.#workers.size === 0) this.#host.workersGone();
  }

  #onCrash(worker: WorkerHandle, code: number | null, held: Task[], wasReady: boolean): void {
    this.#stats.crashes++;
    const blamed = this.#absorbLoss(worker, held, code, undefined, true);
    if (!blamed && worker.completed === 0) this.#startupFailures++;
    if (this.#startupFailures < MAX_STARTUP_FAILURES || this.#host.state() === 'terminated') return;
    const last = crashError(worker, code, false);
    const stage = wasReady ? 'before completing a task' : 'during start-up';
    this.#host.broken(
      new BrokenPoolError(`the pool is broken: ${this.#startupFailures} workers in a row died ${stage} (last: ${last.message})`, {
        cause: worker.crashCause ?? last,
      }),
    );
  }

  /** Workers keep the process alive only while there is work. */
  updateRef(): void {
    let busy = this.#host.hasQueued();
    for (const w of this.#workers.values()) if (w.held > 0) busy = true;
    if (busy === this.#busy) return;
    this.#busy = busy;
    for (const w of this.#workers.values()) {
      if (busy) w.runtime.ref();
      else if (w.phase !== WorkerPhase.RETIRING) w.runtime.unref();
    }
    if (!busy) this.#host.emit('drain');
  }
}
