/**
 * Entry of a Pool worker. It imports the message types, the error codec, the
 * shareable contract and the task loop, never the main-thread pool.
 *
 * Start-up: run the initializer (if any) with its initargs, then report
 * 'ready'. A failing initializer reports 'init-failed' and exits with code 1,
 * which the pool counts toward its broken-pool limit.
 *
 * Transport: a worker_threads parentPort. A child_process runtime would send
 * the same WorkerInit as its first message and use process.send; only
 * `transport()` and `initData()` would change.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { decode } from '../pool/shared_codec.js';
import { encodeError } from '../pool/error_codec.js';
import type { FromWorker, ToWorker, Transferable, WorkerInit } from '../pool/types.js';
import { Runner, type Transport } from './pool_runner.js';

// The shareable classes (Lock, Queue, Value…) load only once a payload holds
// one, which keeps them off every worker's start-up.
const loadRevivers = (): Promise<unknown> => import('./pool_revivers.js');

async function decodeArgs(init: WorkerInit): Promise<unknown[]> {
  if (init.initTable !== undefined) await loadRevivers();
  return decode(init.initargs, init.initTable) as unknown[];
}

function send(message: FromWorker, transfer: Transferable[] = []): void {
  parentPort!.postMessage(message, transfer);
}

async function initialize(runner: Runner, init: WorkerInit): Promise<void> {
  if (init.initializer === undefined) return;
  runner.fns.define(init.initializer);
  const fn = await runner.fns.get(init.initializer.id);
  await fn(...(await decodeArgs(init)));
}

async function main(): Promise<void> {
  const init = workerData as WorkerInit;
  const transport: Transport = { post: send };
  const runner = new Runner(transport, init.control, loadRevivers, init.workerId);
  runner.measureHeap = init.measureHeap === true;
  runner.setConcurrency(init.concurrency ?? 1);
  try {
    await initialize(runner, init);
  } catch (error) {
    send({ type: 'init-failed', error: encodeError(error) });
    process.exit(1);
  }
  // A task that calls process.exit() still gets the results finished before
  // it delivered: 'exit' listeners run before the thread stops.
  process.on('exit', () => runner.flush());
  parentPort!.on('message', (message: ToWorker) => runner.receive(message));
  send({ type: 'ready' });
}

void main();
