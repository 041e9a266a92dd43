/**
 * The reviver that rebuilds an NDArray sent to another thread (its
 * `[kShare]` in ndarray.ts makes the descriptor). Imported by src/nd/index.ts
 * and by the worker entries (src/worker/pool_revivers.ts).
 */
import { CorepoolTypeError, ErrorCode } from '../errors.js';
import { registerShareable } from '../shared/shareable.js';
import { NDArray, type NDArrayDescriptor } from './ndarray.js';

registerShareable('NDArray', (descriptor) => {
  const { data, shape, strides, offset } = descriptor as NDArrayDescriptor;
  try {
    return new NDArray(data, shape, strides, offset);
  } catch (error) {
    throw new CorepoolTypeError(ErrorCode.DECODE_FAILED, `an NDArray descriptor is invalid: ${(error as Error).message}`, { cause: error });
  }
});
