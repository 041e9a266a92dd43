/**
 * Visiting a strided view's elements in C order without building index
 * tuples: an odometer over the axes that adds or rewinds one stride per step.
 */

/**
 * Calls `visit(position, k)` for each element of the view, where `position`
 * indexes the underlying TypedArray and `k` counts elements in C order.
 */
export function forEachPosition(
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
  visit: (position: number, k: number) => void,
): void {
  const ndim = shape.length;
  let size = 1;
  for (const d of shape) size *= d;
  if (size === 0) return;
  const counter = new Array<number>(ndim).fill(0);
  let position = offset;
  for (let k = 0; k < size; k++) {
    visit(position, k);
    for (let axis = ndim - 1; axis >= 0; axis--) {
      if (++counter[axis]! < shape[axis]!) {
        position += strides[axis]!;
        break;
      }
      counter[axis] = 0;
      position -= strides[axis]! * (shape[axis]! - 1);
    }
  }
}

/** The lowest and highest positions a non-empty view reads, for bounds checks and compact copies. */
export function span(shape: readonly number[], strides: readonly number[], offset: number): [low: number, high: number] {
  let low = offset;
  let high = offset;
  for (let i = 0; i < shape.length; i++) {
    const reach = strides[i]! * (shape[i]! - 1);
    if (reach < 0) low += reach;
    else high += reach;
  }
  return [low, high];
}
