/**
 * Every message that crosses between a Pool and its workers, for both
 * runtimes (worker_threads now, child_process later). The worker entry
 * (src/worker/pool_entry.ts) imports this file and nothing from the
 * main-thread pool.
 */
import type { TransferListItem } from 'node:worker_threads';
import type { SharedTable } from '../shared/shareable.js';

/** What may go in a transfer list (ArrayBuffers, MessagePorts…). */
export type Transferable = TransferListItem;

/** How a task's payload is applied to its function. */
export const TaskKind = {
  /** payload = args array: fn(...args) → value. */
  APPLY: 0,
  /** payload = items: items.map(x => fn(x)) → values array. */
  MAP: 1,
  /** payload = argument tuples: tuples.map(t => fn(...t)) → values array. */
  STARMAP: 2,
  /** payload = [start, end, shared]: fn(start, end, shared) → value. */
  RANGE: 3,
} as const;
export type TaskKindValue = (typeof TaskKind)[keyof typeof TaskKind];

/**
 * A function as the worker compiles or imports it; `id` is unique per pool. Context 'inline' (workers on the calling
 * thread) passes the function object itself: any function, closures included.
 */
export type FnDef =
  | { id: number; type: 'source'; source: string; method: boolean }
  | { id: number; type: 'module'; url: string; exportName: string }
  | { id: number; type: 'inline'; fn: (...args: never[]) => unknown };

/**
 * The control block a thread worker writes before and after each task, so the
 * pool knows exactly which task runs (for timeouts, abort and crash blame)
 * without a message per task. Absent for runtimes that cannot share memory.
 */
export const Control = {
  /** Int32 index: per-worker sequence number of the last task started. */
  SEQ: 0,
  /** Int32 index: 1 while that task runs, 0 otherwise. */
  STATE: 1,
  /**
   * Int32 index: set by the pool before it stops the worker. The worker
   * stores SEQ, then reads STOP, and starts nothing once it is set; the pool
   * sets STOP, then reads SEQ. So a task the pool puts back in the queue can
   * never also start in the dying worker (Dekker's handshake, seq-cst Atomics).
   */
  STOP: 2,
  INT32S: 4,
  /** Float64 index (second view): epoch ms at which the task started. */
  STARTED: 2,
  /**
   * Byte offset of the claim ring: one Int32 cell per task, at seq % CLAIMS,
   * which decides who owns a task handed to the worker but not started yet.
   * The worker claims a task before it starts it, the pool steals one for
   * another worker or cancels it, each with one compareExchange from
   * Claim.FREE, so exactly one side wins.
   */
  CLAIM_OFFSET: 24,
  /** Cells in the claim ring; the pool never hands over a task whose cell is still in use. */
  CLAIMS: 4096,
  /** The block with its claim ring (a multiple of 8, so a Float64Array can view it whole). */
  BYTES: 24 + 4 * 4096,
  /**
   * With concurrentTasksPerWorker k > 1, k slots follow the block (SLOT_BYTES each): per running task its sequence
   * number (Int32, -1 when the slot is free) and its start (Float64, epoch ms); see {@link slotIndexes}. STATE is
   * then unused: the pool reads the slots. SEQ stays the last task started (tasks start in sequence order).
   */
  SLOT_BYTES: 16,
} as const;

/** The states of a claim cell (see Control.CLAIM_OFFSET). */
export const Claim = {
  /** Not decided: the worker may start the task; the pool may take it back. */
  FREE: 0,
  /** The worker took it (started it, or skipped it for its call's abort flag). Freed by the pool on its result. */
  CLAIMED: 1,
  /** The pool gave it to another worker: skipped without a trace, and freed by the worker. */
  STOLEN: 2,
  /** Cancelled (Future.cancel()): skipped and reported as skipped; freed by the pool on that report. */
  CANCELLED: 3,
} as const;

/** Control block size for a worker running up to `concurrency` tasks at once. */
export function controlBytes(concurrency: number): number {
  return concurrency > 1 ? Control.BYTES + Control.SLOT_BYTES * concurrency : Control.BYTES;
}

/** Int32 index of slot `j`'s sequence number and Float64 index of its start time (views over the whole block). */
export function slotIndexes(j: number): { seq: number; since: number } {
  const at = Control.BYTES + Control.SLOT_BYTES * j;
  return { seq: at / 4, since: (at + 8) / 8 };
}

/** What a worker is started with (workerData for threads). */
export interface WorkerInit {
  workerId: number;
  /** SharedArrayBuffer of Control.BYTES, or undefined (no shared memory). */
  control: SharedArrayBuffer | undefined;
  initializer: FnDef | undefined;
  /** Without their shared objects, which `initTable` lists (shared_codec.ts). */
  initargs: unknown[];
  initTable: SharedTable | undefined;
  /** Report the heap used after each task in DoneMessage.heapMb (the pool has a maxMemoryPerChild). */
  measureHeap?: boolean | undefined;
  /** concurrentTasksPerWorker: most async tasks in flight at once (default 1). */
  concurrency?: number | undefined;
}

/**
 * Main → worker: tasks with per-worker sequence numbers first, first+1, …
 * Columns instead of one object per task keep structured clone cheap.
 */
export interface RunMessage {
  type: 'run';
  first: number;
  /** Functions this worker has not seen yet, compiled before the tasks run. */
  defs: FnDef[] | undefined;
  fns: number[];
  kinds: TaskKindValue[];
  payloads: unknown[];
  /** Per-task shared-object tables (shared_codec.ts); undefined when no payload has shared objects. */
  tables: Array<SharedTable | undefined> | undefined;
  /** Per-task shared abort flags (Int32Array, non-zero = skip); undefined when no task has one. */
  flags: Array<Int32Array | undefined> | undefined;
}

/**
 * Main → worker: the task numbered `seq` was aborted or timed out. If it is
 * still running, its `currentTask().signal` fires with a DOMException named
 * after `reason` ('AbortError' or 'TimeoutError'); otherwise it is ignored.
 * Sent only when the pool has an `abortGrace`: without one the worker is
 * stopped at once.
 */
export interface AbortMessage {
  type: 'abort';
  seq: number;
  reason: 'AbortError' | 'TimeoutError';
  message: string;
  /** The pool is terminating: start no further task (the worker is stopped once this one ends, or its grace does). */
  halt?: boolean | undefined;
}

export type ToWorker = RunMessage | AbortMessage;

/** A task's own error in plain data: enough to re-create it on the caller's side. */
export interface WireError {
  name: string;
  message: string;
  stack: string | undefined;
  code: string | undefined;
  /** Own enumerable properties that survived structured clone. */
  props: Record<string, unknown> | undefined;
  cause: WireError | undefined;
  /** AggregateError members. */
  errors: WireError[] | undefined;
  /** Set when something other than an Error was thrown: the value itself. */
  thrown?: unknown;
}

/** Worker → main: the worker finished start-up (initializer included). */
export interface ReadyMessage {
  type: 'ready';
}

/** Worker → main: start-up failed; the worker exits right after. */
export interface InitFailedMessage {
  type: 'init-failed';
  error: WireError;
}

/**
 * Worker → main: results of tasks first … first + values.length - 1, in
 * order. `failed` lists positions whose value is a WireError; `skipped`
 * positions whose abort flag was set before they started.
 */
export interface DoneMessage {
  type: 'done';
  first: number;
  values: unknown[];
  failed: number[] | undefined;
  skipped: number[] | undefined;
  /** Run time of each task, ms. */
  times: number[];
  /** Per-value shared-object tables (shared_codec.ts); undefined when no value has shared objects. */
  tables: Array<SharedTable | undefined> | undefined;
  /** Positions (within `failed`) whose error is a result that could not be sent: the caller gets a MaybeEncodingError. */
  unsendable: number[] | undefined;
  /** With WorkerInit.measureHeap: the most V8 heap in use (MB) after any of these tasks. */
  heapMb?: number | undefined;
  /**
   * Set by a worker that runs several tasks at once (concurrentTasksPerWorker > 1): the sequence number of each
   * value, which may then arrive out of order (`first` means nothing). Undefined: in order from `first`.
   */
  seqs?: number[] | undefined;
}

export type FromWorker = ReadyMessage | InitFailedMessage | DoneMessage;
