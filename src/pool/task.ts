/**
 * The unit the engine schedules: one apply call, one map chunk or one
 * parallelFor block, plus the job that collects its outcome.
 */
import type { FnEntry } from './fn_source.js';
import { encode, needsWalk, type SharedTable } from './shared_codec.js';
import type { TaskKindValue, Transferable } from './types.js';

export const kDone: unique symbol = Symbol('corepool.taskDone');
export const kFailed: unique symbol = Symbol('corepool.taskFailed');

/**
 * Whoever submitted a task and wants its outcome (an AsyncResult for apply,
 * a map, an imap…). Symbol-keyed so AsyncResult can be one without growing
 * its public surface.
 */
export interface Job {
  /** A chunk task's value is the array of its items' results. */
  [kDone](task: Task, value: unknown): void;
  [kFailed](task: Task, error: unknown): void;
}

export const TaskState = {
  QUEUED: 0,
  DISPATCHED: 1,
  SETTLED: 2,
  CANCELLED: 3,
} as const;
export type TaskStateValue = (typeof TaskState)[keyof typeof TaskState];

export class Task {
  state: TaskStateValue = TaskState.QUEUED;
  /** Per-worker sequence number once dispatched. */
  seq = -1;
  submittedAt = 0;
  /**
   * Id of the worker holding it once dispatched (the engine maps ids to
   * handles): an id, not the handle, as a handle holds tasks.
   */
  workerId = -1;
  /** Where the payload's shared objects go back (see shared_codec.ts). */
  table: SharedTable | undefined;
  /** Why the payload could not be prepared; the engine fails the task with it on submit. */
  failure: Error | undefined;
  /** The call's `priority` (higher goes first; see task_queue.ts for aging). */
  priority = 0;
  /** Times it was sent again after its worker crashed or timed out (`retries`). */
  attempts = 0;
  /** The call's `timeout` (ms from the task's start); undefined: the pool's taskTimeout. */
  timeout: number | undefined;
  /**
   * Set while the task, running, winds down after its timeout or abort (the pool's abortGrace): the error it fails
   * with whatever it returns. Cleared when it is sent again.
   */
  interrupted: Error | undefined;

  constructor(
    readonly fn: FnEntry,
    readonly kind: TaskKindValue,
    /** Without its shared objects (see {@link makeTask}); kernel tasks keep theirs, they never leave the thread. */
    readonly payload: unknown,
    /** Items in the task (chunk length; 1 for apply and blocks), for cost estimates and progress. */
    readonly items: number,
    readonly job: Job,
    /** Position of the task in its job (chunk or block number). */
    readonly index: number,
    readonly transfer: readonly Transferable[] | undefined,
    /** Shared abort flag of the task's call: a worker skips the task once it is set. */
    readonly flag: Int32Array | undefined,
  ) {}

  /** Estimated run time in ms; Infinity until the function has been measured. */
  estimate(): number {
    return this.fn.perItemMs < 0 ? Infinity : this.fn.perItemMs * this.items;
  }
}

/**
 * A task for `fn` over `value`: encoded for a worker (shared objects moved
 * to the task's table), or kept as it is for a kernel reference, which runs
 * on this thread. Never throws: a value that cannot be encoded becomes the
 * task's `failure`, so the call rejects instead of throwing.
 */
export function makeTask(
  fn: FnEntry,
  kind: TaskKindValue,
  value: unknown,
  items: number,
  job: Job,
  index: number,
  transfer: readonly Transferable[] | undefined,
  flag: Int32Array | undefined,
): Task {
  // Kernel and inline tasks never leave this thread: their values stay as they are.
  if (fn.kernel !== undefined || fn.def.type === 'inline' || !needsWalk(value))
    return new Task(fn, kind, value, items, job, index, transfer, flag);
  let encoded: { value: unknown; table: SharedTable | undefined };
  let failure: Error | undefined;
  try {
    encoded = encode(value);
  } catch (error) {
    encoded = { value: undefined, table: undefined };
    failure = error instanceof Error ? error : new Error(String(error));
  }
  const task = new Task(fn, kind, encoded.value, items, job, index, transfer, flag);
  task.table = encoded.table;
  task.failure = failure;
  return task;
}
