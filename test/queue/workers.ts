/** Starts worker scenarios (test/fixtures/queue_worker.mjs, pipe_worker.mjs) and reads their messages in order. */
import { Worker } from 'node:worker_threads';
import { encodeShared } from 'corepool';
import { afterEach } from 'vitest';
import { fixture } from '../helpers/child.js';

export interface Spawned {
  readonly worker: Worker;
  /** The next message the worker posts (rejects if it fails or exits first). */
  next<T = Record<string, unknown>>(): Promise<T>;
}

const live = new Set<Worker>();
afterEach(async () => {
  await Promise.all([...live].map((w) => w.terminate()));
  live.clear();
});

/** Runs `scenario` of fixture `file` in a new worker with `data` (shared objects and all). */
export function spawnIn(file: string, scenario: string, data: Record<string, unknown> = {}): Spawned {
  const worker = new Worker(fixture(file), { workerData: encodeShared({ scenario, ...data }) });
  live.add(worker);
  const inbox: unknown[] = [];
  const readers: Array<{ resolve: (m: unknown) => void; reject: (e: unknown) => void }> = [];
  let failure: unknown;
  worker.on('message', (m) => {
    const reader = readers.shift();
    if (reader) reader.resolve(m);
    else inbox.push(m);
  });
  const fail = (error: unknown): void => {
    failure ??= error;
    for (const reader of readers.splice(0)) reader.reject(error);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => {
    live.delete(worker);
    fail(new Error(`worker exited with code ${code}`));
  });
  return {
    worker,
    next<T>(): Promise<T> {
      if (inbox.length > 0) return Promise.resolve(inbox.shift() as T);
      if (failure !== undefined) return Promise.reject(failure);
      return new Promise<T>((resolve, reject) => readers.push({ resolve: resolve as (m: unknown) => void, reject }));
    },
  };
}

export const spawn = (scenario: string, data: Record<string, unknown> = {}): Spawned => spawnIn('queue_worker.mjs', scenario, data);

/** Item n as the fixtures send it: a number, a string or an object. */
export const itemOf = (n: number): unknown => (n % 3 === 0 ? n : n % 3 === 1 ? `s${n}` : { n, tag: 'obj' });

/** Resolves once `check()` holds, polling every few ms (for states another thread reaches). */
export async function until(check: () => boolean, what: string, limitMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
