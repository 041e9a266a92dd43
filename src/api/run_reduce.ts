/** Runs a reduction end to end: validation, dispatch, abort. */
import type { ReduceName } from '../kernels/registry.js';
import { reduceArgs, reduceSignal } from './reduce_args.js';
import { call, drive, driveSync, type Steps } from './steps.js';
import type { NDArray } from '../nd/ndarray.js';
import { isNdReduce, reduceNdSteps } from './reduce_nd.js';

/** Reduction `name` of a (and b); `owner` names the public call in option errors. */
export function* reduceSteps(name: ReduceName, a: unknown, b: unknown, options: unknown, owner: string = name): Steps<number> {
  const { id, ops } = reduceArgs(name, a, b);
  const signal = reduceSignal(options, owner);
  return yield* call(signal, 'reduce', id, ops);
}

/** A one-operand reduction: flat (a number, as always) or over NDArray axes (src/api/reduce_nd.ts). */
export function* reduceAnySteps(name: ReduceName, a: unknown, options: unknown, owner: string = name): Steps<number | NDArray> {
  if (isNdReduce(a, options)) return yield* reduceNdSteps(name, a, options, owner);
  return yield* reduceSteps(name, a, undefined, options, owner);
}

/** The async form: rejects (never throws) on bad input, AbortError on abort. */
export function runReduce(name: ReduceName, a: unknown, b: unknown, options: unknown, owner: string = name): Promise<number | NDArray> {
  return drive(b === undefined ? reduceAnySteps(name, a, options, owner) : reduceSteps(name, a, b, options, owner));
}

/** The blocking form: throws the same errors synchronously. */
export function runReduceSync(name: ReduceName, a: unknown, b: unknown, options: unknown, owner: string = name): number | NDArray {
  return driveSync(b === undefined ? reduceAnySteps(name, a, options, owner) : reduceSteps(name, a, b, options, owner));
}

/** any/all: a number result is a truth value; an NDArray result stays uint8 0/1. */
export function truthOf(value: number | NDArray): boolean | NDArray {
  return typeof value === 'number' ? value !== 0 : value;
}
