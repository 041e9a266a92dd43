/**
 * worker_threads entry of the fallback backend. It imports kernels and the
 * message types only, never the main-thread pool.
 */
import { parentPort } from 'node:worker_threads';
import { serializeError } from '../errors.js';
import { runMapBlocks } from '../kernels/map.js';
import { runStridedMapBlocks } from '../kernels/map_strided.js';
import { mapTwin, reduceTwin } from '../kernels/registry.js';
import { runRandomBlocks } from '../kernels/random.js';
import { runBlocks } from '../kernels/run.js';
import { axisLayout, runReduceAxis } from '../kernels/reduce_axis.js';
import { histRunParts } from '../kernels/histogram.js';
import { runScanChain } from './scan_chain.js';
import { runSortStep } from '../kernels/sort_steps.js';
import { scanLineRange } from '../kernels/scans.js';
import { runLinalg } from './linalg_task.js';
import { decodeProgram, runExprBlocks } from '../kernels/expr_vm.js';
import type { ResultMessage, TaskMessage, TaskOutput } from './types.js';

// Partials or counts when the task ran to the end; done: false when its abort flag stopped it.
function done(parts: Float64Array | undefined): TaskOutput {
  return parts === undefined ? { done: false } : { parts, done: true };
}

function run(task: TaskMessage): TaskOutput {
  if (task.kind === 'reduce') return { parts: runBlocks(reduceTwin(task.kernel), task.ops, task.first, task.last, task.flag) };
  if (task.kind === 'reduceAxis') {
    runReduceAxis(reduceTwin(task.kernel), axisLayout(task.geometry, task.outerDims), task.a, task.out, task.first, task.last, task.flag);
    return { done: task.flag === undefined || Atomics.load(task.flag, 0) === 0 };
  }
  if (task.kind === 'scanChain')
    return { done: runScanChain(task.kernel, task.x, task.out, task.worker, task.workers, task.chain, task.flag) };
  if (task.kind === 'scanLines')
    return { done: scanLineRange(task.kernel, task.x, task.out, task.n, task.inner, task.first, task.last, task.flag) };
  if (task.kind === 'sort') return { done: runSortStep(task.step, task.flag) };
  if (task.kind === 'hist') return done(histRunParts(task.spec, task.first, task.last, task.flag));
  if (task.kind === 'linalg') return { done: runLinalg(task.op, task.begin, task.end, task.flag) };
  if (task.kind === 'expr') {
    const parts = runExprBlocks(decodeProgram(task.program), task.arrays, task.first, task.last, task.flag);
    return parts === undefined ? { done: false } : { parts, done: true };
  }
  if (task.kind === 'random') return { done: runRandomBlocks(task.params, task.out, task.first, task.last, task.flag) };
  if (task.geometry !== undefined) {
    return { done: runStridedMapBlocks(mapTwin(task.kernel), task.geometry, task.ins, task.out, task.first, task.last, task.flag) };
  }
  return { done: runMapBlocks(mapTwin(task.kernel), task.ins, task.out, task.first, task.last, task.flag) };
}

function handle(task: TaskMessage): ResultMessage {
  try {
    return { id: task.id, ok: true, ...run(task) };
  } catch (error) {
    return { id: task.id, ok: false, error: serializeError(error) };
  }
}

parentPort!.on('message', (task: TaskMessage) => {
  const result = handle(task);
  const transfer = result.ok && result.parts !== undefined ? [result.parts.buffer as ArrayBuffer] : [];
  parentPort!.postMessage(result, transfer);
});
