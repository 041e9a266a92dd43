/**
 * A thread Process starts on a worker that is already up. Starting a
 * worker_threads Worker and loading the entry costs tens of milliseconds
 * (most of a Process's start-up), so once a Process has started, the next
 * one's worker starts in the background: it loads the entry and waits,
 * unref'd (it never keeps the program alive), for its init message.
 * The first Process of a program pays the cold start; later ones do not.
 */
import type { Worker } from 'node:worker_threads';
import { newWorker } from '../exec_argv.js';
import type { ProcessInit } from './types.js';

/** What a spare's workerData says: wait for the init message. */
export const SPARE = 'corepool:process-spare';

/** How long after a cold-started worker came online the next one's spare starts, at the latest. */
const SPARE_DELAY_MS = 50;

let spare: Worker | undefined;

function startSpare(entry: URL): void {
  let worker: Worker;
  try {
    worker = newWorker(entry, { name: 'corepool-process', workerData: SPARE });
  } catch {
    return; // the next Process starts cold, and reports whatever this was
  }
  worker.unref();
  // A spare that fails before it is used is dropped; nobody is waiting on it.
  const drop = (): void => {
    if (spare === worker) spare = undefined;
  };
  worker.once('error', drop);
  worker.once('exit', drop);
  spare = worker;
}

/**
 * A worker running `entry` with `init`: the waiting spare when there is
 * one, else a new one; either way a spare is started for the next call
 * (for a new worker, once it has loaded).
 */
export function processWorker(entry: URL, init: ProcessInit): Worker {
  const ready = spare;
  spare = undefined;
  if (ready === undefined) {
    const worker = newWorker(entry, { name: init.name, workerData: init });
    // Not while this one still loads: two workers loading at once made a cold start + join about
    // 15 ms slower here (45-60 ms against 30-40). So once it has ended, or SPARE_DELAY_MS after it
    // came online (it has loaded by then), whichever comes first.
    let timer: NodeJS.Timeout | undefined;
    const start = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      if (spare === undefined) startSpare(entry);
    };
    worker.once('online', () => {
      timer = setTimeout(start, SPARE_DELAY_MS).unref();
    });
    worker.once('exit', start);
    return worker;
  }
  ready.removeAllListeners('error').removeAllListeners('exit');
  ready.ref();
  ready.postMessage(init);
  startSpare(entry);
  return ready;
}
