/**
 * The fallback backend's worker path without its size threshold: two (or N)
 * workers running dist/worker.js, fed the same ReduceTask messages the
 * backend sends (src/worker/types.ts), with blocks split the same way as
 * reduceOnWorkers in src/backend/fallback.ts. The public API never sends an
 * input of INLINE_MAX_ELEMENTS or fewer to the workers, so this is the only
 * way to time that path below the threshold, which is what choosing the
 * threshold needs.
 */
import { Worker } from 'node:worker_threads';

const WORKER_URL = new URL('../../dist/worker.js', import.meta.url);
const BLOCK = 16384; // REDUCE_BLOCK in src/kernels/blocks.ts
const SUM = 0; // wire id of sum (src/kernels/registry.ts)

export class RawWorkers {
  #workers;
  #pending = new Map();
  #nextId = 1;

  constructor(size) {
    this.#workers = Array.from({ length: size }, (_, i) => {
      const worker = new Worker(WORKER_URL, { name: `bench-kernel-${i}` });
      worker.on('message', (message) => this.#settle(message));
      return worker;
    });
  }

  #settle(message) {
    const pending = this.#pending.get(message.id);
    this.#pending.delete(message.id);
    if (message.ok) pending.resolve(message.parts);
    else pending.reject(new Error(`worker failed: ${message.error?.message ?? 'unknown error'}`));
  }

  #run(index, task) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#workers[index].postMessage({ ...task, id });
    });
  }

  /** Sum of a shared Float64Array on the workers, one contiguous block range each. */
  async sum(a) {
    const count = Math.ceil(a.length / BLOCK);
    const used = Math.min(this.#workers.length, count);
    const runs = [];
    const blocks = [];
    let first = 0;
    for (let w = 0; w < used; w++) {
      const last = first + Math.floor(count / used) + (w < count % used ? 1 : 0);
      runs.push(this.#run(w, { kind: 'reduce', kernel: SUM, ops: [a], first, last }));
      blocks.push(last - first);
      first = last;
    }
    let total = 0;
    (await Promise.all(runs)).forEach((parts, w) => {
      // Each block's partial is a fixed number of fields (PARTIAL_FIELDS in
      // src/kernels/reduce.ts), the value first; derived here, not copied.
      const fields = parts.length / blocks[w];
      for (let i = 0; i < parts.length; i += fields) total += parts[i];
    });
    return total;
  }

  async close() {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}
