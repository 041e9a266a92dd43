/** corepool: Python's multiprocessing model for Node.js, with native kernels underneath. */
import { selection } from './backend/select.js';
import type { BackendName } from './backend/backend.js';

export { argmax, argmin, dot, max, mean, min, norm, sum } from './api/reductions.js';
export { add, div, eq, ge, gt, le, lt, maximum, minimum, mul, ne, sub, type Operand } from './api/elementwise.js';
export type { MapOptions } from './api/map_args.js';
export * from './api/unary.js';
export * from './api/binary_math.js';
export * from './api/fused.js';
export * from './api/cast.js';
export * from './api/stats.js';
export * from './api/scans.js';
export * from './api/histogram.js';
export * from './api/random.js';
export * as sync from './sync.js';
export { info, type CorepoolInfo } from './info.js';
export type { Dtype, NumericArray } from './dtypes.js';
export {
  AbortError,
  CorepoolError,
  CorepoolRangeError,
  CorepoolTypeError,
  ErrorCode,
  type ErrorCodeValue,
} from './errors.js';

/** The backend running the kernels: 'native' when the addon loaded, else 'fallback'. */
export const backend: BackendName = selection().backend.name;
/** Number of compute threads kernels run on. */
export const threads: number = selection().backend.threads;
