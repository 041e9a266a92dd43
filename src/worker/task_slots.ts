/**
 * The worker side of `concurrentTasksPerWorker` (k > 1): up to k tasks of one
 * worker may be in flight at once. A task still starts only after the one
 * before it has started, in sequence order, and a synchronous task runs to
 * its end before anything else (one thread); only tasks that return a
 * thenable overlap. Each running task holds a slot:
 * - its own currentTask() context, found through an AsyncLocalStorage entered
 *   around the task's call (its awaits keep it), so `signal` stays per task;
 * - its own entry in the control block (Control.SLOTS): the pool reads which
 *   tasks run, and since when, for per-task timeouts, aborts and crash blame.
 * With k = 1 none of this exists and the runner keeps its single-task path,
 * except in context 'inline', where several runners share the calling
 * thread: there each task finds its context through the one store below
 * (see {@link currentSlotTask}), and the control block keeps its k = 1 layout.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { TaskContext } from '../pool/current_task.js';
import { slotIndexes } from '../pool/types.js';

/** One running task. */
export interface Slot {
  readonly owner: TaskSlots;
  readonly seq: number;
  readonly index: number;
  /** Made on the task's first currentTask() call. */
  context: (TaskContext & { controller: AbortController }) | undefined;
  /** Why the task was aborted before it asked for its signal. */
  abortedWith: DOMException | undefined;
}

/** The running task of the code running now, whichever runner it belongs to. */
const store = new AsyncLocalStorage<Slot>();

/** currentTask()'s provider for runners sharing a thread (context 'inline'). */
export function currentSlotTask(): TaskContext | undefined {
  return store.getStore()?.owner.current();
}

export class TaskSlots {
  readonly limit: number;
  readonly #running = new Map<number, Slot>();
  readonly #free: number[] = [];
  readonly #ctl32: Int32Array | undefined;
  readonly #ctl64: Float64Array | undefined;
  readonly #workerId: number;
  #waiter: (() => void) | undefined;
  /** Called each time the last running task ends. */
  onIdle: (() => void) | undefined;

  constructor(limit: number, ctl32: Int32Array | undefined, ctl64: Float64Array | undefined, workerId: number) {
    this.limit = limit;
    // With one slot the runner keeps the k = 1 control block (SEQ/STATE): no slots follow it.
    this.#ctl32 = limit > 1 && ctl32 !== undefined ? new Int32Array(ctl32.buffer) : undefined;
    this.#ctl64 = ctl64;
    this.#workerId = workerId;
    for (let i = limit - 1; i >= 0; i--) this.#free.push(i);
  }

  /** Claims a slot for task `seq`, started at `since` (epoch ms). The runner never starts more than `limit` tasks. */
  begin(seq: number, since: number): Slot {
    const index = this.#free.pop()!;
    const slot: Slot = { owner: this, seq, index, context: undefined, abortedWith: undefined };
    this.#running.set(seq, slot);
    if (this.#ctl32 !== undefined) {
      const at = slotIndexes(index);
      this.#ctl64![at.since] = since;
      Atomics.store(this.#ctl32, at.seq, seq);
    }
    return slot;
  }

  /** Calls `fn` as `slot`'s task: currentTask() inside it (and after its awaits) is that task's. */
  run<T>(slot: Slot, fn: () => T): T {
    return store.run(slot, fn);
  }

  /** The task slot of the code running now, if it is a task's. */
  current(): TaskContext | undefined {
    const slot = store.getStore();
    if (slot === undefined || this.#running.get(slot.seq) !== slot) return undefined;
    if (slot.context === undefined) {
      const controller = new AbortController();
      if (slot.abortedWith !== undefined) controller.abort(slot.abortedWith);
      slot.context = { controller, signal: controller.signal, workerId: this.#workerId };
    }
    return slot.context;
  }

  /** The task has ended: its slot is free (and a start waiting for room may go on). */
  end(slot: Slot): void {
    if (this.#running.get(slot.seq) !== slot) return;
    this.#running.delete(slot.seq);
    if (this.#ctl32 !== undefined) Atomics.store(this.#ctl32, slotIndexes(slot.index).seq, -1);
    this.#free.push(slot.index);
    const wake = this.#waiter;
    this.#waiter = undefined;
    wake?.();
    if (this.#running.size === 0) this.onIdle?.();
  }

  /** Tasks running now. */
  get size(): number {
    return this.#running.size;
  }

  /** Fires every running task's signal. */
  abortAll(error: DOMException): void {
    for (const seq of [...this.#running.keys()]) this.abort(seq, error);
  }

  /** Fires task `seq`'s signal, if it is running. */
  abort(seq: number, error: DOMException): void {
    const slot = this.#running.get(seq);
    if (slot === undefined || slot.abortedWith !== undefined) return;
    slot.abortedWith = error;
    slot.context?.controller.abort(error);
  }

  /** Undefined while a slot is free; else a promise that resolves once one is. */
  room(): Promise<void> | undefined {
    if (this.#running.size < this.limit) return undefined;
    return new Promise<void>((resolve) => {
      this.#waiter = resolve;
    });
  }
}
