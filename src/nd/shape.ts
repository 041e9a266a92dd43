/**
 * Shapes, strides and axes: the arithmetic every n-dimensional view and
 * kernel shares. Strides are counted in elements, not bytes, because every
 * view indexes a TypedArray.
 */
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import { checkInteger, checkShape } from '../validate.js';

/** A shape as numpy prints it in messages, but with corepool's brackets: `[3,4]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

/** The number of elements of `shape` (1 for a 0-d shape). */
export function shapeSize(shape: readonly number[]): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

/**
 * The C-order (row-major) strides of `shape`, in elements: the last axis
 * varies fastest.
 * @example contiguousStrides([3, 4]) // [4, 1]
 */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = step;
    // A zero-size axis would zero every stride before it; numpy keeps them
    // as if the axis had length 1, and so do we, so strides stay meaningful.
    step *= Math.max(shape[i]!, 1);
  }
  return strides;
}

/**
 * True when `strides` lay `shape` out in C order with no gaps. Axes of
 * length 1 may have any stride and a zero-size array is always contiguous,
 * as numpy's C_CONTIGUOUS flag says.
 */
export function isCContiguous(shape: readonly number[], strides: readonly number[]): boolean {
  if (shapeSize(shape) === 0) return true;
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] === 1) continue;
    if (strides[i] !== expected) return false;
    expected *= shape[i]!;
  }
  return true;
}

/** The RangeError of two shapes that cannot broadcast, worded as numpy words it. */
export function broadcastError(a: readonly number[], b: readonly number[]): CorepoolRangeError {
  return new CorepoolRangeError(
    ErrorCode.SHAPE_MISMATCH,
    `operands could not be broadcast together with shapes ${formatShape(a)} and ${formatShape(b)}`,
  );
}

/**
 * The shape that all of `shapes` broadcast to, by numpy's rule: align the
 * shapes at their last axis; on each axis the sizes must be equal or 1, and
 * a 1 stretches to the other size. No shapes give `[]`.
 * @throws RangeError ERR_SHAPE_MISMATCH naming the two shapes that disagree,
 *   e.g. `operands could not be broadcast together with shapes [3,4] and [3]`;
 *   TypeError/RangeError for an argument that is not a shape.
 * numpy equivalent: `np.broadcast_shapes(*shapes)`.
 */
export function broadcastShapes(...shapes: ReadonlyArray<readonly number[]>): number[] {
  const checked = shapes.map((s, i) => checkShape(s, `shapes[${i}]`));
  const ndim = Math.max(0, ...checked.map((s) => s.length));
  const out = new Array<number>(ndim).fill(1);
  // Which input set each axis's size, so an error can name the pair that disagrees.
  const from = new Array<number>(ndim).fill(-1);
  checked.forEach((shape, i) => {
    const lead = ndim - shape.length;
    for (let k = 0; k < shape.length; k++) {
      const d = shape[k]!;
      const axis = lead + k;
      if (d === 1 || d === out[axis]) continue;
      if (out[axis] !== 1) throw broadcastError(checked[from[axis]!]!, shape);
      out[axis] = d;
      from[axis] = i;
    }
  });
  return out;
}

/**
 * One axis in 0..ndim-1, from an integer in -ndim..ndim-1 (negative counts
 * from the end, as in numpy).
 * @throws TypeError ERR_INVALID_ARG_TYPE for a non-integer; RangeError
 *   ERR_AXIS_OUT_OF_RANGE, e.g. `axis 2 is out of bounds for array of dimension 2`.
 */
export function normalizeAxis(axis: unknown, ndim: number, name = 'axis'): number {
  const a = checkInteger(axis, name);
  if (a < -ndim || a >= ndim) {
    throw new CorepoolRangeError(ErrorCode.AXIS_OUT_OF_RANGE, `${name} ${a} is out of bounds for array of dimension ${ndim}`);
  }
  return a < 0 ? a + ndim : a;
}

/**
 * The axes an `axis` argument selects, each in 0..ndim-1, in the order given:
 * undefined selects all axes (0..ndim-1), a number one axis, an array those
 * axes. Negative axes count from the end.
 * @throws TypeError ERR_INVALID_ARG_TYPE for anything else; RangeError
 *   ERR_AXIS_OUT_OF_RANGE for an axis outside -ndim..ndim-1; RangeError
 *   ERR_OUT_OF_RANGE for an axis given twice (numpy: `repeated axis`).
 * numpy equivalent: `numpy.lib.array_utils.normalize_axis_tuple`.
 */
export function normalizeAxes(axis: number | readonly number[] | undefined, ndim: number, name = 'axis'): number[] {
  if (axis === undefined) return Array.from({ length: ndim }, (_, i) => i);
  if (typeof axis === 'number') return [normalizeAxis(axis, ndim, name)];
  if (!Array.isArray(axis)) {
    throw new CorepoolTypeError(
      ErrorCode.INVALID_ARG_TYPE,
      `${name} must be an integer, an array of integers or undefined; got ${typeof axis === 'object' ? 'object' : String(axis)}`,
    );
  }
  const out = (axis as readonly unknown[]).map((a, i) => normalizeAxis(a, ndim, `${name}[${i}]`));
  const seen = new Set<number>();
  for (const a of out) {
    if (seen.has(a)) throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `${name} must not repeat an axis; got ${formatShape(axis)}`);
    seen.add(a);
  }
  return out;
}
