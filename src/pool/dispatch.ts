/**
 * Hands queued tasks to a worker in batches: one postMessage carries every
 * task a worker should hold, and a worker holds roughly BUDGET_MS of
 * estimated work so it never waits for the next message. A function not yet
 * measured goes only to a worker that holds nothing, so long or blocking
 * tasks spread one per worker as in Python's pool; a measured slow one may
 * also wait in line behind the running task while the queue is long. A crash,
 * timeout or abort thus touches as few tasks as possible.
 */
import { CorepoolTypeError, ErrorCode, MaybeEncodingError } from '../errors.js';
import { decodeError } from './error_codec.js';
import { decode, type SharedTable } from './shared_codec.js';
import type { StatsRecorder } from './stats.js';
import { TaskState, type Task } from './task.js';
import type { DoneMessage, FnDef, RunMessage, TaskKindValue, Transferable } from './types.js';
import type { TaskQueue } from './task_queue.js';
import type { WorkerHandle } from './worker_handle.js';

/** Estimated ms of work a worker may hold; enough to cover a message round trip many times over. */
export const BUDGET_MS = 2;
/** Most tasks in one message. */
export const MAX_BATCH = 1024;

/**
 * Takes up to `share` tasks from the queue for `worker`, within its budget
 * and quota. With `prefetch` (enough queued work for every worker), one
 * measured slow task may wait behind the running one, so the worker starts
 * it without waiting for a message; near the end of the queue this stops,
 * keeping the tail balanced.
 */
export function takeBatch(queue: TaskQueue, worker: WorkerHandle, share: number, prefetch: boolean): Task[] {
  const tasks: Task[] = [];
  let pending = worker.pendingMs;
  const limit = Math.min(share, MAX_BATCH, worker.quota);
  while (tasks.length < limit) {
    const task = queue.peek();
    if (task === undefined) break;
    // Its claim cell still belongs to an older task (results or a skip not yet back): wait for them.
    if (!worker.claimFree(worker.nextSeq + tasks.length)) break;
    const estimate = task.estimate();
    const holding = worker.held + tasks.length;
    const inLine = prefetch && holding === 1 && pending + estimate < Infinity;
    // A worker running several tasks at once (concurrentTasksPerWorker) takes that many whatever their cost.
    if (holding >= worker.slots && pending + estimate > BUDGET_MS && !inLine) break;
    queue.shift();
    tasks.push(task);
    pending += estimate;
  }
  return tasks;
}

/** Builds the message for `tasks`, numbering them from the worker's next sequence number. */
export function buildRun(
  worker: WorkerHandle,
  tasks: readonly Task[],
): { message: RunMessage; transfer: Transferable[]; newDefs: number[] } {
  let defs: FnDef[] | undefined;
  const newDefs: number[] = [];
  const fns = new Array<number>(tasks.length);
  const kinds = new Array<TaskKindValue>(tasks.length);
  const payloads = new Array<unknown>(tasks.length);
  let flags: Array<Int32Array | undefined> | undefined;
  let tables: Array<SharedTable | undefined> | undefined;
  let transfer: Transferable[] = [];
  for (let i = 0; i < tasks.length; i++) {
    const task = tasks[i]!;
    const id = task.fn.def.id;
    if (!worker.known.has(id) && !newDefs.includes(id)) {
      (defs ??= []).push(task.fn.def);
      newDefs.push(id);
    }
    fns[i] = id;
    kinds[i] = task.kind;
    payloads[i] = task.payload;
    if (task.table !== undefined) (tables ??= new Array<SharedTable | undefined>(tasks.length))[i] = task.table;
    if (task.flag !== undefined) (flags ??= new Array<Int32Array | undefined>(tasks.length))[i] = task.flag;
    if (task.transfer !== undefined) transfer = transfer.concat(task.transfer);
  }
  return { message: { type: 'run', first: worker.nextSeq, defs, fns, kinds, payloads, tables, flags }, transfer, newDefs };
}

/** Records that `tasks` now belong to `worker` (after their message was posted). */
export function commit(worker: WorkerHandle, tasks: readonly Task[], newDefs: readonly number[], now: number): void {
  if (worker.held === 0) worker.headSince = now;
  for (const task of tasks) {
    task.seq = worker.nextSeq++;
    task.state = TaskState.DISPATCHED;
    task.workerId = worker.id;
    worker.inflight.push(task);
    worker.pendingMs += task.estimate();
  }
  worker.quota -= tasks.length;
  for (const id of newDefs) worker.known.add(id);
}

/** Re-estimates what a worker holds (after results came back and costs moved). */
export function pendingWork(worker: WorkerHandle): number {
  let sum = 0;
  for (let i = 0; i < worker.held; i++) sum += worker.inflight[worker.inflight.length - worker.held + i]!.estimate();
  return sum;
}

/**
 * Takes a worker's results in order: updates its counters and each
 * function's measured cost, and settles the tasks still wanted.
 */
export function receiveDone(
  worker: WorkerHandle,
  message: DoneMessage,
  stats: StatsRecorder,
  settle: (task: Task, ok: boolean, value: unknown) => void,
): void {
  const { values, failed, skipped, times, tables, unsendable, seqs } = message;
  let u = 0;
  let f = 0;
  let s = 0;
  for (let k = 0; k < values.length && worker.held > 0; k++) {
    // Concurrent tasks' results come tagged with their seq, in the order they ended.
    const task = seqs === undefined ? worker.shift() : worker.take(seqs[k]!);
    if (task === undefined) {
      if (skipped !== undefined && skipped[s] === k) s++;
      else if (failed !== undefined && failed[f] === k) {
        if (unsendable !== undefined && unsendable[u] === f) u++;
        f++;
      }
      continue;
    }
    worker.release(task.seq);
    const ms = times[k]!;
    worker.busyMs += ms;
    if (skipped !== undefined && skipped[s] === k) {
      s++;
      continue;
    }
    worker.completed++;
    const perItem = ms / Math.max(1, task.items);
    task.fn.perItemMs = task.fn.perItemMs < 0 ? perItem : task.fn.perItemMs * 0.7 + perItem * 0.3;
    stats.run.add(ms);
    const threw = failed !== undefined && failed[f] === k;
    const notSent = threw && unsendable !== undefined && unsendable[u] === f;
    if (threw) f++;
    if (notSent) u++;
    if (task.state !== TaskState.DISPATCHED) continue;
    const [ok, value] = threw ? [false, failure(values[k], notSent)] : received(values[k], tables?.[k]);
    settle(task, ok, value);
  }
  worker.pendingMs = pendingWork(worker);
}

/** A task's error as the caller sees it; a result the worker could not send becomes a MaybeEncodingError. */
function failure(wire: unknown, notSent: boolean): unknown {
  const error = decodeError(wire as never);
  if (!notSent) return error;
  const valueType = (error as { valueType?: unknown }).valueType;
  return new MaybeEncodingError(ErrorCode.RESULT_NOT_CLONEABLE, typeof valueType === 'string' ? valueType : 'unknown', {
    cause: (error as Error).cause,
  });
}

/**
 * A result with its shared objects back in place; one that cannot be rebuilt
 * fails its task only (this runs in a worker's 'message' handler, where a
 * throw would take the whole process down).
 */
function received(value: unknown, table: SharedTable | undefined): [boolean, unknown] {
  try {
    return [true, decode(value, table)];
  } catch (error) {
    if ((error as { code?: unknown }).code === ErrorCode.DECODE_FAILED) return [false, error];
    const wrapped = new CorepoolTypeError(
      ErrorCode.DECODE_FAILED,
      `the task's result could not be rebuilt: ${String((error as Error)?.message ?? error)}`,
    );
    return [false, Object.defineProperty(wrapped, 'cause', { value: error, configurable: true, writable: true })];
  }
}
