/** Runs an elementwise kernel end to end: validation, dispatch, abort. */
import type { NumericArray } from '../dtypes.js';
import { mapId, mapTwin, type MapName } from '../kernels/registry.js';
import { prepareMap } from './map_args.js';
import { call, drive, driveSync, type Steps } from './steps.js';

const NAMES = ['x', 'y', 'z'] as const;

/**
 * The steps of one elementwise pass: validation, then one `map` call.
 * `names` are the public parameter names and `owner` the public kernel, for
 * error messages.
 */
export function* mapSteps(
  name: MapName,
  operands: readonly unknown[],
  options: unknown,
  names: readonly string[] = NAMES,
  owner: string = name,
): Steps<NumericArray> {
  const id = mapId(name);
  const { ins, out, signal } = prepareMap(mapTwin(id).kind, names, operands, options, owner);
  // An unfinished map means the flag was set, so the signal aborted: drive rejects.
  yield* call(signal, 'map', id, out, ins);
  return out;
}

/** The async form: rejects (never throws) on bad input, AbortError on abort. */
export function runMap(
  name: MapName,
  operands: readonly unknown[],
  options: unknown,
  names: readonly string[] = NAMES,
  owner: string = name,
): Promise<NumericArray> {
  return drive(mapSteps(name, operands, options, names, owner));
}

/** The blocking form: throws the same errors synchronously. */
export function runMapSync(
  name: MapName,
  operands: readonly unknown[],
  options: unknown,
  names: readonly string[] = NAMES,
  owner: string = name,
): NumericArray {
  return driveSync(mapSteps(name, operands, options, names, owner));
}
