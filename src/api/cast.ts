/**
 * The steps of astype (its functions are generated from its spec row,
 * src/api/specs/elementwise.ts): a copy converted to another dtype with
 * exactly the semantics of a JavaScript TypedArray store, on every backend.
 */
import type { MapValue } from './map_types.js';
import { astypeCall } from './cast_args.js';
import { mapSteps } from './run_map.js';
import type { Steps } from './steps.js';

export type { DtypeLike } from './cast_args.js';

/** astype(a, dtype): the target's `out`, then the astype map. */
export function* astypeSteps(a: unknown, dtype: unknown, options: unknown): Steps<MapValue> {
  return yield* mapSteps('astype', [a], astypeCall(a, dtype, options), ['a']);
}
