/** The target dtype and output array of astype (internal). */
import { isShared, type Dtype, type NumericArray } from '../dtypes.js';
import { checkArray, dtypeOf } from '../validate.js';
import { CorepoolTypeError, ErrorCode } from '../errors.js';
import { kernelOptions } from './kernel_specs.js';
import { allocate } from '../nd/alloc.js';
import { CTOR_NAMES } from './map_args.js';
import { NDArray } from '../nd/ndarray.js';

/** A dtype name ('float64', 'uint8clamped', …) or a TypedArray constructor (Float64Array, …). */
export type DtypeLike = Dtype | (new (length: number) => NumericArray);

const BY_NAME = new Map<unknown, Dtype>(Object.entries(CTOR_NAMES).map(([dtype]) => [dtype, dtype as Dtype]));
const BY_CTOR = new Map<unknown, Dtype>(
  [Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array, Uint8ClampedArray].map((C) => [
    C,
    dtypeOf(new C(0))!,
  ]),
);

function targetDtype(dtype: unknown): Dtype {
  const found = BY_NAME.get(dtype) ?? BY_CTOR.get(dtype);
  if (found !== undefined) return found;
  const shown = typeof dtype === 'function' ? (dtype as { name?: string }).name : typeof dtype === 'string' ? `'${dtype}'` : typeof dtype;
  throw new CorepoolTypeError(
    ErrorCode.INVALID_DTYPE,
    `dtype must be one of ${[...BY_NAME.keys()].map((d) => `'${String(d)}'`).join(', ')} or their TypedArray constructor; got ${shown}`,
  );
}

/**
 * Resolves the target dtype and the options for the engine call, with `out`
 * allocated in the target dtype. The options are checked here (astype's own
 * list); a malformed `a` passes through for the engine's checks to reject.
 */
export function astypeCall(a: unknown, dtype: unknown, options: unknown): unknown {
  const target = targetDtype(dtype);
  const { opts, signal } = kernelOptions(options, 'astype');
  const out = opts.out;
  if (out !== undefined) {
    const outType = out instanceof NDArray ? out.dtype : checkArray(out, 'options.out');
    if (outType !== target) {
      throw new CorepoolTypeError(
        ErrorCode.INVALID_DTYPE,
        `options.out must be a ${CTOR_NAMES[target]} (the target dtype); got ${CTOR_NAMES[outType]}`,
      );
    }
    return options;
  }
  if (a instanceof NDArray) return { out: new NDArray(allocate(target, a.size, isShared(a.data)), [...a.shape]), signal };
  if (dtypeOf(a) === undefined) return options;
  const array = a as NumericArray;
  return { out: allocate(target, array.length, isShared(array)), signal };
}
