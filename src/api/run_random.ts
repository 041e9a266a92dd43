/** Runs a random kernel end to end: validation, dispatch, abort. */
import { selection } from '../backend/select.js';
import type { NumericArray } from '../dtypes.js';
import { AbortError } from '../errors.js';
import type { RandomKind } from '../kernels/random.js';
import { prepareRandom } from './random_args.js';

function aborted(signal: AbortSignal): AbortError {
  return new AbortError(undefined, { cause: signal.reason });
}

/** The async form: rejects (never throws) on bad input, AbortError on abort. */
export async function runRandom(kind: RandomKind, nOrOut: unknown, options: unknown): Promise<NumericArray> {
  const { params, out, signal } = prepareRandom(kind, nOrOut, options);
  const backend = selection().backend;
  if (signal === undefined) {
    await backend.random(params, out);
    return out;
  }
  if (signal.aborted) throw aborted(signal);
  // Shared, so native pool threads and fallback workers can read it between blocks.
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const onAbort = (): void => void Atomics.store(flag, 0, 1);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const completed = await backend.random(params, out, flag);
    if (!completed || signal.aborted) throw aborted(signal);
    return out;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** The blocking form: throws the same errors synchronously. */
export function runRandomSync(kind: RandomKind, nOrOut: unknown, options: unknown): NumericArray {
  const { params, out, signal } = prepareRandom(kind, nOrOut, options);
  if (signal?.aborted) throw aborted(signal);
  selection().backend.randomSync(params, out);
  return out;
}
