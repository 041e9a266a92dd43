/**
 * worker_threads entry of the fallback backend. It imports kernels and the
 * message types only, never the main-thread pool.
 */
import { parentPort } from 'node:worker_threads';
import { serializeError } from '../errors.js';
import { reduceTwin } from '../kernels/registry.js';
import { runBlocks } from '../kernels/run.js';
import type { ResultMessage, TaskMessage } from './types.js';

function handle(task: TaskMessage): ResultMessage {
  try {
    const parts = runBlocks(reduceTwin(task.kernel), task.ops, task.first, task.last);
    return { id: task.id, ok: true, parts };
  } catch (error) {
    return { id: task.id, ok: false, error: serializeError(error) };
  }
}

parentPort!.on('message', (task: TaskMessage) => {
  const result = handle(task);
  parentPort!.postMessage(result, result.ok ? [result.parts.buffer as ArrayBuffer] : []);
});
