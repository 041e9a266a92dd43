/**
 * What becomes of the tasks a worker held when it stops (a crash, a
 * timeout, an abort). The control block tells exactly which task was
 * running, so:
 * - the running task is the one to blame (it gets the crash, timeout or abort error);
 * - tasks the worker finished but whose results had not reached the pool are
 *   lost with it and reject with WorkerCrashedError (they never run twice);
 * - tasks it never started go back to the front of the queue, untouched.
 */
import { AbortError, ErrorCode, TimeoutError, WorkerCrashedError } from '../errors.js';
import { TaskState, type Task } from './task.js';
import type { WorkerHandle } from './worker_handle.js';

export interface HeldSplit {
  blamed: Task | undefined;
  lost: Task[];
  unstarted: Task[];
}

export function splitHeld(worker: WorkerHandle, held: readonly Task[]): HeldSplit {
  const running = worker.running();
  const last = worker.lastStarted();
  const split: HeldSplit = { blamed: undefined, lost: [], unstarted: [] };
  for (const task of held) {
    if (task.seq > last) split.unstarted.push(task);
    else if (running !== undefined && task.seq === running.seq) split.blamed = task;
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
 * back to the queue. Tasks already withdrawn are left alone.
 */
export function resolveLoss(
  worker: WorkerHandle,
  held: readonly Task[],
  exitCode: number | null,
  blame?: Error,
): { failures: Array<[Task, Error]>; requeue: Task[]; blamed: boolean } {
  const live = (t: Task): boolean => t.state === TaskState.DISPATCHED;
  const split = splitHeld(worker, held);
  const failures: Array<[Task, Error]> = split.lost.filter(live).map((t) => [t, crashError(worker, exitCode, false)]);
  const blamed = split.blamed !== undefined;
  if (blamed && live(split.blamed!)) failures.unshift([split.blamed!, blame ?? crashError(worker, exitCode, true)]);
  return { failures, requeue: split.unstarted.filter(live), blamed };
}
