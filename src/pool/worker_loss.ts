/**
 * What becomes of the tasks a worker held when it stops (a crash, a
 * timeout, an abort). The control block tells exactly which task was
 * running, so:
 * - the running task is the one to blame (it gets the crash, timeout or abort error);
 * - tasks the worker finished but whose results had not reached the pool are
 *   lost with it and reject with WorkerCrashedError (they never run twice);
 * - tasks it never started go back to the front of the queue, untouched.
 * With concurrentTasksPerWorker > 1 several tasks may be running: when the
 * worker is stopped for one of them (its timeout or abort), that one gets the
 * timeout or abort error and the others running beside it fail as in a
 * crash (WorkerCrashedError "while running this task", its cause the stop
 * error), retried under options.retries like any crash victim.
 */
import { AbortError, ErrorCode, TimeoutError, WorkerCrashedError } from '../errors.js';
import { TaskState, type Task } from './task.js';
import type { WorkerHandle } from './worker_handle.js';

export interface HeldSplit {
  /** Tasks running when the worker stopped (at most one unless concurrentTasksPerWorker > 1). */
  running: Task[];
  lost: Task[];
  unstarted: Task[];
}

export function splitHeld(worker: WorkerHandle, held: readonly Task[]): HeldSplit {
  const running = worker.runningAll();
  const last = worker.lastStarted();
  const split: HeldSplit = { running: [], lost: [], unstarted: [] };
  for (const task of held) {
    if (task.seq > last) split.unstarted.push(task);
    else if (running.some((r) => r.seq === task.seq)) split.running.push(task);
    else split.lost.push(task);
  }
  return split;
}

/** The error for a task that was running in (or finished inside) a worker that died. */
export function crashError(worker: WorkerHandle, exitCode: number | null, running: boolean): WorkerCrashedError {
  const cause = worker.crashCause;
  const signal = worker.exitSignal;
  const how = signal !== null ? `was killed by ${signal}` : exitCode === null ? 'was stopped' : `exited with code ${exitCode}`;
  const what = running ? 'while running this task' : "before this task's result reached the pool";
  const detail = cause === undefined ? '' : `: ${cause.message}`;
  return new WorkerCrashedError(worker.id, exitCode, `pool worker ${worker.id} ${how} ${what}${detail}`, {
    ...(cause === undefined ? {} : { cause }),
    signal,
  });
}

/** The error for the task a worker was stopped (or is being interrupted) for; `limit` is the timeout it passed. */
export function stopError(reason: 'timeout' | 'abort', worker: WorkerHandle, limit: number, own = false, grace = false): Error {
  const fate = `its worker ${worker.id} ${grace ? 'asked it to stop' : 'was stopped'}`;
  if (reason === 'abort') return new AbortError(`The operation was aborted; ${grace ? fate : 'the worker running it was stopped'}`);
  return new TimeoutError(ErrorCode.TASK_TIMEOUT, `the task ran longer than ${own ? 'its timeout' : 'taskTimeout'} (${limit} ms); ${fate}`);
}

/**
 * What to do with the tasks a stopped worker held: the running one fails with
 * `blame` (its timeout or abort error) or, for a crash, a WorkerCrashedError;
 * finished-but-undelivered ones fail with WorkerCrashedError; the rest go
 * back to the queue. Tasks already withdrawn are left alone. With `culprit`
 * (the task the worker was stopped for) only that one gets `blame`; other
 * running tasks are `victims`: they fail with WorkerCrashedError and may be retried.
 */
export function resolveLoss(
  worker: WorkerHandle,
  held: readonly Task[],
  exitCode: number | null,
  blame?: Error,
  culprit?: Task,
): { failures: Array<[Task, Error]>; victims: Set<Task>; requeue: Task[]; blamed: boolean } {
  const live = (t: Task): boolean => t.state === TaskState.DISPATCHED;
  const split = splitHeld(worker, held);
  const failures: Array<[Task, Error]> = split.lost.filter(live).map((t) => [t, crashError(worker, exitCode, false)]);
  const victims = new Set<Task>();
  for (const task of split.running.filter(live).reverse()) {
    const own = culprit === undefined || task === culprit;
    if (!own) victims.add(task);
    failures.unshift([task, own ? (blame ?? crashError(worker, exitCode, true)) : crashError(worker, exitCode, true)]);
  }
  return { failures, victims, requeue: split.unstarted.filter(live), blamed: split.running.length > 0 };
}
