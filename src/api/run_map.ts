/** Runs an elementwise kernel end to end: validation, dispatch, abort. */
import { selection } from '../backend/select.js';
import type { NumericArray } from '../dtypes.js';
import { mapId, mapTwin, type MapName } from '../kernels/registry.js';
import { runAbortable, throwIfAborted } from './abortable.js';
import { prepareMap } from './map_args.js';

const NAMES = ['x', 'y', 'z'] as const;

/**
 * The async form: rejects (never throws) on bad input, AbortError on abort.
 * `names` are the public parameter names and `owner` the public kernel, for
 * error messages.
 */
export async function runMap(
  name: MapName,
  operands: readonly unknown[],
  options: unknown,
  names: readonly string[] = NAMES,
  owner: string = name,
): Promise<NumericArray> {
  const id = mapId(name);
  const { ins, out, signal } = prepareMap(mapTwin(id).kind, names, operands, options, owner);
  const backend = selection().backend;
  // An unfinished map means the flag was set, so the signal aborted: runAbortable rejects.
  await runAbortable(signal, (flag) => backend.map(id, out, ins, flag));
  return out;
}

/** The blocking form: throws the same errors synchronously. */
export function runMapSync(
  name: MapName,
  operands: readonly unknown[],
  options: unknown,
  names: readonly string[] = NAMES,
  owner: string = name,
): NumericArray {
  const id = mapId(name);
  const { ins, out, signal } = prepareMap(mapTwin(id).kind, names, operands, options, owner);
  throwIfAborted(signal);
  selection().backend.mapSync(id, out, ins);
  return out;
}
