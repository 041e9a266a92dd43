/**
 * currentProcess(), activeChildren() and cpuCount(): Python's
 * multiprocessing.current_process / active_children / cpu_count.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, threadId } from 'node:worker_threads';
import { kCurrent, type ProcessInfo } from './types.js';

/** Started, not yet reaped children of this thread, as `activeChildren()` sees them. */
export interface ChildLike {
  isAlive(): boolean;
}
const children = new Set<ChildLike>();

/** Called by Process.start(). */
export function trackChild(child: ChildLike): void {
  children.add(child);
}

/**
 * The identity of the code calling it: inside a Process, the name and ident
 * given to it; on the main thread of the top process, 'MainProcess' and the
 * pid; in another worker thread (a Pool worker), `Thread-<threadId>`.
 * Python equivalent: `multiprocessing.current_process()` (name, ident, pid, daemon).
 * @returns a frozen {@link ProcessInfo}.
 */
export function currentProcess(): ProcessInfo {
  const own = (globalThis as { [kCurrent]?: ProcessInfo })[kCurrent];
  if (own !== undefined) return own;
  const name = isMainThread ? 'MainProcess' : `Thread-${threadId}`;
  return Object.freeze({ name, ident: isMainThread ? process.pid : threadId, pid: process.pid, daemon: false });
}

/**
 * The children started by this thread that are still running; finished ones
 * are forgotten (Python "joins" them here too).
 * Python equivalent: `multiprocessing.active_children()`.
 * @returns the live Process objects, in start order.
 */
export function activeChildren<T extends ChildLike = ChildLike>(): T[] {
  const alive: T[] = [];
  for (const child of children) {
    let isAlive = false;
    try {
      isAlive = child.isAlive();
    } catch {
      // closed: certainly not alive
    }
    if (isAlive) alive.push(child as T);
    else children.delete(child);
  }
  return alive;
}

/**
 * The number of CPUs this process may use (`os.availableParallelism()`).
 * Python equivalent: `multiprocessing.cpu_count()`.
 * @returns a positive integer.
 */
export function cpuCount(): number {
  return availableParallelism();
}
