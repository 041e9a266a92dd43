/**
 * The fallback backend's worker_threads: one lazily started worker per
 * thread, each fed FIFO. Idle workers are unref'd so they never keep the
 * process alive; a worker that dies rejects exactly the tasks it held and is
 * replaced on next use.
 */
import type { Worker } from 'node:worker_threads';
import { newWorker } from '../exec_argv.js';
import { CorepoolError, ErrorCode, deserializeError } from '../errors.js';
import type { ResultMessage, TaskMessage, TaskOutput } from '../worker/types.js';

interface Pending {
  resolve(output: TaskOutput): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** Splits `count` blocks into `parts` contiguous ranges; earlier ranges take the remainder. */
export function splitBlocks(count: number, parts: number): Array<[number, number]> {
  const used = Math.min(parts, count);
  const ranges: Array<[number, number]> = [];
  let first = 0;
  for (let w = 0; w < used; w++) {
    const last = first + Math.floor(count / used) + (w < count % used ? 1 : 0);
    ranges.push([first, last]);
    first = last;
  }
  return ranges;
}

const sharedGrowable = Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'growable')?.get;

/**
 * `value` with every view of a growable SharedArrayBuffer replaced by a
 * fixed-length view of the same memory. A length-tracking view is posted as
 * length-tracking, and the worker reads the message later: a buffer grown in
 * between would show it more elements than the call was made with.
 */
function pinLengths(value: unknown, depth = 0): unknown {
  if (ArrayBuffer.isView(value)) {
    const buffer = value.buffer;
    const growable =
      sharedGrowable !== undefined && buffer instanceof SharedArrayBuffer && Reflect.apply(sharedGrowable, buffer, []) === true;
    return growable && !(value instanceof DataView)
      ? (value as unknown as Uint8Array).subarray(0, (value as unknown as Uint8Array).length)
      : value;
  }
  if (depth > 4 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => pinLengths(item, depth + 1));
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const pinned = pinLengths(item, depth + 1);
    if (pinned !== item) (copy ??= { ...value })[key] = pinned;
  }
  return copy ?? value;
}

export class KernelWorkers {
  readonly #slots: Array<Slot | undefined>;
  #nextId = 1;

  constructor(size: number) {
    this.#slots = new Array<Slot | undefined>(size).fill(undefined);
  }

  get size(): number {
    return this.#slots.length;
  }

  /** Sends `task` (without its id) to worker `index` and resolves with its output. */
  run(index: number, task: DistributiveOmit<TaskMessage, 'id'>): Promise<TaskOutput> {
    const slot = this.#slot(index);
    const id = this.#nextId++;
    return new Promise<TaskOutput>((resolve, reject) => {
      if (slot.pending.size === 0) slot.worker.ref();
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage(pinLengths({ ...task, id }) as TaskMessage);
    });
  }

  #slot(index: number): Slot {
    const existing = this.#slots[index];
    if (existing !== undefined) return existing;
    const worker = newWorker(WORKER_URL, { name: `corepool-kernel-${index}` });
    const slot: Slot = { worker, pending: new Map() };
    worker.unref();
    worker.on('message', (message: ResultMessage) => this.#settle(slot, message));
    worker.on('error', (error) =>
      this.#fail(
        index,
        slot,
        new CorepoolError(ErrorCode.WORKER_FAILED, `kernel worker ${index} failed: ${error.message}`, { cause: error }),
      ),
    );
    worker.on('exit', (code) =>
      this.#fail(index, slot, new CorepoolError(ErrorCode.WORKER_EXITED, `kernel worker ${index} exited with code ${code}`)),
    );
    this.#slots[index] = slot;
    return slot;
  }

  #settle(slot: Slot, message: ResultMessage): void {
    const pending = slot.pending.get(message.id);
    if (pending === undefined) return;
    slot.pending.delete(message.id);
    if (slot.pending.size === 0) slot.worker.unref();
    if (message.ok) {
      pending.resolve(message);
    } else {
      const cause = deserializeError(message.error);
      pending.reject(new CorepoolError(ErrorCode.KERNEL_FAILED, `kernel failed in a worker: ${cause.message}`, { cause }));
    }
  }

  #fail(index: number, slot: Slot, error: Error): void {
    if (this.#slots[index] === slot) this.#slots[index] = undefined;
    const pending = [...slot.pending.values()];
    slot.pending.clear();
    for (const p of pending) p.reject(error);
    void slot.worker.terminate();
  }
}
