/** Blocking twin of astype; it throws what the async form rejects with. */
import type { NumericArray } from '../dtypes.js';
import { astypeCall, type DtypeLike } from './cast_args.js';
import type { MapOptions } from './map_args.js';
import { runMapSync } from './run_map.js';
import { guardSync } from './boundary.js';

/** Blocking {@link astype}. Python equivalent: `a.astype(dtype)`. @throws as astype rejects. */
export function astypeSync(a: NumericArray, dtype: DtypeLike, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('astype', [a], astypeCall(a, dtype, options), ['a']));
}
