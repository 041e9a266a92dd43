/**
 * Basic indexing: numpy's `a[0:2, ::-1]` as a view. An index is an integer
 * (selects one position and drops the axis), a slice `[start, stop, step]`
 * (null or a missing entry takes the default), null (the whole axis, `:`)
 * or the ellipsis '...' (as many whole axes as the other indices leave).
 * The string form is parsed into the same indices.
 */
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import { checkInteger, describeValue } from '../validate.js';

/** `[start, stop, step]` with null (or a missing entry) for the default, as in `start:stop:step`. */
export type SliceRange = readonly [start?: number | null, stop?: number | null, step?: number | null];

/** One index of {@link NDArray.slice}: an integer, a slice, null (`:`) or '...'. */
export type SliceIndex = number | SliceRange | null | '...';

/** A view's layout: what indexing changes. */
export interface Layout<T extends readonly number[] = number[]> {
  readonly shape: T;
  readonly strides: T;
  readonly offset: number;
}

const ELLIPSIS = '...';

function outOfRange(message: string): CorepoolRangeError {
  return new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, message);
}

function parseBound(text: string, where: string): number | null {
  if (text === '') return null;
  if (!/^[+-]?\d+$/.test(text)) {
    throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `${where} must be an integer or empty; got '${text}'`);
  }
  return checkInteger(Number(text), where);
}

/**
 * Parses numpy's index notation ('0:2, ::-1', '1', '...', ':', '-1, 1:')
 * into indices. A trailing comma is allowed, as in Python; '' is no index.
 * @throws TypeError ERR_INVALID_ARG_TYPE for text that is not an index.
 */
export function parseIndex(text: string, name = 'index'): SliceIndex[] {
  const pieces = text.split(',').map((p) => p.trim());
  if (pieces.length > 1 && pieces[pieces.length - 1] === '') pieces.pop();
  if (pieces.length === 1 && pieces[0] === '') return [];
  return pieces.map((piece, i): SliceIndex => {
    const where = `${name} '${text}' (item ${i})`;
    if (piece === ELLIPSIS) return ELLIPSIS;
    const parts = piece.split(':');
    if (piece === '' || parts.length > 3) {
      throw new CorepoolTypeError(
        ErrorCode.INVALID_ARG_TYPE,
        `${where} must be an integer, a slice start:stop:step or '...'; got '${piece}'`,
      );
    }
    if (parts.length === 1) return parseBound(parts[0]!.trim(), where) as number;
    return parts.map((p) => parseBound(p.trim(), where)) as unknown as SliceRange;
  });
}

/**
 * Python's slice.indices(n): start, step and length of `range` on an axis
 * of `n`, with bounds clipped as Python clips them.
 */
export function sliceIndices(range: SliceRange, n: number, where: string): { start: number; step: number; length: number } {
  if (range.length > 3) throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `${where} must have at most 3 entries (start, stop, step)`);
  const [rawStart = null, rawStop = null, rawStep = null] = range;
  const step = rawStep === null ? 1 : checkInteger(rawStep, `${where} step`);
  if (step === 0) throw outOfRange(`${where} step must not be 0`);
  const clip = (v: number, low: number, high: number): number => {
    if (v < 0) v += n;
    return v < low ? low : v > high ? high : v;
  };
  const start =
    rawStart === null
      ? step > 0
        ? 0
        : n - 1
      : step > 0
        ? clip(checkInteger(rawStart, `${where} start`), 0, n)
        : clip(checkInteger(rawStart, `${where} start`), -1, n - 1);
  const stop =
    rawStop === null
      ? step > 0
        ? n
        : -1
      : step > 0
        ? clip(checkInteger(rawStop, `${where} stop`), 0, n)
        : clip(checkInteger(rawStop, `${where} stop`), -1, n - 1);
  const length = step > 0 ? (stop > start ? Math.ceil((stop - start) / step) : 0) : start > stop ? Math.ceil((start - stop) / -step) : 0;
  return { start, step, length };
}

/**
 * The layout that `indices` select from `layout`.
 * @throws RangeError ERR_OUT_OF_RANGE for an integer index outside the axis,
 *   more indices than axes, two ellipses or a zero step; TypeError
 *   ERR_INVALID_ARG_TYPE for an index of the wrong type.
 */
export function applyIndex(layout: Layout<readonly number[]>, indices: readonly SliceIndex[], name = 'index'): Layout {
  const ndim = layout.shape.length;
  const ellipses = indices.filter((x) => x === ELLIPSIS).length;
  if (ellipses > 1) throw outOfRange(`${name} must hold at most one ellipsis ('...'); got ${ellipses}`);
  const consuming = indices.length - ellipses;
  if (consuming > ndim) {
    throw outOfRange(`too many indices for array: array is ${ndim}-dimensional, but ${consuming} were indexed`);
  }
  const shape: number[] = [];
  const strides: number[] = [];
  let offset = layout.offset;
  let empty = false;
  let axis = 0;
  const whole = (): void => {
    shape.push(layout.shape[axis]!);
    strides.push(layout.strides[axis]!);
    axis++;
  };
  indices.forEach((index, i) => {
    const where = `${name}[${i}]`;
    if (index === ELLIPSIS) {
      for (let k = 0; k < ndim - consuming; k++) whole();
      return;
    }
    const n = layout.shape[axis]!;
    if (index === null) {
      whole();
      return;
    }
    if (typeof index === 'number') {
      const k = checkInteger(index, where);
      if (k < -n || k >= n) throw outOfRange(`${where} ${k} is out of bounds for axis ${axis} with size ${n}`);
      offset += (k < 0 ? k + n : k) * layout.strides[axis]!;
      axis++;
      return;
    }
    if (!Array.isArray(index)) {
      throw new CorepoolTypeError(
        ErrorCode.INVALID_ARG_TYPE,
        `${where} must be an integer, [start, stop, step], null or '...'; got ${describeValue(index)}`,
      );
    }
    const { start, step, length } = sliceIndices(index as SliceRange, n, where);
    if (length === 0) empty = true;
    else offset += start * layout.strides[axis]!;
    shape.push(length);
    strides.push(layout.strides[axis]! * step);
    axis++;
  });
  while (axis < ndim) whole();
  // An empty view reads nothing; keeping the old offset keeps it inside the buffer.
  return { shape, strides, offset: empty || shape.includes(0) ? layout.offset : offset };
}
