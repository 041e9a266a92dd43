/**
 * The one abort wiring, for kernels and Pool calls alike: the AbortError a
 * cancelled call rejects with, the shared flag that native pool threads,
 * fallback workers and Pool workers poll between blocks, and the listener
 * that connects a signal to them.
 */
import { AbortError } from './errors.js';

/** The AbortError a cancelled call rejects with (code ABORT_ERR, the signal's reason as cause). */
export function abortError(signal: AbortSignal): AbortError {
  return new AbortError(undefined, { cause: signal.reason });
}

/** A flag other threads read with Atomics: non-zero once the call was aborted. */
export function abortFlag(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

const noop = (): void => {};

/** Calls `onAbort` once when `signal` aborts; returns the function that unwires it. */
export function onAbort(signal: AbortSignal | undefined, handler: (error: AbortError) => void): () => void {
  if (signal === undefined) return noop;
  const listener = (): void => handler(abortError(signal));
  signal.addEventListener('abort', listener, { once: true });
  return () => signal.removeEventListener('abort', listener);
}
