/** Runs an elementwise kernel end to end: validation, dispatch, abort. */
import { selection } from '../backend/select.js';
import type { NumericArray } from '../dtypes.js';
import { AbortError } from '../errors.js';
import { mapId, mapTwin, type MapName } from '../kernels/registry.js';
import { prepareMap } from './map_args.js';

const NAMES = ['x', 'y', 'z'] as const;

function aborted(signal: AbortSignal): AbortError {
  return new AbortError(undefined, { cause: signal.reason });
}

/**
 * The async form: rejects (never throws) on bad input, AbortError on abort.
 * `names` are the public parameter names, used in error messages.
 */
export async function runMap(name: MapName, operands: readonly unknown[], options: unknown, names: readonly string[] = NAMES): Promise<NumericArray> {
  const id = mapId(name);
  const { ins, out, signal } = prepareMap(mapTwin(id).kind, names, operands, options);
  const backend = selection().backend;
  if (signal === undefined) {
    await backend.map(id, out, ins);
    return out;
  }
  if (signal.aborted) throw aborted(signal);
  // Shared, so native pool threads and fallback workers can read it between blocks.
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const onAbort = (): void => void Atomics.store(flag, 0, 1);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const completed = await backend.map(id, out, ins, flag);
    if (!completed || signal.aborted) throw aborted(signal);
    return out;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** The blocking form: throws the same errors synchronously. */
export function runMapSync(name: MapName, operands: readonly unknown[], options: unknown, names: readonly string[] = NAMES): NumericArray {
  const id = mapId(name);
  const { ins, out, signal } = prepareMap(mapTwin(id).kind, names, operands, options);
  if (signal?.aborted) throw aborted(signal);
  selection().backend.mapSync(id, out, ins);
  return out;
}
