/**
 * Entry of a Pool worker in context 'process': a child_process.fork child
 * speaking the same protocol as pool_entry.ts over the IPC channel (advanced
 * serialization). The first message is the WorkerInit; there is no control
 * block (no shared memory), so the pool treats the oldest held task as the
 * running one. Like pool_entry.ts it never imports the main-thread pool.
 */
import { decode } from '../pool/shared_codec.js';
import { encodeError } from '../pool/error_codec.js';
import type { FromWorker, ToWorker, WorkerInit } from '../pool/types.js';
import { Runner, type Transport } from './pool_runner.js';

const loadRevivers = (): Promise<unknown> => import('./pool_revivers.js');

async function decodeArgs(init: WorkerInit): Promise<unknown[]> {
  if (init.initTable !== undefined) await loadRevivers();
  return decode(init.initargs, init.initTable) as unknown[];
}

function send(message: FromWorker): void {
  // The channel may be gone when the pool stopped us; nothing left to tell it.
  if (process.connected) process.send!(message);
}

async function start(init: WorkerInit): Promise<void> {
  const transport: Transport = { post: (message) => send(message) };
  const runner = new Runner(transport, undefined, loadRevivers, init.workerId);
  runner.measureHeap = init.measureHeap === true;
  runner.setConcurrency(init.concurrency ?? 1);
  try {
    if (init.initializer !== undefined) {
      runner.fns.define(init.initializer);
      const fn = await runner.fns.get(init.initializer.id);
      await fn(...(await decodeArgs(init)));
    }
  } catch (error) {
    send({ type: 'init-failed', error: encodeError(error) });
    // Let the IPC message leave before exiting.
    setImmediate(() => process.exit(1));
    return;
  }
  process.on('exit', () => runner.flush());
  process.on('message', (message: ToWorker) => runner.receive(message));
  send({ type: 'ready' });
}

// An uncaught error ends the child, as it would a thread; tell the pool why
// first (the thread runtime learns it from the Worker's 'error' event). The
// 'init-failed' message only records the crash cause on the pool side.
process.on('uncaughtException', (error) => {
  if (!process.connected) process.exit(1);
  process.send!({ type: 'init-failed', error: encodeError(error) } satisfies FromWorker, () => process.exit(1));
});

// The pool's process is gone (or it closed the channel): nothing else will stop us.
process.on('disconnect', () => process.exit(0));
process.once('message', (init: WorkerInit) => void start(init));
