/**
 * options.signal for every kernel, on the abort wiring of src/abort.ts. A
 * shared Int32Array is set on abort; native pool threads and fallback workers
 * read it between blocks.
 */
import { abortError, abortFlag, onAbort } from '../abort.js';

/**
 * Runs `call` with an abort flag wired to `signal`. Rejects with AbortError
 * when the signal was aborted before the call started or before it settled.
 */
export function runAbortable<T>(signal: AbortSignal | undefined, call: (flag?: Int32Array) => Promise<T>): Promise<T> {
  // Without a signal the call's own promise is the answer: an async wrapper
  // would add promise jobs to every small call (about 0.3 µs each).
  if (signal === undefined) return call(undefined);
  return runWired(signal, call);
}

async function runWired<T>(signal: AbortSignal, call: (flag?: Int32Array) => Promise<T>): Promise<T> {
  if (signal.aborted) throw abortError(signal);
  const flag = abortFlag();
  const unwire = onAbort(signal, () => void Atomics.store(flag, 0, 1));
  try {
    const result = await call(flag);
    if (signal.aborted) throw abortError(signal);
    return result;
  } finally {
    unwire();
  }
}

/** The blocking forms cannot be interrupted; an already aborted signal still throws. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}
