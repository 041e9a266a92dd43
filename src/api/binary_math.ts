/**
 * The steps of pow; mod, atan2 and hypot are generated from their spec rows
 * in src/kernels/*.ts, pow from its row in src/api/specs/elementwise.ts.
 * Operands are arrays or numbers (at least one array), with numpy's
 * promotion (src/promote.ts), `options.out` and `options.signal`, like add.
 *
 * Integer results stay integers and wrap modulo 2^bits, as numpy's do; float
 * results follow C99 pow (float32 is evaluated in double and rounded once).
 * An integer power with a signed integer exponent array first scans y for
 * negatives with the `min` reduction, since numpy raises for them.
 */
import type { MapValue } from './map_types.js';
import { exponentsToCheck, negativeExponent } from './binary_math_args.js';
import { reduceArgs } from './reduce_args.js';
import { mapSteps } from './run_map.js';
import { call, type Steps } from './steps.js';

/** pow(x, y): the exponent check, then the map. */
export function* powSteps(x: unknown, y: unknown, options: unknown): Steps<MapValue> {
  const exponents = exponentsToCheck(x, y);
  if (exponents !== undefined) {
    const { id, ops } = reduceArgs('min', exponents);
    const lowest = yield* call(undefined, 'reduce', id, ops);
    if (lowest < 0) throw negativeExponent(lowest);
  }
  return yield* mapSteps('pow', [x, y], options);
}
