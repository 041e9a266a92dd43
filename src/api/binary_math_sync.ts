/** Blocking twins of the binary_math kernels; they throw what the async forms reject with. */
import type { NumericArray } from '../dtypes.js';
import { exponentsToCheck, negativeExponent } from './binary_math_args.js';
import type { Operand } from './elementwise.js';
import type { MapOptions } from './map_args.js';
import { minSync } from './reductions_sync.js';
import { runMapSync } from './run_map.js';
import { guardSync } from './boundary.js';

/** Blocking {@link pow}. Python equivalent: `numpy.power(x, y)`. @throws as pow rejects. */
export function powSync(x: Operand, y: Operand, options?: MapOptions): NumericArray {
  return guardSync(() => {
    const exponents = exponentsToCheck(x, y);
    if (exponents !== undefined) {
      const lowest = minSync(exponents);
      if (lowest < 0) throw negativeExponent(lowest);
    }
    return runMapSync('pow', [x, y], options);
  });
}

/** Blocking {@link mod}. Python equivalent: `numpy.mod(x, y)`. @throws as mod rejects. */
export function modSync(x: Operand, y: Operand, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('mod', [x, y], options));
}

/** Blocking {@link atan2}. Python equivalent: `numpy.arctan2(y, x)`. @throws as atan2 rejects. */
export function atan2Sync(y: Operand, x: Operand, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('atan2', [y, x], options, ['y', 'x']));
}

/** Blocking {@link hypot}. Python equivalent: `numpy.hypot(x, y)`. @throws as hypot rejects. */
export function hypotSync(x: Operand, y: Operand, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('hypot', [x, y], options));
}
