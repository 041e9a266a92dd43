/** Every message that crosses between the fallback backend and its workers. */
import type { SerializedError } from '../errors.js';
import type { NumericArray } from '../dtypes.js';

/** Main → worker: compute the partials of blocks [first, last) of reduction `kernel`. */
export interface ReduceTask {
  kind: 'reduce';
  id: number;
  kernel: number;
  /** SharedArrayBuffer-backed views: they arrive as views of the same memory. */
  ops: NumericArray[];
  first: number;
  last: number;
}

export type TaskMessage = ReduceTask;

/** Worker → main: a task's result. */
export type ResultMessage =
  | { id: number; ok: true; parts: Float64Array }
  | { id: number; ok: false; error: SerializedError };
