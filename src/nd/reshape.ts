/**
 * numpy's reshape rule: a reshape is a view when the old strides can walk
 * the new shape, a copy otherwise. Ported from numpy's
 * `_attempt_nocopy_reshape` (C order), so the view-or-copy decision is
 * numpy's in the non-contiguous cases too (a transposed or sliced array).
 */
import { CorepoolRangeError, ErrorCode } from '../errors.js';
import { checkShape } from '../validate.js';
import { contiguousStrides, formatShape, shapeSize } from './shape.js';

/**
 * The shape `requested` asks of an array of `size` elements, with its one
 * -1 filled in.
 * @throws RangeError ERR_SHAPE_MISMATCH (`cannot reshape array of size 12
 *   into shape [5,3]`), ERR_OUT_OF_RANGE for two -1s or a negative size.
 */
export function resolveShape(requested: unknown, size: number, name = 'shape'): number[] {
  const raw = typeof requested === 'number' ? [requested] : requested;
  const unknownAt = Array.isArray(raw) ? raw.indexOf(-1) : -1;
  if (unknownAt !== -1 && (raw as unknown[]).indexOf(-1, unknownAt + 1) !== -1) {
    throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `${name} can only specify one unknown dimension (-1)`);
  }
  const shape = checkShape(unknownAt === -1 ? raw : (raw as number[]).map((d, i) => (i === unknownAt ? 0 : d)), name);
  const mismatch = (): CorepoolRangeError =>
    new CorepoolRangeError(ErrorCode.SHAPE_MISMATCH, `cannot reshape array of size ${size} into shape ${formatShape(raw as number[])}`);
  if (unknownAt !== -1) {
    const known = shapeSize(shape.filter((_, i) => i !== unknownAt));
    if (known === 0 || size % known !== 0) throw mismatch();
    shape[unknownAt] = size / known;
  }
  if (shapeSize(shape) !== size) throw mismatch();
  return shape;
}

/**
 * The strides that view an array of (`shape`, `strides`) as `newShape` (same
 * size), or null when no strides can and the reshape must copy.
 */
export function reshapeStrides(shape: readonly number[], strides: readonly number[], newShape: readonly number[]): number[] | null {
  if (shapeSize(shape) === 0 || newShape.length === 0) return contiguousStrides(newShape);
  // Axes of length 1 constrain nothing.
  const oldDims: number[] = [];
  const oldStrides: number[] = [];
  shape.forEach((d, i) => {
    if (d !== 1) {
      oldDims.push(d);
      oldStrides.push(strides[i]!);
    }
  });
  const newStrides = new Array<number>(newShape.length).fill(0);
  let oi = 0;
  let oj = 1;
  let ni = 0;
  let nj = 1;
  while (ni < newShape.length && oi < oldDims.length) {
    let np = newShape[ni]!;
    let op = oldDims[oi]!;
    while (np !== op) {
      if (np < op) np *= newShape[nj++]!;
      else op *= oldDims[oj++]!;
    }
    // The old axes oi..oj-1 merge into new axes ni..nj-1 only if they are contiguous with each other.
    for (let ok = oi; ok < oj - 1; ok++) {
      if (oldStrides[ok] !== oldDims[ok + 1]! * oldStrides[ok + 1]!) return null;
    }
    newStrides[nj - 1] = oldStrides[oj - 1]!;
    for (let nk = nj - 1; nk > ni; nk--) newStrides[nk - 1] = newStrides[nk]! * newShape[nk]!;
    ni = nj++;
    oi = oj++;
  }
  // Trailing axes of length 1 get the stride numpy gives them.
  const last = ni >= 1 ? newStrides[ni - 1]! : 1;
  for (let nk = ni; nk < newShape.length; nk++) newStrides[nk] = last;
  return newStrides;
}
