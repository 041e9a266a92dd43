/** Runs a reduction end to end: validation, dispatch, abort. */
import type { ReduceName } from '../kernels/registry.js';
import { reduceArgs, reduceSignal } from './reduce_args.js';
import { call, drive, driveSync, type Steps } from './steps.js';

/** Reduction `name` of a (and b); `owner` names the public call in option errors. */
export function* reduceSteps(name: ReduceName, a: unknown, b: unknown, options: unknown, owner: string = name): Steps<number> {
  const { id, ops } = reduceArgs(name, a, b);
  const signal = reduceSignal(options, owner);
  return yield* call(signal, 'reduce', id, ops);
}

/** The async form: rejects (never throws) on bad input, AbortError on abort. */
export function runReduce(name: ReduceName, a: unknown, b: unknown, options: unknown, owner: string = name): Promise<number> {
  return drive(reduceSteps(name, a, b, options, owner));
}

/** The blocking form: throws the same errors synchronously. */
export function runReduceSync(name: ReduceName, a: unknown, b: unknown, options: unknown, owner: string = name): number {
  return driveSync(reduceSteps(name, a, b, options, owner));
}
