/**
 * Argument handling shared by every elementwise kernel: operand checks, the
 * result dtype, `options.out` (checked or allocated) and `options.signal`.
 */
import { isShared, type Dtype, type NumericArray } from '../dtypes.js';
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import type { MapInput, MapKind } from '../kernels/map.js';
import { integerRange, isFloat, promoteArrays, promoteScalar, toFloat } from '../promote.js';
import { allocate } from '../nd/alloc.js';
import { checkArray, checkOverlap } from '../validate.js';
import { kernelOptions, MAP_OPTIONS } from './kernel_specs.js';

export type { MapOptions } from './map_types.js';

export const CTOR_NAMES: Record<Dtype, string> = {
  float64: 'Float64Array',
  float32: 'Float32Array',
  int32: 'Int32Array',
  uint32: 'Uint32Array',
  int16: 'Int16Array',
  uint16: 'Uint16Array',
  int8: 'Int8Array',
  uint8: 'Uint8Array',
  uint8clamped: 'Uint8ClampedArray',
};

export interface PreparedMap {
  ins: MapInput[];
  out: NumericArray;
  signal: AbortSignal | undefined;
}

/** The result dtype of a `kind` kernel over operands with these array dtypes / scalars ('cast' excepted). */
export function resultDtype(kind: MapKind, types: Array<Dtype | undefined>, scalars: Array<number | undefined>): Dtype {
  if (kind === 'compare') return 'uint8';
  if (kind === 'select') {
    // Two numbers (no array to take a dtype from) give float64, numpy's int64 having no JS array.
    if (types[1] === undefined && types[2] === undefined) return 'float64';
    return resultDtype('arith', types.slice(1), scalars.slice(1));
  }
  let result: Dtype | undefined;
  for (const t of types) if (t !== undefined) result = result === undefined ? t : promoteArrays(result, t);
  for (const s of scalars) if (s !== undefined) result = promoteScalar(result!, s);
  return kind === 'float' ? toFloat(result!) : result === 'uint8clamped' ? 'uint8' : result!;
}

function checkOut(out: unknown, dtype: Dtype, length: number): NumericArray {
  const outType = checkArray(out, 'options.out');
  if (outType !== dtype) {
    throw new CorepoolTypeError(
      ErrorCode.INVALID_DTYPE,
      `options.out must be a ${CTOR_NAMES[dtype]} (the result dtype); got ${CTOR_NAMES[outType]}`,
    );
  }
  const array = out as NumericArray;
  if (array.length !== length) {
    throw new CorepoolRangeError(ErrorCode.LENGTH_MISMATCH, `options.out must have length ${length}; got ${array.length}`);
  }
  return array;
}

/**
 * Validates the operands of elementwise kernel `owner` (named `names`) and
 * its options, then resolves the result dtype and output array.
 */
export function prepareMap(
  kind: MapKind,
  names: readonly string[],
  operands: readonly unknown[],
  options: unknown,
  owner: string,
): PreparedMap {
  const types: Array<Dtype | undefined> = [];
  const scalars: Array<number | undefined> = [];
  let length: number | undefined;
  let lengthFrom = '';
  let shared = false;
  operands.forEach((operand, k) => {
    const name = names[k]!;
    if (typeof operand === 'number') {
      types.push(undefined);
      scalars.push(operand);
      return;
    }
    types.push(checkArray(operand, name));
    scalars.push(undefined);
    const array = operand as NumericArray;
    shared ||= isShared(array);
    if (length === undefined) {
      length = array.length;
      lengthFrom = name;
    } else if (array.length !== length) {
      throw new CorepoolRangeError(
        ErrorCode.LENGTH_MISMATCH,
        `${name} must have the length of ${lengthFrom} (${length}); got ${array.length}`,
      );
    }
  });
  if (length === undefined) {
    throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `${names.join(' or ')} must be a TypedArray (not only numbers)`);
  }
  const { opts, signal } = kernelOptions(options, owner, MAP_OPTIONS);
  const givenOut = opts.out;
  // A cast's result dtype is the target the caller allocated `out` in.
  const dtype = kind === 'cast' ? checkArray(givenOut, 'options.out') : resultDtype(kind, types, scalars);
  const out = givenOut === undefined ? allocate(dtype, length, shared) : checkOut(givenOut, dtype, length);
  const compute = kind === 'compare' ? 'float64' : dtype;
  const ins = operands.map((operand, k) => {
    if (typeof operand !== 'number') {
      checkOverlap(out, operand as NumericArray, names[k]!);
      return operand as NumericArray;
    }
    // A condition is only ever tested against zero; 0/1 fits every compute dtype.
    if (kind === 'select' && k === 0) return operand !== 0 ? 1 : 0;
    return scalarIn(operand, compute, names[k]!);
  });
  return { ins, out, signal };
}

/** Rounds a scalar to the compute dtype, as native's static_cast does. */
export function scalarIn(value: number, compute: Dtype, name: string): number {
  if (isFloat(compute)) return compute === 'float32' ? Math.fround(value) : value;
  const [lo, hi] = integerRange(compute);
  if (value < lo || value > hi) {
    throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `${name} must fit in ${compute} (${lo} to ${hi}); got ${value}`);
  }
  return value;
}
