/**
 * The task loop of a pool worker, independent of the transport (a
 * worker_threads port or a child process channel).
 *
 * Tasks run one at a time, in arrival order, as a Python pool worker does.
 * Results are sent back in batches: one message per run of tasks, or per
 * millisecond of work, instead of one per task. Whatever is pending is
 * flushed before the loop yields to the event loop (async tasks) and before a
 * task that may be slow starts, so a crash or a timeout almost never loses a
 * finished task's result.
 */
import { getHeapStatistics } from 'node:v8';
import { packNumbers } from '../pool/packing.js';
import { decode, encode, needsWalk, type SharedTable } from '../pool/shared_codec.js';
import { postEach } from './unsendable.js';
import { encodeError } from '../pool/error_codec.js';
import { kCurrentTask, type TaskContext } from '../pool/current_task.js';
import {
  Claim,
  Control,
  TaskKind,
  type AbortMessage,
  type DoneMessage,
  type RunMessage,
  type TaskKindValue,
  type ToWorker,
  type Transferable,
} from '../pool/types.js';
import { FnTable, type TaskFn } from './pool_fns.js';
import { TaskSlots, type Slot } from './task_slots.js';

export interface Transport {
  post(message: DoneMessage, transfer: Transferable[]): void;
}

/** The key of a result marker `{ [kTransfer]: transferList, value }`. */
const kTransfer = Symbol.for('corepool.transfer');
const FLUSH_EVERY_MS = 1;
/**
 * Pending results are flushed before a task starts unless its function is
 * known to be quick: its last QUICK_RUNS runs each took at most
 * SLOW_TASK_MS. One quick run proves little (`sleep(0)` then `sleep(3000)`
 * is one function), and a result held back behind a long task reaches its
 * caller only when that task ends. A slow run (a first run that compiles
 * the function, say) restarts the count.
 */
const SLOW_TASK_MS = 0.25;
const QUICK_RUNS = 8;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  );
}

async function finishChunk(fn: TaskFn, items: unknown[], out: unknown[], i: number, pending: unknown, star: boolean): Promise<unknown[]> {
  out[i] = await pending;
  for (let k = i + 1; k < items.length; k++) {
    const r = star ? fn(...(items[k] as unknown[])) : fn(items[k]);
    out[k] = isThenable(r) ? await r : r;
  }
  return out;
}

/** Runs a chunk sequentially; turns async only when an item returns a thenable. */
function runChunk(fn: TaskFn, items: unknown[], star: boolean): unknown[] | Promise<unknown[]> {
  const out = new Array<unknown>(items.length);
  for (let i = 0; i < items.length; i++) {
    const r = star ? fn(...(items[i] as unknown[])) : fn(items[i]);
    if (isThenable(r)) return finishChunk(fn, items, out, i, r, star);
    out[i] = r;
  }
  return out;
}

function invoke(fn: TaskFn, kind: TaskKindValue, args: unknown): unknown {
  switch (kind) {
    case TaskKind.APPLY:
      return fn(...(args as unknown[]));
    case TaskKind.MAP:
      return runChunk(fn, args as unknown[], false);
    case TaskKind.STARMAP:
      return runChunk(fn, args as unknown[], true);
    default: {
      const [start, end, shared] = args as [number, number, unknown];
      return fn(start, end, shared);
    }
  }
}

export class Runner {
  readonly #transport: Transport;
  readonly #fns = new FnTable();
  readonly #ctl32: Int32Array | undefined;
  readonly #ctl64: Float64Array | undefined;
  /** The claim ring (see Control.CLAIM_OFFSET). */
  readonly #claims: Int32Array | undefined;
  readonly #batches: RunMessage[] = [];
  #running = false;
  /** Consecutive quick runs per function id, for the flush-before-a-task rule. */
  readonly #quickRuns = new Map<number, number>();
  #first = 0;
  #values: unknown[] = [];
  #tables: Array<SharedTable | undefined> | undefined;
  /** Buffers the pending values move, and per value the list's length after it (see {@link Runner.flush}). */
  #transfer: Transferable[] = [];
  #transferEnds: number[] = [];
  #failed: number[] | undefined;
  #skipped: number[] | undefined;
  #times: number[] = [];
  #lastFlush = performance.now();
  /** Most heap in use (MB) after a task since the last flush, when measured. */
  #heapMb: number | undefined;
  /** Measure the heap after each task (the pool's maxMemoryPerChild). */
  measureHeap = false;
  /** Sequence number of the task running now (-1: none), for currentTask() and abort messages. */
  #seq = -1;
  /** The running task's context, made on the first currentTask() call. */
  #context: (TaskContext & { controller: AbortController }) | undefined;
  /** Why the running task was aborted before it asked for its signal. */
  #abortedWith: DOMException | undefined;
  readonly #workerId: number;
  /** The pool is terminating: no further task starts. */
  #halted = false;
  /** With concurrentTasksPerWorker > 1: the tasks in flight (see task_slots.ts), and the pending values' sequence numbers. */
  #slots: TaskSlots | undefined;
  #seqs: number[] = [];
  /** Results carry their seq (they may end out of order). */
  #tagged = false;
  /** Context 'inline': results and errors stay the objects the task made (nothing is cloned). */
  #byReference = false;

  /** Loads the shareable classes' revivers; kept off start-up, loaded when a task first needs one. */
  #loadRevivers: (() => Promise<unknown>) | undefined;

  constructor(transport: Transport, control: SharedArrayBuffer | undefined, loadRevivers?: () => Promise<unknown>, workerId = -1) {
    this.#transport = transport;
    this.#workerId = workerId;
    (globalThis as Record<symbol, unknown>)[kCurrentTask] = () => this.#current();
    this.#loadRevivers = loadRevivers;
    this.#ctl32 = control && new Int32Array(control, 0, Control.INT32S);
    this.#ctl64 = control && new Float64Array(control);
    this.#claims = control && new Int32Array(control, Control.CLAIM_OFFSET, Control.CLAIMS);
  }

  get fns(): FnTable {
    return this.#fns;
  }

  /** Lets up to `limit` async tasks run at once (the pool's concurrentTasksPerWorker); call before the first task. */
  setConcurrency(limit: number): void {
    if (limit > 1) this.#slots = new TaskSlots(limit, this.#ctl32, this.#ctl64, this.#workerId);
    this.#tagged = limit > 1;
  }

  /**
   * Context 'inline' (this runner shares the calling thread with the pool and other runners): tasks always run in
   * slots, so currentTask() finds each one's context, and results and errors are passed as they are.
   * @returns the slots, whose `onIdle` tells when no task runs any more.
   */
  runInline(limit: number): TaskSlots {
    this.#slots = new TaskSlots(limit, this.#ctl32, this.#ctl64, this.#workerId);
    this.#tagged = limit > 1;
    this.#byReference = true;
    return this.#slots;
  }

  /** Starts no further task and fires the running tasks' signals (an inline worker being stopped). */
  halt(reason: DOMException): void {
    this.#halted = true;
    this.#slots?.abortAll(reason);
  }

  /** A message from the pool: tasks to run, or the abort of one. */
  receive(message: ToWorker): void {
    if (message.type === 'abort') this.#abort(message);
    else this.accept(message);
  }

  /** The running task's context (currentTask()), or undefined between tasks. */
  #current(): TaskContext | undefined {
    if (this.#slots !== undefined) return this.#slots.current();
    if (this.#seq < 0) return undefined;
    if (this.#context === undefined) {
      const controller = new AbortController();
      if (this.#abortedWith !== undefined) controller.abort(this.#abortedWith);
      this.#context = { controller, signal: controller.signal, workerId: this.#workerId };
    }
    return this.#context;
  }

  /** Fires the running task's signal if it is the one aborted. */
  #abort(message: AbortMessage): void {
    if (message.halt === true) this.#halted = true;
    if (this.#slots !== undefined) {
      this.#slots.abort(message.seq, new DOMException(message.message, message.reason));
      return;
    }
    if (message.seq !== this.#seq || this.#abortedWith !== undefined) return;
    this.#abortedWith = new DOMException(message.message, message.reason);
    this.#context?.controller.abort(this.#abortedWith);
  }

  accept(batch: RunMessage): void {
    if (batch.defs !== undefined) for (const def of batch.defs) this.#fns.define(def);
    this.#batches.push(batch);
    if (!this.#running) void this.#loop();
  }

  /** Sends every pending result (also called from process 'exit'). */
  flush(): void {
    this.#lastFlush = performance.now();
    if (this.#values.length === 0) return;
    const message: DoneMessage = {
      type: 'done',
      first: this.#first,
      values: this.#values,
      failed: this.#failed,
      skipped: this.#skipped,
      times: this.#times,
      tables: this.#tables,
      unsendable: undefined,
      heapMb: this.#heapMb,
    };
    if (this.#tagged) {
      message.seqs = this.#seqs;
      this.#seqs = [];
    }
    this.#heapMb = undefined;
    const transfer = this.#transfer;
    const ends = this.#transferEnds;
    this.#first += this.#values.length;
    this.#values = [];
    this.#times = [];
    this.#tables = undefined;
    this.#transfer = [];
    this.#transferEnds = [];
    this.#failed = undefined;
    this.#skipped = undefined;
    try {
      this.#transport.post(message, transfer);
    } catch {
      // A value structured clone refuses (a function, a symbol…) fails its
      // own task, as Python's MaybeEncodingError: the worker lives on.
      const each = ends.map((end, k) => transfer.slice(k === 0 ? 0 : ends[k - 1], end));
      postEach(message, each, (part, list) => this.#transport.post(part, list));
    }
  }

  async #loop(): Promise<void> {
    this.#running = true;
    while (this.#batches.length > 0) {
      const batch = this.#batches.shift()!;
      if (this.#values.length === 0) this.#first = batch.first;
      for (let i = 0; i < batch.fns.length; i++) {
        const pending = this.#runOne(batch, i);
        if (pending !== undefined) await pending;
      }
      if (this.#batches.length === 0 || performance.now() - this.#lastFlush >= FLUSH_EVERY_MS) this.flush();
    }
    this.#running = false;
  }

  /** Runs task i of `batch`; returns a promise only when it went async. */
  #runOne(batch: RunMessage, i: number): Promise<void> | undefined {
    const id = batch.fns[i]!;
    if (this.#halted) {
      // Terminating: send what is done and start nothing more; the pool stops this worker.
      this.flush();
      return new Promise<void>(() => {});
    }
    const claims = this.#claims;
    if (claims !== undefined) {
      const cell = (batch.first + i) % Control.CLAIMS;
      const claim = Atomics.compareExchange(claims, cell, Claim.FREE, Claim.CLAIMED);
      if (claim === Claim.STOLEN) {
        // Another worker runs it: no trace here, and the cell is free again.
        Atomics.store(claims, cell, Claim.FREE);
        return undefined;
      }
      if (claim === Claim.CANCELLED) {
        (this.#skipped ??= []).push(this.#values.length);
        this.#record(undefined, 0, undefined, batch.first + i);
        return undefined;
      }
    }
    const flag = batch.flags?.[i];
    if (flag !== undefined && Atomics.load(flag, 0) !== 0) {
      (this.#skipped ??= []).push(this.#values.length);
      this.#record(undefined, 0, undefined, batch.first + i);
      return undefined;
    }
    const fn = this.#fns.get(id);
    const quick = (this.#quickRuns.get(id) ?? 0) >= QUICK_RUNS;
    if (this.#values.length > 0 && (!quick || typeof fn !== 'function')) this.flush();
    if (typeof fn !== 'function') return fn.then((f) => this.#start(f, batch, i));
    return this.#start(fn, batch, i);
  }

  #start(fn: TaskFn, batch: RunMessage, i: number): Promise<void> | undefined {
    const seq = batch.first + i;
    const t0 = performance.now();
    if (this.#ctl32 !== undefined) {
      this.#ctl64![Control.STARTED] = performance.timeOrigin + t0;
      Atomics.store(this.#ctl32, Control.SEQ, seq);
      // The pool is stopping this worker and may have re-queued this task: never start it.
      if (Atomics.load(this.#ctl32, Control.STOP) !== 0) return new Promise<void>(() => {});
      Atomics.store(this.#ctl32, Control.STATE, 1);
    }
    this.#seq = seq;
    this.#context = undefined;
    this.#abortedWith = undefined;
    const kind = batch.kinds[i]!;
    const id = batch.fns[i]!;
    const table = batch.tables?.[i];
    const load = this.#loadRevivers;
    if (table !== undefined && load !== undefined) {
      // The shared objects' classes load only once a payload holds one.
      this.#loadRevivers = undefined;
      this.flush();
      return load().then(() => this.#start(fn, batch, i));
    }
    if (this.#slots !== undefined) return this.#startConcurrent(this.#slots, fn, batch, i, t0);
    let out: unknown;
    try {
      out = invoke(fn, kind, decode(batch.payloads[i], table));
    } catch (error) {
      this.#finish(id, kind, t0, error, false);
      return undefined;
    }
    if (!isThenable(out)) {
      this.#finish(id, kind, t0, out, true);
      return undefined;
    }
    this.flush();
    return Promise.resolve(out).then(
      (value) => this.#finish(id, kind, t0, value, true),
      (error: unknown) => this.#finish(id, kind, t0, error, false),
    );
  }

  /**
   * #start's end with concurrentTasksPerWorker > 1: the task runs in a slot; an async one is left running and the loop
   * waits only for a free slot, not for its end. Its result is sent as soon as it ends (tagged with its seq).
   */
  #startConcurrent(slots: TaskSlots, fn: TaskFn, batch: RunMessage, i: number, t0: number): Promise<void> | undefined {
    const seq = batch.first + i;
    const kind = batch.kinds[i]!;
    const id = batch.fns[i]!;
    const slot = slots.begin(seq, performance.timeOrigin + t0);
    let out: unknown;
    try {
      out = slots.run(slot, () => invoke(fn, kind, decode(batch.payloads[i], batch.tables?.[i])));
    } catch (error) {
      this.#finish(id, kind, t0, error, false, slot);
      return undefined;
    }
    if (!isThenable(out)) {
      this.#finish(id, kind, t0, out, true, slot);
      return undefined;
    }
    this.flush();
    const end = (value: unknown, ok: boolean): void => {
      this.#finish(id, kind, t0, value, ok, slot);
      this.flush();
    };
    Promise.resolve(out).then(
      (value) => end(value, true),
      (error: unknown) => end(error, false),
    );
    return slots.room();
  }

  #finish(id: number, kind: TaskKindValue, t0: number, out: unknown, ok: boolean, slot?: Slot): void {
    const t1 = performance.now();
    if (slot !== undefined) {
      this.#slots!.end(slot);
      if (this.#tagged) this.#seqs.push(slot.seq);
    }
    if (!this.#tagged) {
      this.#seq = -1;
      if (this.#ctl32 !== undefined) Atomics.store(this.#ctl32, Control.STATE, 0);
    }
    this.#quickRuns.set(id, t1 - t0 <= SLOW_TASK_MS ? (this.#quickRuns.get(id) ?? 0) + 1 : 0);
    if (ok) {
      const chunk = kind === TaskKind.MAP || kind === TaskKind.STARMAP;
      try {
        const value = chunk ? chunkResult(out as unknown[], this.#transfer) : unwrap(out, this.#transfer);
        if (this.#byReference || !needsWalk(value)) this.#record(value, t1 - t0, undefined);
        else {
          const encoded = encode(value);
          this.#record(encoded.value, t1 - t0, encoded.table);
        }
      } catch (error) {
        // A shared object that cannot be shared (a Barrier with a closure action).
        ok = false;
        out = error;
      }
    }
    if (!ok) {
      (this.#failed ??= []).push(this.#values.length);
      // Inline, the caller gets the very value thrown (decodeError returns a `thrown` as it is).
      this.#record(this.#byReference ? { ...encodeError(undefined), thrown: out } : encodeError(out), t1 - t0, undefined);
    }
    if (this.measureHeap) {
      const mb = getHeapStatistics().used_heap_size / 1048576;
      if (this.#heapMb === undefined || mb > this.#heapMb) this.#heapMb = mb;
    }
    if (t1 - this.#lastFlush >= FLUSH_EVERY_MS) this.flush();
  }

  #record(value: unknown, ms: number, table: SharedTable | undefined, seq?: number): void {
    if (seq !== undefined && this.#tagged) this.#seqs.push(seq);
    if (table !== undefined) (this.#tables ??= new Array<SharedTable | undefined>(this.#values.length))[this.#values.length] = table;
    this.#values.push(value);
    this.#times.push(ms);
    this.#transferEnds.push(this.#transfer.length);
  }
}

/** Takes a `{ [kTransfer]: list, value }` marker apart, adding its list to `transfer`. */
function unwrap(value: unknown, transfer: Transferable[]): unknown {
  if (typeof value !== 'object' || value === null || !(kTransfer in value)) return value;
  const marker = value as { [kTransfer]: Transferable[]; value: unknown };
  transfer.push(...marker[kTransfer]);
  return marker.value;
}

/** A chunk's results: packed into a transferred Float64Array when they are all numbers. */
function chunkResult(values: unknown[], transfer: Transferable[]): unknown {
  const packed = packNumbers(values);
  if (packed !== undefined) {
    transfer.push(packed.buffer);
    return packed;
  }
  for (let k = 0; k < values.length; k++) {
    if (typeof values[k] === 'object') values[k] = unwrap(values[k], transfer);
  }
  return values;
}
