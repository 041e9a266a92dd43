/**
 * The two timers a worker can have: idleTimeout (stop it after a quiet
 * spell) and taskTimeout (stop it when the task it runs is overdue). Both
 * are unref'd: a pending timer never keeps the process alive by itself.
 */
import type { Task } from './task.js';
import { WorkerPhase, type WorkerHandle } from './worker_handle.js';

/** Calls `onIdle` after `ms` unless work reaches the worker first (the engine clears the timer then). */
export function armIdle(worker: WorkerHandle, ms: number, onIdle: () => void): void {
  if (ms === Infinity || worker.idleTimer !== undefined) return;
  worker.idleTimer = setTimeout(() => {
    worker.idleTimer = undefined;
    if (worker.held === 0 && worker.phase === WorkerPhase.READY) onIdle();
  }, ms);
  worker.idleTimer.unref();
}

/**
 * Watches the task(s) the worker runs (from its control block) and calls
 * `onOverdue` once it has run its limit (`limitOf`: the call's timeout or the
 * pool's taskTimeout). Re-arms itself for the next deadline while the worker
 * holds a task with a limit; a task already interrupted is not watched again.
 */
export function armTimeout(
  worker: WorkerHandle,
  limitOf: (task: Task) => number,
  onOverdue: (task: Task, limit: number) => void,
  delay?: number,
): void {
  if (worker.timeoutTimer !== undefined) return;
  const wait = delay ?? nearestLimit(worker, limitOf);
  if (wait === Infinity) return;
  worker.timeoutTimer = setTimeout(() => {
    worker.timeoutTimer = undefined;
    if (worker.phase !== WorkerPhase.READY || worker.held === 0) return;
    let next: number | undefined;
    // One task runs at a time, or several with concurrentTasksPerWorker: each is held to its own limit.
    for (const running of worker.runningAll()) {
      const task = worker.find(running.seq);
      if (task === undefined || task.interrupted !== undefined) continue;
      const limit = limitOf(task);
      const elapsed = performance.timeOrigin + performance.now() - running.since;
      if (elapsed >= limit) {
        onOverdue(task, limit);
        if (worker.phase !== WorkerPhase.READY) return;
      } else if (limit !== Infinity) next = Math.min(next ?? Infinity, Math.max(1, limit - elapsed));
    }
    armTimeout(worker, limitOf, onOverdue, next);
  }, wait);
  worker.timeoutTimer.unref();
}

/** The least limit among the tasks the worker holds (Infinity: nothing to watch). */
function nearestLimit(worker: WorkerHandle, limitOf: (task: Task) => number): number {
  let least = Infinity;
  for (let i = worker.inflight.length - worker.held; i < worker.inflight.length; i++) {
    const task = worker.inflight[i]!;
    if (task.interrupted === undefined) least = Math.min(least, limitOf(task));
  }
  return least;
}
