/**
 * options.signal for every kernel: the one abort wiring. A shared Int32Array
 * is set on abort; native pool threads and fallback workers read it between
 * blocks.
 */
import { AbortError } from '../errors.js';

/** The AbortError a cancelled call rejects with (code ABORT_ERR, the signal's reason as cause). */
export function abortError(signal: AbortSignal): AbortError {
  return new AbortError(undefined, { cause: signal.reason });
}

/**
 * Runs `call` with an abort flag wired to `signal`. Rejects with AbortError
 * when the signal was aborted before the call started or before it settled.
 */
export async function runAbortable<T>(signal: AbortSignal | undefined, call: (flag?: Int32Array) => Promise<T>): Promise<T> {
  if (signal === undefined) return call(undefined);
  if (signal.aborted) throw abortError(signal);
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const onAbort = (): void => void Atomics.store(flag, 0, 1);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await call(flag);
    if (signal.aborted) throw abortError(signal);
    return result;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** The blocking forms cannot be interrupted; an already aborted signal still throws. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}
