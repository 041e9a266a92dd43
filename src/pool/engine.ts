/**
 * The task engine behind Pool and Executor: a FIFO of tasks, batching
 * dispatch to the workers, and the pool's lifecycle (close, terminate,
 * join). It owns a Supervisor (supervisor.ts) for the workers themselves.
 * Public classes wrap it; it knows nothing of apply, map or AsyncResult.
 */
import { AbortError, ErrorCode, MaybeEncodingError, PoolStateError, WorkerCrashedError } from '../errors.js';
import { buildRun, commit, pendingWork, takeBatch } from './dispatch.js';
import type { EngineEmit } from './events.js';
import { FnRegistry } from './fn_source.js';
import type { ResolvedOptions } from './options.js';
import { encode } from './shared_codec.js';
import { culprit } from './type_name.js';
import { snapshot, StatsRecorder, type PoolStats } from './stats.js';
import { Supervisor, type EngineState } from './supervisor.js';
import { kDone, kFailed, TaskState, type Task } from './task.js';
import { TaskQueue } from './task_queue.js';
import { WorkerPhase, type WorkerHandle } from './worker_handle.js';

export { MAX_STARTUP_FAILURES, type EngineState } from './supervisor.js';

/** A job that may still submit tasks (a lazy imap, a map waiting for queue room). */
export interface Feeder {
  /** join() was called: stop holding input back so the pool can finish. */
  drain(): void;
  /** terminate() was called: fail what it holds outside the engine (kernel calls). */
  terminate?(error: Error): void;
}

export class Engine {
  readonly registry = new FnRegistry();
  readonly options: ResolvedOptions;
  readonly stats = new StatsRecorder();
  readonly #supervisor: Supervisor;
  readonly #queue: TaskQueue;
  /** Tasks waiting out options.retryDelay before they go back to the queue. */
  readonly #retrying = new Map<Task, NodeJS.Timeout>();
  readonly #feeders = new Set<Feeder>();
  readonly #roomWaiters: Array<() => void> = [];
  readonly #exitWaiters: Array<() => void> = [];
  #state: EngineState = 'running';
  #failure: Error | undefined;
  #scheduled = false;
  #draining = false;
  readonly #listener: EngineEmit | undefined;
  /** Events raised while the constructor runs, reported on the next microtask (no listener can exist yet). */
  #early: Array<() => void> | undefined;

  /** @param listener - receives the pool's events (Pool passes its EventEmitter's emit; Executor none). */
  constructor(options: ResolvedOptions, listener?: EngineEmit) {
    this.options = options;
    this.#listener = listener;
    if (listener !== undefined) {
      this.#early = [];
      queueMicrotask(() => {
        const early = this.#early!;
        this.#early = undefined;
        for (const report of early) report();
      });
    }
    this.#queue = new TaskQueue(options.priorityAging);
    this.registry.byReference = options.runtime.byReference === true;
    const init = options.initializer === undefined ? undefined : this.registry.entry(options.initializer, 'options.initializer');
    if (init instanceof Error) throw init;
    const initargs = encode(options.initargs);
    const initData = { initializer: init?.def, initargs: initargs.value as unknown[], initTable: initargs.table };
    this.#supervisor = new Supervisor(options, this.stats, initData, {
      state: () => this.#state,
      settle: (task, ok, value) => this.#settle(task, ok, value),
      lost: (task, error) => this.#lost(task, error),
      requeue: (tasks) => this.#requeue(tasks),
      hasQueued: () => this.#queue.size > 0 || this.#retrying.size > 0,
      dispatch: () => this.#dispatch(),
      workersGone: () => this.#workersGone(),
      broken: (error) => {
        this.#state = 'broken';
        this.#failAll(error);
      },
      emit: this.emit,
    });
    this.#supervisor.ensureWorkers();
  }

  get state(): EngineState {
    return this.#state;
  }

  /** Reports an event to the pool's listeners; a listener's exception is rethrown asynchronously, never into the engine. */
  readonly emit: EngineEmit = (name, ...args) => {
    const listener = this.#listener;
    if (listener === undefined) return;
    if (this.#early !== undefined) {
      this.#early.push(() => this.emit(name, ...args));
      return;
    }
    try {
      listener(name, ...args);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  };

  /** Why new work is refused, or undefined while the pool accepts it. */
  refusal(): Error | undefined {
    if (this.#state === 'running') return undefined;
    if (this.#state === 'broken') return this.#failure;
    if (this.#state === 'terminated') return new PoolStateError(ErrorCode.POOL_NOT_RUNNING, 'the pool was terminated');
    return new PoolStateError(ErrorCode.POOL_NOT_RUNNING, 'the pool is closed: it takes no new work');
  }

  get queued(): number {
    return this.#queue.size + this.#retrying.size;
  }

  hasRoom(): boolean {
    return this.#queue.size < this.options.maxQueue;
  }

  /** Resolves once the queue has room or the pool stops. */
  waitForRoom(): Promise<void> {
    if (this.hasRoom() || this.#stopped()) return Promise.resolve();
    return new Promise((resolve) => this.#roomWaiters.push(resolve));
  }

  /** Queues a task; once the pool has stopped, the task fails at once. */
  submit(task: Task): void {
    const refused = task.failure ?? (this.#stopped() ? this.refusal() : undefined);
    if (refused !== undefined) {
      task.state = TaskState.SETTLED;
      task.job[kFailed](task, refused);
      return;
    }
    task.submittedAt = performance.now();
    if (task.timeout !== undefined) this.#supervisor.watchTimeouts();
    this.#queue.push(task);
    if (this.#queue.size === this.options.maxQueue)
      this.emit('backpressure', { queued: this.#queue.size, maxQueue: this.options.maxQueue });
    this.#schedule();
  }

  /**
   * Withdraws a task (its call was aborted or already failed): the job is not
   * called back for it. A queued task is dropped; one handed to a worker is
   * skipped there if it has not started (the call's shared flag is set); one
   * running stops its worker, which is replaced, when `stopRunning`.
   */
  cancel(task: Task, stopRunning: boolean): void {
    const timer = this.#retrying.get(task);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.#retrying.delete(task);
      task.state = TaskState.CANCELLED;
    }
    if (timer !== undefined || this.#queue.remove(task)) {
      // The queue may be empty now: dispatch() reports 'drain' then.
      this.#schedule();
      return;
    }
    if (task.state !== TaskState.DISPATCHED) return;
    task.state = TaskState.CANCELLED;
    const worker = this.#supervisor.holder(task);
    if (stopRunning && worker?.isRunning(task.seq)) this.#supervisor.interrupt(worker, task, 'abort');
  }

  /**
   * Rejects every task still in the queue (not handed to a worker yet) with
   * AbortError; tasks handed to a worker are left to finish.
   * @returns how many tasks were rejected.
   */
  cancelPending(): number {
    const tasks = [...this.#takeRetrying(), ...this.#queue.drain()];
    // Withdrawn first, so a map failing on its first chunk does not try to withdraw the others again.
    for (const task of tasks) task.state = TaskState.CANCELLED;
    for (const task of tasks) this.#settle(task, false, new AbortError('The task was cancelled by cancelPending() before it started'));
    for (const wake of this.#roomWaiters.splice(0)) wake();
    this.#schedule();
    return tasks.length;
  }

  /** Whether a worker is executing `task` right now (Executor's Future.running()). */
  isRunning(task: Task): boolean {
    return task.state === TaskState.DISPATCHED && this.#supervisor.holder(task)?.isRunning(task.seq) === true;
  }

  addFeeder(feeder: Feeder): void {
    this.#feeders.add(feeder);
    if (this.#draining) feeder.drain();
  }

  removeFeeder(feeder: Feeder): void {
    if (!this.#feeders.delete(feeder)) return;
    this.#maybeFinish();
    this.#workersGone();
  }

  close(): void {
    if (this.#state === 'running') this.#state = 'closed';
    this.#maybeFinish();
  }

  /** Stops every worker now; queued and running tasks reject with ERR_POOL_TERMINATED. */
  terminate(): void {
    if (this.#state === 'terminated') return;
    this.#state = 'terminated';
    const error = new PoolStateError(ErrorCode.POOL_TERMINATED, 'the pool was terminated before this task finished');
    this.#failAll(error);
    for (const feeder of [...this.#feeders]) feeder.terminate?.(error);
  }

  /** Resolves once every worker has exited (after close or terminate); lazy feeders are drained. */
  join(): Promise<void> {
    this.#draining = true;
    for (const feeder of [...this.#feeders]) feeder.drain();
    this.#maybeFinish();
    if (this.#supervisor.workers.size === 0 && this.#feeders.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#exitWaiters.push(resolve));
  }

  snapshot(): PoolStats {
    return snapshot(this.options.processes, this.#supervisor.workers, this.stats, this.queued);
  }

  /** The tasks waiting to be retried, their timers cleared. */
  #takeRetrying(): Task[] {
    const tasks = [...this.#retrying.keys()];
    for (const timer of this.#retrying.values()) clearTimeout(timer);
    this.#retrying.clear();
    return tasks;
  }

  /**
   * A task whose worker crashed or timed out: while it has retries left it goes back to the front of the
   * queue (after retryDelay ms), else it fails with `error`.
   */
  /** Puts a lost worker's unstarted tasks back in the queue; one whose arguments were transferred to it fails instead. */
  #requeue(tasks: Task[]): void {
    const again = tasks.filter((task) => task.transfer === undefined);
    this.#queue.pushFront(again);
    if (again.length === tasks.length) return;
    for (const task of tasks) {
      if (task.transfer === undefined) continue;
      const error = new WorkerCrashedError(
        task.workerId,
        null,
        `worker ${task.workerId} was lost before it started this call, and the call's transferred arguments went with it, so it cannot be sent again`,
      );
      this.#settle(task, false, error);
    }
  }

  #lost(task: Task, error: Error): void {
    // Transferred arguments left with the lost worker: nothing is left to send again.
    if (task.attempts >= this.options.retries || this.#stopped() || task.transfer !== undefined) {
      this.#settle(task, false, error);
      return;
    }
    task.attempts++;
    this.stats.retries++;
    task.state = TaskState.QUEUED;
    task.interrupted = undefined;
    if (this.options.retryDelay === 0) {
      this.#queue.pushFront([task]);
      this.#schedule();
      return;
    }
    const timer = setTimeout(() => {
      if (!this.#retrying.delete(task)) return;
      this.#queue.pushFront([task]);
      this.#schedule();
    }, this.options.retryDelay);
    this.#retrying.set(task, timer);
  }

  #stopped(): boolean {
    return this.#state === 'terminated' || this.#state === 'broken';
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => this.#dispatch());
  }

  #dispatch(): void {
    this.#scheduled = false;
    if (this.#queue.size > 0 && !this.#stopped()) {
      this.#supervisor.ensureWorkers();
      const ready = [...this.#supervisor.workers.values()].filter((w) => w.phase === WorkerPhase.READY && w.quota > 0);
      ready.sort((a, b) => a.pendingMs - b.pendingMs);
      // Idle workers first, each within its budget only, so that no task waits in line behind another
      // worker's running one while a worker sits idle; then the rest may also take one task in line.
      this.#share(
        ready.filter((w) => w.held === 0),
        false,
      );
      if (this.#queue.size >= ready.length) this.#share(ready, true);
      // Work no worker could take: start more, up to maxWorkers.
      if (this.#queue.size > 0) this.#supervisor.grow(this.#queue.size);
      if (this.#roomWaiters.length > 0 && this.hasRoom()) for (const wake of this.#roomWaiters.splice(0)) wake();
    }
    if (this.#queue.size === 0 && !this.#stopped()) this.#steal();
    this.#supervisor.updateRef();
    this.#maybeFinish();
  }

  /** Hands queued tasks to `workers` (least loaded first), an equal share each. */
  #share(workers: readonly WorkerHandle[], prefetch: boolean): void {
    let left = workers.length;
    for (const worker of workers) {
      if (this.#queue.size === 0) break;
      this.#send(worker, takeBatch(this.#queue, worker, Math.ceil(this.#queue.size / left--), prefetch));
    }
  }

  /**
   * With nothing queued, an idle worker takes tasks that another worker holds
   * but has not started (the half of them furthest back), so a task never
   * waits behind a long one while a worker is free. Thread workers only: a
   * process has no claim ring (see WorkerHandle.steal).
   */
  #steal(): void {
    const workers = [...this.#supervisor.workers.values()].filter((w) => w.phase === WorkerPhase.READY);
    for (const thief of workers) {
      if (thief.held > 0 || thief.quota === 0 || !thief.claims) continue;
      let victim: WorkerHandle | undefined;
      for (const w of workers) if (w !== thief && w.held > 1 && (victim === undefined || w.held > victim.held)) victim = w;
      if (victim === undefined) return;
      const stolen = victim.steal(Math.ceil((victim.held - 1) / 2));
      if (stolen.length === 0) continue;
      victim.pendingMs = pendingWork(victim);
      this.stats.steals += stolen.length;
      this.#queue.pushFront(stolen);
      this.#send(thief, takeBatch(this.#queue, thief, stolen.length, false));
      // What the thief could not take within its budget goes to whoever is free next.
    }
  }

  /**
   * Cancels `task`, handed to a worker, if that worker has not started it
   * (Future.cancel()); the worker then skips it. False when it has started,
   * or when its worker cannot be told in time (a process worker).
   */
  cancelUnstarted(task: Task): boolean {
    if (task.state !== TaskState.DISPATCHED) return false;
    const worker = this.#supervisor.holder(task);
    if (worker === undefined || !worker.cancelUnstarted(task)) return false;
    task.state = TaskState.CANCELLED;
    return true;
  }

  #send(worker: WorkerHandle, tasks: Task[]): void {
    if (tasks.length === 0) return;
    if (worker.idleTimer !== undefined) clearTimeout(worker.idleTimer);
    worker.idleTimer = undefined;
    const { message, transfer, newDefs } = buildRun(worker, tasks);
    try {
      worker.runtime.post(message, transfer);
    } catch (error) {
      if (tasks.length === 1) {
        this.#settle(tasks[0]!, false, argumentError(tasks[0]!, error));
        return;
      }
      // One task's payload could not be cloned: send them one by one so only
      // the guilty ones fail. They go back to the queue first, where a
      // failure's fail-fast can withdraw the others (see TaskQueue.remove).
      this.#queue.pushFront(tasks);
      for (const task of tasks) {
        if (this.#queue.peek() !== task) continue;
        this.#queue.shift();
        this.#send(worker, [task]);
      }
      return;
    }
    const now = performance.now();
    // Once per task: one stolen from another worker, or sent again after a crash, already had its wait counted.
    for (const task of tasks) if (task.workerId < 0) this.stats.wait.add(now - task.submittedAt);
    commit(worker, tasks, newDefs, now);
    this.#supervisor.watch(worker);
  }

  #settle(task: Task, ok: boolean, value: unknown): void {
    task.state = TaskState.SETTLED;
    if (ok) {
      this.stats.completed++;
      task.job[kDone](task, value);
    } else {
      this.stats.failed++;
      this.emit('taskError', { error: value, workerId: task.workerId < 0 ? undefined : task.workerId });
      task.job[kFailed](task, value);
    }
  }

  /** Rejects everything queued or held with `error` and stops every worker. */
  #failAll(error: Error): void {
    if (this.#state === 'broken') this.#failure = error;
    for (const task of [...this.#takeRetrying(), ...this.#queue.drain()]) this.#settle(task, false, error);
    for (const worker of this.#supervisor.workers.values()) {
      for (const task of worker.takeAll()) if (task.state === TaskState.DISPATCHED) this.#settle(task, false, error);
      if (worker.phase === WorkerPhase.RETIRING) continue;
      if (this.#state === 'terminated') this.#supervisor.terminate(worker);
      else this.#supervisor.kill(worker, 'terminate');
    }
    for (const wake of this.#roomWaiters.splice(0)) wake();
    this.#supervisor.updateRef();
  }

  /** After close(): once no work is left, let the workers go. */
  #maybeFinish(): void {
    if (this.#state !== 'closed' || this.#feeders.size > 0 || this.#queue.size > 0 || this.#retrying.size > 0) return;
    const workers = [...this.#supervisor.workers.values()];
    for (const w of workers) if (w.held > 0) return;
    for (const w of workers) if (w.phase === WorkerPhase.STARTING || w.phase === WorkerPhase.READY) this.#supervisor.retire(w, 'close');
    this.#workersGone();
  }

  /** Wakes join() once the pool has stopped and nothing is left running. */
  #workersGone(): void {
    if (this.#supervisor.workers.size === 0 && this.#feeders.size === 0 && this.#state !== 'running') {
      for (const done of this.#exitWaiters.splice(0)) done();
    }
  }
}

/** Why a task's message could not be posted: a coded error of ours as it is, else a MaybeEncodingError naming the payload. */
function argumentError(task: Task, error: unknown): Error {
  if (typeof (error as { code?: unknown })?.code === 'string') return error as Error;
  return new MaybeEncodingError(ErrorCode.ARG_NOT_CLONEABLE, culprit(task.payload), { cause: error });
}
