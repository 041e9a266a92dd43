/** Blocking twin of pow (the rest of the family is generated); they throw what the async forms reject with. */
import { exponentsToCheck, negativeExponent } from './binary_math_args.js';
import type { MapOptions, MapResult, Operand } from './map_types.js';
import { minSync } from './generated_kernels_sync.js';
import { runMapSync } from './run_map.js';
import { guardSync } from './boundary.js';

/** Blocking {@link pow}. Python equivalent: `numpy.power(x, y)`. @throws as pow rejects. */
export function powSync<X extends Operand, Y extends Operand>(x: X, y: Y, options?: MapOptions): MapResult<'arith', [X, Y]> {
  return guardSync(() => {
    const exponents = exponentsToCheck(x, y);
    if (exponents !== undefined) {
      const lowest = minSync(exponents);
      if (lowest < 0) throw negativeExponent(lowest);
    }
    return runMapSync('pow', [x, y], options) as MapResult<'arith', [X, Y]>;
  });
}
