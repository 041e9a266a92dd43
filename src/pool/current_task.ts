/**
 * currentTask(): what a task function running on a pool worker can learn
 * about its own run. The worker's task loop (src/worker/pool_runner.ts)
 * installs the provider under a global symbol, so a `corepool` loaded by a
 * task() module (a second copy of the package inside the worker) sees the
 * same task. Imports nothing: it is part of the worker bundle too.
 */

/** What {@link currentTask} returns inside a running pool task. */
export interface TaskContext {
  /**
   * Fires when the call was aborted (its `signal`) or ran past its `timeout` / `taskTimeout`; its `reason` is a
   * DOMException named 'AbortError' or 'TimeoutError'. The message reaches the worker only while the task yields (awaits):
   * a synchronous, CPU-bound task cannot see it. Returning (or throwing) within the pool's `abortGrace` ms keeps the worker.
   */
  readonly signal: AbortSignal;
  /** Id of the worker running the task (as in the pool's events). */
  readonly workerId: number;
}

/** The global slot the worker's task loop fills (see pool_runner.ts). */
export const kCurrentTask: unique symbol = Symbol.for('corepool.currentTask') as never;

/**
 * The task running on this pool worker (Pool or Executor, 'thread' or 'process' context): `currentTask()?.signal`
 * fires on abort or timeout, so an async task can stop early and clean up. Inside a shipped (self-contained)
 * function call it by this name: the worker provides `currentTask` to shipped functions. Python equivalent: none.
 * @returns the task's {@link TaskContext}, or undefined outside a task running on a pool worker (on the main thread, say).
 */
export function currentTask(): TaskContext | undefined {
  const provider = (globalThis as Record<symbol, (() => TaskContext | undefined) | undefined>)[kCurrentTask];
  return provider === undefined ? undefined : provider();
}
