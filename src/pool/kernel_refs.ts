/**
 * Native kernel references: `pool.map(kernels.sum, arrays)` runs each item
 * through corepool's own kernel on the main thread's backend (the native
 * thread pool when the addon is loaded, its worker_threads fallback
 * otherwise), not on the Pool's JS workers, which would only copy the data
 * and run slower code.
 */
import * as api from '../api/kernels.js';
import { evaluate } from '../api/expr.js';
import { AbortError } from '../errors.js';
import type { Engine, Feeder } from './engine.js';
import { kDone, kFailed, TaskState, type Task } from './task.js';
import { TaskQueue } from './task_queue.js';
import { TaskKind } from './types.js';

import { kKernelRef } from './kernel_call.js';

/** A corepool kernel usable as a Pool function. */
export interface KernelRef {
  readonly [kKernelRef]: true;
  readonly name: string;
  // biome-ignore lint/suspicious/noExplicitAny: each kernel has its own parameter list; unknown[] would refuse them by contravariance
  readonly run: (...args: any[]) => Promise<unknown>;
}

export function isKernelRef(value: unknown): value is KernelRef {
  return typeof value === 'object' && value !== null && (value as Partial<KernelRef>)[kKernelRef] === true;
}

// biome-ignore lint/suspicious/noExplicitAny: as KernelRef.run
function ref(name: string, run: (...args: any[]) => Promise<unknown>): KernelRef {
  return Object.freeze({ [kKernelRef]: true as const, name, run });
}

// A plain object: declaration bundlers drop `typeof` of a namespace import.
const API = { ...api };

/** The names of corepool's kernels: every function `corepool` exports from src/api/kernels.ts. */
export type KernelName = {
  [K in keyof typeof API]: (typeof API)[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof typeof API];

/** The random kernels, `kernels.random.uniform` and friends. */
export type RandomKernelName = 'uniform' | 'normal' | 'integers';

/** Every kernel reference: one per kernel function, plus `random`'s and `evaluate` (an array expression). */
export type Kernels = { readonly [K in KernelName]: KernelRef } & {
  readonly random: { readonly [K in RandomKernelName]: KernelRef };
  readonly evaluate: KernelRef;
};

function allKernels(): Kernels {
  const refs: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(API)) if (typeof value === 'function') refs[name] = ref(name, value as KernelRef['run']);
  // Array expressions too: pool.starmap(kernels.evaluate, [['2*a + b', { a, b }], …]).
  refs.evaluate = ref('evaluate', evaluate);
  const { uniform, normal, integers } = api.random;
  refs.random = Object.freeze({
    uniform: ref('random.uniform', uniform),
    normal: ref('random.normal', normal),
    integers: ref('random.integers', integers),
  });
  return Object.freeze(refs) as Kernels;
}

/**
 * corepool's kernels as Pool functions, every one of them:
 * `pool.map(kernels.sum, arrays)`, `pool.map(kernels.exp, arrays)`,
 * `pool.starmap(kernels.dot, pairs)`, `pool.apply(kernels.norm, [a])`,
 * `pool.map(kernels.random.normal, lengths)`, `pool.starmap(kernels.evaluate, [[expression, vars], …])`.
 * Python equivalent: none (numpy calls inside pool tasks).
 */
export const kernels: Kernels = allKernels();

async function runKernelTask(kernel: KernelRef, kind: number, payload: unknown): Promise<unknown> {
  if (kind === TaskKind.APPLY) return kernel.run(...(payload as unknown[]));
  const items = payload as unknown[];
  const out = new Array<unknown>(items.length);
  for (let i = 0; i < items.length; i++) {
    out[i] = await (kind === TaskKind.STARMAP ? kernel.run(...(items[i] as unknown[])) : kernel.run(items[i]));
  }
  return out;
}

/**
 * Runs kernel tasks on the main thread's backend, at most `limit` at a time
 * (the backend splits each kernel across its own threads already).
 */
export class KernelLane implements Feeder {
  readonly #queue: TaskQueue;
  readonly #running = new Set<Task>();
  readonly #engine: Engine;

  constructor(
    readonly limit: number,
    engine: Engine,
  ) {
    this.#engine = engine;
    this.#queue = new TaskQueue(engine.options.priorityAging);
  }

  submit(task: Task): void {
    const refused = this.#engine.state === 'terminated' || this.#engine.state === 'broken' ? this.#engine.refusal() : undefined;
    if (refused !== undefined) {
      this.#settle(task, false, refused);
      return;
    }
    task.submittedAt = performance.now();
    // While it has work the lane counts as a feeder, so close() + join() wait for it.
    if (this.#queue.size === 0 && this.#running.size === 0) this.#engine.addFeeder(this);
    this.#queue.push(task);
    this.#pump();
  }

  drain(): void {}

  /** terminate(): kernel calls cannot be stopped, but their tasks reject now and their results are dropped. */
  terminate(error: Error): void {
    for (const task of [...this.#queue.drain(), ...this.#running])
      if (task.state === TaskState.QUEUED || task.state === TaskState.DISPATCHED) this.#settle(task, false, error);
    this.#running.clear();
    this.#engine.removeFeeder(this);
  }

  /** Drops a queued task; a running kernel cannot be stopped, its outcome is ignored. */
  cancel(task: Task): void {
    if (this.#queue.remove(task)) return;
    if (task.state === TaskState.DISPATCHED) task.state = TaskState.CANCELLED;
  }

  /** Pool.cancelPending(): every kernel task not started rejects with AbortError. @returns how many. */
  cancelPending(): number {
    const tasks = this.#queue.drain();
    for (const task of tasks) task.state = TaskState.CANCELLED;
    for (const task of tasks) this.#settle(task, false, new AbortError('The task was cancelled by cancelPending() before it started'));
    if (this.#running.size === 0) this.#engine.removeFeeder(this);
    return tasks.length;
  }

  #pump(): void {
    while (this.#running.size < this.limit && this.#queue.size > 0) {
      const task = this.#queue.shift()!;
      task.state = TaskState.DISPATCHED;
      void this.#run(task);
    }
    if (this.#queue.size === 0 && this.#running.size === 0) this.#engine.removeFeeder(this);
  }

  async #run(task: Task): Promise<void> {
    this.#running.add(task);
    const t0 = performance.now();
    const { stats } = this.#engine;
    stats.wait.add(t0 - task.submittedAt);
    let ok = true;
    let value: unknown;
    try {
      value = await runKernelTask(task.fn.kernel!, task.kind, task.payload);
    } catch (error) {
      ok = false;
      value = error;
    }
    stats.run.add(performance.now() - t0);
    if (!this.#running.delete(task)) return;
    if (task.state === TaskState.DISPATCHED) this.#settle(task, ok, value);
    this.#pump();
  }

  #settle(task: Task, ok: boolean, value: unknown): void {
    task.state = TaskState.SETTLED;
    const { stats } = this.#engine;
    if (ok) stats.completed++;
    else stats.failed++;
    if (ok) task.job[kDone](task, value);
    else {
      this.#engine.emit('taskError', { error: value, workerId: undefined });
      task.job[kFailed](task, value);
    }
  }
}
