/**
 * Joining arrays: concatenate along an existing axis, stack along a new one.
 * Both make a new C-contiguous array of the inputs' promoted dtype (numpy's
 * table in src/promote.ts), on a SharedArrayBuffer when any input is shared.
 */
import { isShared } from '../dtypes.js';
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import { promoteArrays } from '../promote.js';
import { describeValue } from '../validate.js';
import { allocate } from './alloc.js';
import { NDArray } from './ndarray.js';
import { formatShape, normalizeAxis } from './shape.js';
import { forEachPosition } from './walk.js';

function checkArrays(arrays: unknown, owner: string): NDArray[] {
  if (!Array.isArray(arrays)) {
    throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `arrays must be an array of NDArrays; got ${describeValue(arrays)}`);
  }
  arrays.forEach((a, i) => {
    if (!(a instanceof NDArray)) {
      throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `arrays[${i}] must be an NDArray; got ${describeValue(a)}`);
    }
  });
  if (arrays.length === 0)
    throw new CorepoolRangeError(ErrorCode.EMPTY_INPUT, `arrays must not be empty: ${owner} needs at least one array`);
  return arrays as NDArray[];
}

/** Copies `source` into the same-shaped view (`shape`, `strides`, `offset`) of `target`. */
function assign(target: NDArray['data'], strides: readonly number[], offset: number, source: NDArray): void {
  const positions: number[] = [];
  forEachPosition(source.shape, strides, offset, (p) => positions.push(p));
  const data = source.data;
  forEachPosition(source.shape, source.strides, source.offset, (p, k) => {
    target[positions[k]!] = data[p]!;
  });
}

/**
 * The arrays joined along `axis` (default 0) into a new array; all must have
 * the same number of axes and the same lengths on every other axis.
 * @throws TypeError ERR_INVALID_ARG_TYPE; RangeError ERR_EMPTY_INPUT for no
 *   arrays, ERR_AXIS_OUT_OF_RANGE, ERR_SHAPE_MISMATCH for shapes that do not fit.
 * numpy equivalent: `np.concatenate(arrays, axis)`.
 */
export function concatenate(arrays: readonly NDArray[], axis = 0): NDArray {
  const list = checkArrays(arrays, 'concatenate');
  const first = list[0]!;
  if (first.ndim === 0) throw new CorepoolRangeError(ErrorCode.SHAPE_MISMATCH, 'zero-dimensional arrays cannot be concatenated');
  const ax = normalizeAxis(axis, first.ndim);
  const shape = [...first.shape];
  shape[ax] = 0;
  list.forEach((a, i) => {
    if (a.ndim !== first.ndim) {
      throw new CorepoolRangeError(
        ErrorCode.SHAPE_MISMATCH,
        `all the input arrays must have same number of dimensions, but the array at index 0 has ${first.ndim} dimension(s) and the array at index ${i} has ${a.ndim} dimension(s)`,
      );
    }
    a.shape.forEach((d, k) => {
      if (k !== ax && d !== first.shape[k]) {
        throw new CorepoolRangeError(
          ErrorCode.SHAPE_MISMATCH,
          `all the input array dimensions except for the concatenation axis must match exactly, but along dimension ${k}, the array at index 0 has size ${first.shape[k]} and the array at index ${i} has size ${d}`,
        );
      }
    });
    shape[ax]! += a.shape[ax]!;
  });
  const dtype = list.slice(1).reduce((d, a) => promoteArrays(d, a.dtype), first.dtype);
  const out = new NDArray(
    allocate(
      dtype,
      shape.reduce((p, d) => p * d, 1),
      list.some((a) => isShared(a.data)),
    ),
    shape,
  );
  let start = 0;
  for (const a of list) {
    assign(out.data, out.strides, start * out.strides[ax]!, a);
    start += a.shape[ax]!;
  }
  return out;
}

/**
 * The arrays, all of one shape, joined along a new axis `axis` (default 0) of the result.
 * @throws TypeError ERR_INVALID_ARG_TYPE; RangeError ERR_EMPTY_INPUT,
 *   ERR_AXIS_OUT_OF_RANGE, ERR_SHAPE_MISMATCH for arrays of different shapes.
 * numpy equivalent: `np.stack(arrays, axis)`.
 */
export function stack(arrays: readonly NDArray[], axis = 0): NDArray {
  const list = checkArrays(arrays, 'stack');
  const first = list[0]!;
  list.forEach((a, i) => {
    if (a.shape.length !== first.shape.length || a.shape.some((d, k) => d !== first.shape[k])) {
      throw new CorepoolRangeError(
        ErrorCode.SHAPE_MISMATCH,
        `all input arrays must have the same shape, but the array at index 0 has shape ${formatShape(first.shape)} and the array at index ${i} has shape ${formatShape(a.shape)}`,
      );
    }
  });
  const ax = normalizeAxis(axis, first.ndim + 1);
  return concatenate(
    list.map((a) => a.expandDims(ax)),
    ax,
  );
}

/**
 * A view of `array` broadcast to `shape`; see {@link NDArray.broadcastTo}.
 * numpy equivalent: `np.broadcast_to(array, shape)`.
 */
export function broadcastTo(array: NDArray, shape: readonly number[] | number): NDArray {
  if (!(array instanceof NDArray)) {
    throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `array must be an NDArray; got ${describeValue(array)}`);
  }
  return array.broadcastTo(shape);
}
