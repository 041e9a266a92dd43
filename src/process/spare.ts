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
 * (once a new worker is online).
 */
export function processWorker(entry: URL, init: ProcessInit): Worker {
  const ready = spare;
  spare = undefined;
  if (ready === undefined) {
    const worker = newWorker(entry, { name: init.name, workerData: init });
    // Not before it is up: two workers loading at once would slow this one's start.
    worker.once('online', () => {
      if (spare === undefined) startSpare(entry);
    });
    return worker;
  }
  ready.removeAllListeners('error').removeAllListeners('exit');
  ready.ref();
  ready.postMessage(init);
  startSpare(entry);
  return ready;
}
