/**
 * Entry of a Process worker (a worker_threads Worker or a forked child; see
 * src/process/runtime.ts). It imports the function table, the shared codec
 * and the revivers, never the main-thread Process class.
 *
 * Exit codes, as in Python: the target returning (or its promise resolving)
 * lets the worker end with 0 once nothing else keeps it alive; an error from
 * the target is printed to stderr as "Process <name>:" and its stack, and
 * the exit code is 1; `process.exit(n)` in the target gives n.
 */
import { isMainThread, parentPort, threadId, workerData } from 'node:worker_threads';
import { decode } from '../pool/shared_codec.js';
import { SPARE } from '../process/spare.js';
import { kCurrent, type ProcessInfo, type ProcessInit } from '../process/types.js';
import { reportError } from '../process/report.js';
import { FnTable } from './pool_fns.js';

async function run(init: ProcessInit): Promise<void> {
  const info: ProcessInfo = Object.freeze({
    name: init.name,
    ident: isMainThread ? process.pid : threadId,
    pid: process.pid,
    daemon: init.daemon,
  });
  (globalThis as { [kCurrent]?: ProcessInfo })[kCurrent] = info;
  try {
    if (init.target === undefined) return;
    const table = new FnTable();
    table.define({ id: 1, ...init.target });
    const fn = await table.get(1);
    // The shareable classes' revivers (tens of ms to load) only when an argument is a shared object.
    if (init.argsTable !== undefined) await import('./pool_revivers.js');
    await fn(...(decode(init.args, init.argsTable) as unknown[]));
  } catch (error) {
    reportError(init.name, error);
    process.exitCode = 1;
  }
}

if (!isMainThread) {
  if (workerData === SPARE) {
    // Started ahead of need (src/process/spare.ts): the init comes as the first message; the port
    // must not keep the thread alive after it.
    parentPort!.once('message', (init: ProcessInit) => {
      parentPort!.unref();
      void run(init);
    });
  } else void run(workerData as ProcessInit);
} else {
  // A forked child: the parent sends the init as the first IPC message, then
  // the channel is unref'd so it does not keep this process alive.
  process.once('message', (init: ProcessInit) => {
    (process.channel as { unref?: () => void } | undefined)?.unref?.();
    void run(init);
  });
}
