/**
 * imap / imapUnordered: async iterators over results that pull their input
 * (a sync or async iterable) lazily. At most `buffersize` chunks are out at
 * a time, counting both chunks being computed and results waiting for the
 * consumer, so memory stays bounded for huge or endless inputs.
 *
 * As in Python, a failing chunk surfaces as one rejected next() at its
 * position (imap) or when it arrives (imapUnordered), and iteration may go on
 * after it; `for await` stops at the first rejection. After join() has been
 * called the window no longer holds input back, so the pool can finish.
 */
import type { AbortError } from '../errors.js';
import { packNumbers } from './packing.js';
import type { Engine, Feeder } from './engine.js';
import type { FnEntry } from './fn_source.js';
import { abortFlag, onAbort } from '../abort.js';
import type { ProgressCallback, TaskSink } from './jobs.js';
import { kDone, kFailed, makeTask, Task, type Job } from './task.js';
import type { TaskKindValue } from './types.js';

type Outcome = { ok: true; values: unknown[] } | { ok: false; error: unknown };
export type Take = { ok: true; value: unknown } | { ok: false; error: unknown } | 'done' | undefined;

export interface IMapSetup {
  sink: TaskSink;
  engine: Engine;
  fn: FnEntry;
  source: Iterator<unknown> | AsyncIterator<unknown>;
  /** Whether `source` is an async iterator (its next() returns Promises). */
  async: boolean;
  kind: TaskKindValue;
  ordered: boolean;
  chunksize: number;
  buffersize: number;
  signal: AbortSignal | undefined;
  /** The call's priority, given to each of its chunks. */
  priority: number;
  /** The call's `timeout`, given to each of its chunks. */
  timeout?: number | undefined;
  onProgress: ProgressCallback | undefined;
}

/** The engine side of one imap call. */
export class IMapJob implements Job, Feeder {
  readonly #s: IMapSetup;
  readonly #flag = abortFlag();
  readonly #live = new Set<Task>();
  readonly #ready = new Map<number, Outcome>();
  readonly #arrived: Outcome[] = [];
  #current: unknown[] | undefined;
  #pos = 0;
  #yieldIndex = 0;
  #submitted = 0;
  #outstanding = 0;
  #pulled = 0;
  #done = 0;
  #exhausted = false;
  #pumping = false;
  #draining = false;
  /** An error to deliver once everything before it is consumed (input failure, abort). */
  #terminal: { error: unknown } | undefined;
  stopped = false;
  readonly unlisten: () => void;
  onChange: () => void = () => {};

  constructor(setup: IMapSetup) {
    this.#s = setup;
    setup.engine.addFeeder(this);
    this.unlisten = onAbort(setup.signal, (error) => this.abort(error));
  }

  drain(): void {
    this.#draining = true;
    void this.pump();
  }

  async pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (!this.stopped && !this.#exhausted && (this.#outstanding < this.#s.buffersize || this.#draining)) {
        if (!this.#s.engine.hasRoom()) await this.#s.engine.waitForRoom();
        const chunk = this.#s.async ? await this.#pullAsync() : this.#pullSync();
        if (chunk.length > 0 && !this.stopped) this.#submit(chunk);
      }
    } finally {
      this.#pumping = false;
      if (this.#exhausted || this.stopped) this.#s.engine.removeFeeder(this);
      this.onChange();
    }
  }

  #pullSync(): unknown[] {
    const chunk: unknown[] = [];
    const source = this.#s.source as Iterator<unknown>;
    try {
      while (chunk.length < this.#s.chunksize) {
        const r = source.next();
        if (r.done === true) {
          this.#exhausted = true;
          break;
        }
        chunk.push(r.value);
      }
    } catch (error) {
      this.#inputFailed(error);
    }
    this.#pulled += chunk.length;
    return chunk;
  }

  async #pullAsync(): Promise<unknown[]> {
    const chunk: unknown[] = [];
    const source = this.#s.source as AsyncIterator<unknown>;
    try {
      while (chunk.length < this.#s.chunksize) {
        const r = await source.next();
        if (r.done === true) {
          this.#exhausted = true;
          break;
        }
        chunk.push(r.value);
      }
    } catch (error) {
      this.#inputFailed(error);
    }
    this.#pulled += chunk.length;
    return chunk;
  }

  #inputFailed(error: unknown): void {
    this.#exhausted = true;
    this.#terminal ??= { error };
  }

  #submit(chunk: unknown[]): void {
    const local = this.#s.fn.kernel !== undefined;
    const packed = local ? undefined : packNumbers(chunk);
    const index = this.#submitted++;
    const task =
      packed === undefined
        ? makeTask(this.#s.fn, this.#s.kind, chunk, chunk.length, this, index, undefined, this.#flag)
        : new Task(this.#s.fn, this.#s.kind, packed, chunk.length, this, index, [packed.buffer], this.#flag);
    task.priority = this.#s.priority;
    task.timeout = this.#s.timeout;
    this.#outstanding++;
    this.#live.add(task);
    this.#s.sink.submit(task);
  }

  [kDone](task: Task, value: unknown): void {
    this.#arrive(task, { ok: true, values: value as unknown[] });
    this.#done += task.items;
    const report = this.#s.onProgress;
    if (report === undefined) return;
    try {
      report(this.#done, this.#exhausted ? this.#pulled : undefined);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  }

  [kFailed](task: Task, error: unknown): void {
    this.#arrive(task, { ok: false, error });
  }

  #arrive(task: Task, outcome: Outcome): void {
    this.#live.delete(task);
    if (this.stopped) return;
    if (this.#s.ordered) this.#ready.set(task.index, outcome);
    else this.#arrived.push(outcome);
    this.onChange();
  }

  /** The next thing to hand the consumer, or undefined when nothing is ready yet. */
  take(): Take {
    if (this.stopped) return this.#final();
    for (;;) {
      if (this.#current !== undefined) {
        if (this.#pos < this.#current.length) return { ok: true, value: this.#current[this.#pos++] };
        this.#current = undefined;
        this.#chunkConsumed();
      }
      const outcome = this.#s.ordered ? this.#ready.get(this.#yieldIndex) : this.#arrived.shift();
      if (outcome === undefined) break;
      if (this.#s.ordered) this.#ready.delete(this.#yieldIndex);
      this.#yieldIndex++;
      if (!outcome.ok) {
        this.#chunkConsumed();
        return { ok: false, error: outcome.error };
      }
      this.#current = outcome.values;
      this.#pos = 0;
    }
    if (this.#yieldIndex < this.#submitted || !this.#exhausted || this.#pumping) return undefined;
    return this.#final();
  }

  /** After the last result: the pending input error or abort once, then done. */
  #final(): Take {
    if (this.#terminal === undefined) return 'done';
    const { error } = this.#terminal;
    this.#terminal = undefined;
    this.stop();
    return { ok: false, error };
  }

  #chunkConsumed(): void {
    this.#outstanding--;
    // Not synchronously: take() runs inside the consumer's delivery loop.
    if (!this.#exhausted && !this.stopped) queueMicrotask(() => void this.pump());
  }

  /** Stops feeding and withdraws the tasks still out; running ones are stopped only for an abort. */
  stop(stopRunning = false): void {
    if (this.stopped) return;
    this.stopped = true;
    this.unlisten();
    Atomics.store(this.#flag, 0, 1);
    for (const task of this.#live) this.#s.sink.cancel(task, stopRunning);
    this.#live.clear();
    if (!this.#exhausted) void Promise.resolve(this.#s.source.return?.()).catch(() => {});
    if (!this.#pumping) this.#s.engine.removeFeeder(this);
  }

  /** return(): nothing more is delivered, not even a pending input error. */
  close(): void {
    this.#terminal = undefined;
    this.stop();
  }

  abort(error: AbortError): void {
    this.#terminal = { error };
    this.stop(true);
    this.onChange();
  }
}
