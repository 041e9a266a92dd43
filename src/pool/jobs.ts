/**
 * Jobs turn one Pool call into tasks and collect their outcomes into an
 * AsyncResult: ApplyJob (apply/applyAsync) and MapJob (map, starmap and
 * their Async forms, parallelFor). imap's lazy job lives in imap.ts.
 */
import { abortError, abortFlag, onAbort } from '../abort.js';
import { packNumbers } from './packing.js';
import { kSettle, type AsyncResult } from './async_result.js';
import type { Engine, Feeder } from './engine.js';
import type { FnEntry } from './fn_source.js';
import { kDone, kFailed, makeTask, Task, TaskState, type Job } from './task.js';
import { TaskKind, type TaskKindValue, type Transferable } from './types.js';

/** Where a job's tasks go: the worker engine, or the kernel lane for kernel references. */
export interface TaskSink {
  submit(task: Task): void;
  cancel(task: Task, stopRunning: boolean): void;
}

/** Called after each completed chunk or block with items done so far and the total (undefined while unknown). */
export type ProgressCallback = (done: number, total: number | undefined) => void;

/** Submits `fn(...args)` for apply/applyAsync; the AsyncResult is the job unless a signal needs wiring. */
export function startApply(
  sink: TaskSink,
  result: AsyncResult<unknown>,
  fn: FnEntry,
  args: unknown[],
  transfer: Transferable[] | undefined,
  signal: AbortSignal | undefined,
  priority: number | undefined,
  timeout?: number | undefined,
): void {
  if (signal !== undefined) {
    new ApplyJob(result).start(sink, fn, args, transfer, signal, priority, timeout);
    return;
  }
  const task = makeTask(fn, TaskKind.APPLY, args, 1, result, 0, transfer, undefined);
  if (priority !== undefined) task.priority = priority;
  task.timeout = timeout;
  sink.submit(task);
}

class ApplyJob implements Job {
  readonly #result: AsyncResult<unknown>;
  #unlisten = (): void => {};

  constructor(result: AsyncResult<unknown>) {
    this.#result = result;
  }

  /** Submits `fn(...args)`; an aborted signal rejects at once. */
  start(
    sink: TaskSink,
    fn: FnEntry,
    args: unknown[],
    transfer: Transferable[] | undefined,
    signal: AbortSignal | undefined,
    priority: number | undefined,
    timeout: number | undefined,
  ): void {
    if (signal?.aborted) {
      this.#result[kSettle](false, abortError(signal));
      return;
    }
    const flag = signal === undefined ? undefined : abortFlag();
    const task = makeTask(fn, TaskKind.APPLY, args, 1, this, 0, transfer, flag);
    if (priority !== undefined) task.priority = priority;
    task.timeout = timeout;
    if (signal !== undefined) {
      this.#unlisten = onAbort(signal, (error) => {
        Atomics.store(flag!, 0, 1);
        sink.cancel(task, true);
        this.#result[kSettle](false, error);
      });
    }
    sink.submit(task);
  }

  [kDone](_task: Task, value: unknown): void {
    this.#unlisten();
    this.#result[kSettle](true, value);
  }

  [kFailed](_task: Task, error: unknown): void {
    this.#unlisten();
    this.#result[kSettle](false, error);
  }
}

export interface MapPlan {
  kind: TaskKindValue;
  /** Items (map), argument tuples (starmap) or [start, end] blocks (parallelFor). */
  items: readonly unknown[];
  /** Items per chunk; for blocks, 1 (each block is one task). */
  chunksize: number;
  /** parallelFor's `shared` (encoded with each block's payload). */
  shared?: unknown;
  /** What onProgress reports as the total: items, or indices for parallelFor. */
  total: number;
  signal: AbortSignal | undefined;
  /** The call's `timeout`, given to each of its tasks. */
  timeout?: number | undefined;
  /** The call's priority, given to each of its tasks. */
  priority: number;
  onProgress: ProgressCallback | undefined;
}

/**
 * map/starmap/parallelFor: the result array fills in input order; the first
 * failure to arrive rejects the call (as in CPython's MapResult) and
 * withdraws the chunks not started yet.
 */
export class MapJob implements Job, Feeder {
  readonly #result: AsyncResult<unknown[]>;
  readonly #plan: MapPlan;
  readonly #out: unknown[];
  readonly #tasks: Task[] = [];
  readonly #flag = abortFlag();
  #left: number;
  #done = 0;
  #settled = false;
  #sink: TaskSink | undefined;
  #unlisten = (): void => {};

  constructor(result: AsyncResult<unknown[]>, plan: MapPlan) {
    this.#result = result;
    this.#plan = plan;
    const blocks = plan.kind === TaskKind.RANGE;
    this.#out = new Array<unknown>(plan.items.length);
    this.#left = blocks ? plan.items.length : Math.ceil(plan.items.length / Math.max(1, plan.chunksize));
  }

  start(sink: TaskSink, engine: Engine, fn: FnEntry): void {
    this.#sink = sink;
    const { signal } = this.#plan;
    if (signal?.aborted) {
      this.#fail(abortError(signal));
      return;
    }
    if (this.#left === 0) {
      this.#finish(true, this.#out);
      return;
    }
    this.#unlisten = onAbort(signal, (error) => this.#fail(error, true));
    engine.addFeeder(this);
    void this.#feed(sink, engine, fn).finally(() => engine.removeFeeder(this));
  }

  drain(): void {}

  async #feed(sink: TaskSink, engine: Engine, fn: FnEntry): Promise<void> {
    const { kind, items, chunksize } = this.#plan;
    const local = fn.kernel !== undefined;
    for (let index = 0, at = 0; at < items.length && !this.#settled; index++, at += chunksize) {
      if (!local && !engine.hasRoom()) await engine.waitForRoom();
      if (this.#settled) break;
      const task = this.#makeTask(fn, kind, index, at, local);
      task.priority = this.#plan.priority;
      task.timeout = this.#plan.timeout;
      this.#tasks.push(task);
      sink.submit(task);
    }
  }

  #makeTask(fn: FnEntry, kind: TaskKindValue, index: number, at: number, local: boolean): Task {
    const { items, chunksize } = this.#plan;
    if (kind === TaskKind.RANGE) {
      const [start, end] = items[index] as [number, number];
      return makeTask(fn, kind, [start, end, this.#plan.shared], end - start, this, index, undefined, this.#flag);
    }
    const slice = items.slice(at, at + chunksize);
    // Copied, not transferred (a memcpy): a chunk a worker holds may still be stolen or re-queued and sent again.
    const packed = kind === TaskKind.MAP && !local ? packNumbers(slice) : undefined;
    if (packed !== undefined) return new Task(fn, kind, packed, slice.length, this, index, undefined, this.#flag);
    return makeTask(fn, kind, slice, slice.length, this, index, undefined, this.#flag);
  }

  [kDone](task: Task, value: unknown): void {
    if (this.#settled) return;
    if (task.kind === TaskKind.RANGE) this.#out[task.index] = value;
    else {
      const values = value as unknown[];
      const base = task.index * this.#plan.chunksize;
      for (let i = 0; i < values.length; i++) this.#out[base + i] = values[i];
    }
    this.#done += task.items;
    this.#left--;
    this.#progress();
    if (this.#left === 0) this.#finish(true, this.#out);
  }

  [kFailed](_task: Task, error: unknown): void {
    if (this.#settled) return;
    this.#fail(error);
  }

  #progress(): void {
    const report = this.#plan.onProgress;
    if (report === undefined) return;
    try {
      report(this.#done, this.#plan.total);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  }

  /** Rejects the call and withdraws its other tasks (stopping running ones only for an abort). */
  #fail(error: unknown, stopRunning = false): void {
    if (this.#settled) return;
    Atomics.store(this.#flag, 0, 1);
    this.#finish(false, error);
    for (const task of this.#tasks) {
      if (task.state === TaskState.QUEUED || task.state === TaskState.DISPATCHED) this.#sink!.cancel(task, stopRunning);
    }
  }

  #finish(ok: boolean, value: unknown): void {
    this.#settled = true;
    this.#unlisten();
    this.#result[kSettle](ok, value);
  }
}
