/** Runs a reduction end to end: validation, dispatch, abort. */
import { kernelBackend } from '../backend/fallback_notice.js';
import type { ReduceName } from '../kernels/registry.js';
import { runAbortable, throwIfAborted } from './abortable.js';
import { reduceArgs, reduceSignal } from './reduce_args.js';

/** The async form: rejects (never throws) on bad input, AbortError on abort. */
export async function runReduce(name: ReduceName, a: unknown, b: unknown, options: unknown, owner: string = name): Promise<number> {
  const { id, ops } = reduceArgs(name, a, b);
  const signal = reduceSignal(options, owner);
  const backend = kernelBackend();
  return runAbortable(signal, (flag) => backend.reduce(id, ops, flag));
}

/** The blocking form: throws the same errors synchronously. */
export function runReduceSync(name: ReduceName, a: unknown, b: unknown, options: unknown, owner: string = name): number {
  const { id, ops } = reduceArgs(name, a, b);
  throwIfAborted(reduceSignal(options, owner));
  return kernelBackend().reduceSync(id, ops);
}
