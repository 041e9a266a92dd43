/**
 * A kernel's body, written once for its Promise form and its blocking twin:
 * a generator that validates, yields each backend call it needs (by name,
 * with its arguments and signal) and returns the result. `drive` runs the
 * calls without blocking, each with an abort flag wired to its signal;
 * `driveSync` runs their blocking forms after checking the signal. So the
 * two forms cannot drift apart: they share every line but the dispatch.
 */
import type { Backend } from '../backend/backend.js';
import { kernelBackend } from '../backend/fallback_notice.js';
import { runAbortable, throwIfAborted } from './abortable.js';

/** Backend methods with a blocking twin (`sort` and `sortSync`, …). */
export type CallName = {
  [K in keyof Backend]: K extends `${infer Base}Sync` ? (Base extends keyof Backend ? Base : never) : never;
}[keyof Backend];

type Blocking<K extends CallName> = Backend[`${K}Sync`] extends (...args: infer A) => infer R ? { args: A; result: R } : never;

/** One backend call a kernel's steps yield. */
export interface Call {
  readonly name: CallName;
  readonly args: readonly unknown[];
  readonly signal: AbortSignal | undefined;
}

/** A kernel body: yields backend calls, returns the kernel's result. */
export type Steps<T> = Generator<Call, T, unknown>;

/**
 * Runs backend call `name` with the blocking form's arguments, in the form
 * the driver picks, and gives back the blocking form's result (the async
 * form's result is the same value for reductions, and unused otherwise).
 */
export function* call<K extends CallName>(
  signal: AbortSignal | undefined,
  name: K,
  ...args: Blocking<K>['args']
): Generator<Call, Blocking<K>['result'], unknown> {
  return (yield { name, args, signal }) as Blocking<K>['result'];
}

type Method = (...args: unknown[]) => unknown;

/** Runs `steps` without blocking: each call gets an abort flag and rejects with AbortError when its signal fires. */
export async function drive<T>(steps: Steps<T>): Promise<T> {
  let next = steps.next();
  while (next.done !== true) {
    const { name, args, signal } = next.value;
    let result: unknown;
    try {
      const backend = kernelBackend();
      const method = backend[name] as Method;
      result = await runAbortable(signal, (flag) => method.call(backend, ...args, flag) as Promise<unknown>);
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    next = steps.next(result);
  }
  return next.value;
}

/** Runs `steps` blocking; an already aborted signal throws AbortError before its call. */
export function driveSync<T>(steps: Steps<T>): T {
  let next = steps.next();
  while (next.done !== true) {
    const { name, args, signal } = next.value;
    let result: unknown;
    try {
      throwIfAborted(signal);
      const backend = kernelBackend();
      result = (backend[`${name}Sync`] as Method).call(backend, ...args);
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    next = steps.next(result);
  }
  return next.value;
}
