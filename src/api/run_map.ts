/** Runs an elementwise kernel end to end: validation, dispatch, abort. */
import type { MapValue } from './map_types.js';
import { mapId, mapTwin, type MapName } from '../kernels/registry.js';
import { NDArray } from '../nd/ndarray.js';
import { prepareMap } from './map_args.js';
import { prepareMapNd } from './map_nd.js';
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
): Steps<MapValue> {
  const id = mapId(name);
  // An NDArray `out` makes the call n-dimensional too (numpy accepts any array there).
  const ndOut = typeof options === 'object' && options !== null && (options as { out?: unknown }).out instanceof NDArray;
  if (ndOut || operands.some((operand) => operand instanceof NDArray)) {
    const { geometry, ins, out, result, signal } = prepareMapNd(mapTwin(id).kind, names, operands, options, owner);
    if (geometry === undefined) yield* call(signal, 'map', id, out, ins);
    else yield* call(signal, 'mapStrided', id, geometry, out, ins);
    return result;
  }
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
): Promise<MapValue> {
  return drive(mapSteps(name, operands, options, names, owner));
}

/** The blocking form: throws the same errors synchronously. */
export function runMapSync(
  name: MapName,
  operands: readonly unknown[],
  options: unknown,
  names: readonly string[] = NAMES,
  owner: string = name,
): MapValue {
  return driveSync(mapSteps(name, operands, options, names, owner));
}
