/** Runs a random kernel end to end: validation, dispatch, abort. */
import { selection } from '../backend/select.js';
import type { NumericArray } from '../dtypes.js';
import type { RandomKind } from '../kernels/random.js';
import { runAbortable, throwIfAborted } from './abortable.js';
import { prepareRandom } from './random_args.js';

/** The async form: rejects (never throws) on bad input, AbortError on abort. */
export async function runRandom(kind: RandomKind, nOrOut: unknown, options: unknown): Promise<NumericArray> {
  const { params, out, signal } = prepareRandom(kind, nOrOut, options);
  const backend = selection().backend;
  // An unfinished fill means the flag was set, so the signal aborted: runAbortable rejects.
  await runAbortable(signal, (flag) => backend.random(params, out, flag));
  return out;
}

/** The blocking form: throws the same errors synchronously. */
export function runRandomSync(kind: RandomKind, nOrOut: unknown, options: unknown): NumericArray {
  const { params, out, signal } = prepareRandom(kind, nOrOut, options);
  throwIfAborted(signal);
  selection().backend.randomSync(params, out);
  return out;
}
