/**
 * Who the calling thread is, as the lock words record it, and whether another
 * thread is still alive.
 *
 * A lock's state word holds its owner's id. On Linux that is the OS thread id
 * (from /proc/thread-self), because the kernel can then tell us whether the
 * owner still exists: /proc/self/task/<tid> disappears when the thread ends,
 * however it ends (return, process.exit(), an uncaught error,
 * worker.terminate()). SharedArrayBuffers never leave their process, so a tid
 * is unique among the threads that can see a lock. Where /proc is missing,
 * the id is worker_threads' threadId + 1 (also never reused in a process) and
 * liveness is unknown, so every owner counts as alive.
 */
import { existsSync, readlinkSync } from 'node:fs';
import { isMainThread, threadId } from 'node:worker_threads';

function osThreadId(): number | undefined {
  try {
    // "<pid>/task/<tid>"; Linux ≥ 3.17.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 && tid < 2 ** 31 ? tid : undefined;
  } catch {
    return undefined;
  }
}

const tid = osThreadId();

/** True when owner liveness can be checked (Linux with /proc). */
export const CAN_CHECK_LIVENESS: boolean = tid !== undefined;

/** The calling thread's id in lock words; never 0, which means "unowned". */
export const SELF: number = tid ?? threadId + 1;

/** worker_threads' threadId of the calling thread (0 on the main thread). */
export const THREAD_ID: number = threadId;

/** True on a process's main thread, where waits must never block the event loop. */
export const ON_MAIN_THREAD: boolean = isMainThread;

/**
 * False only when `id` (a value of {@link SELF} in some thread) is known to
 * have ended. Costs one stat(2), so callers use it only after a wait timed out.
 */
export function isThreadAlive(id: number): boolean {
  if (!CAN_CHECK_LIVENESS || id === SELF) return true;
  return existsSync(`/proc/self/task/${id}`);
}
