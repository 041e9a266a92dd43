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
 * Watches the task the worker runs (from its control block) and calls
 * `onOverdue` once one has run `limit` ms. Re-arms itself for the next
 * deadline while the worker holds tasks.
 */
export function armTimeout(worker: WorkerHandle, limit: number, onOverdue: (task: Task) => void, delay = limit): void {
  if (limit === Infinity || worker.timeoutTimer !== undefined) return;
  worker.timeoutTimer = setTimeout(() => {
    worker.timeoutTimer = undefined;
    if (worker.phase !== WorkerPhase.READY || worker.held === 0) return;
    const running = worker.running();
    const elapsed = running === undefined ? 0 : performance.timeOrigin + performance.now() - running.since;
    const task = running && worker.find(running.seq);
    if (task !== undefined && elapsed >= limit) onOverdue(task);
    else armTimeout(worker, limit, onOverdue, Math.max(1, limit - elapsed));
  }, delay);
  worker.timeoutTimer.unref();
}
