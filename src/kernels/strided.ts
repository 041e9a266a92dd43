/**
 * n-dimensional operands as kernels see them, the twin of
 * native/kernels/strided.h: one shape shared by up to four operands, each
 * with an offset and strides in elements. The layout crosses to native code
 * and to workers packed in a Float64Array, "geometry":
 * `[ndim, operands, ...shape, ...(offset, ...strides) per operand]`.
 */

/** One operand's place in its TypedArray, its strides aligned with the shared shape. */
export interface StridedOperand {
  readonly offset: number;
  readonly strides: readonly number[];
}

/**
 * Packs `shape` and the operands' layouts, first simplifying them as numpy's
 * iterator does: axes of length 1 go, and an axis merges into the next one
 * when every operand steps over it as one longer axis. A C-contiguous
 * operation so becomes one long axis, and the kernels' inner runs are as long
 * as they can be. A zero-size shape packs as one empty axis.
 */
export function packGeometry(shape: readonly number[], operands: readonly StridedOperand[]): Float64Array {
  const dims: number[] = [];
  const steps: number[][] = operands.map(() => []);
  if (shape.includes(0)) {
    dims.push(0);
    for (const s of steps) s.push(0);
  } else {
    for (let axis = 0; axis < shape.length; axis++) {
      const extent = shape[axis]!;
      if (extent === 1) continue;
      const last = dims.length - 1;
      const merges = last >= 0 && operands.every((op, p) => steps[p]![last] === op.strides[axis]! * extent);
      if (merges) {
        dims[last]! *= extent;
        operands.forEach((op, p) => {
          steps[p]![last] = op.strides[axis]!;
        });
      } else {
        dims.push(extent);
        operands.forEach((op, p) => {
          steps[p]!.push(op.strides[axis]!);
        });
      }
    }
    if (dims.length === 0) {
      dims.push(1);
      for (const s of steps) s.push(0);
    }
  }
  const ndim = dims.length;
  const words = new Float64Array(2 + ndim + operands.length * (1 + ndim));
  words[0] = ndim;
  words[1] = operands.length;
  words.set(dims, 2);
  operands.forEach((op, p) => {
    const at = 2 + ndim + p * (1 + ndim);
    words[at] = op.offset;
    words.set(steps[p]!, at + 1);
  });
  return words;
}

/** The number of elements a geometry lays out. */
export function geometrySize(geometry: Float64Array): number {
  let size = 1;
  for (let d = 0; d < geometry[0]!; d++) size *= geometry[2 + d]!;
  return size;
}

/** Operand `p`'s strides in a geometry. */
function stridesOf(geometry: Float64Array, p: number): Float64Array {
  const ndim = geometry[0]!;
  return geometry.subarray(2 + ndim + p * (1 + ndim) + 1, 2 + ndim + (p + 1) * (1 + ndim));
}

/**
 * Calls `segment(pos, n)` for each run of elements [begin, end) in C order
 * that lies along the last axis, `pos[p]` being operand p's position of the
 * run's first element. `pos` is reused between calls.
 */
export function forEachSegment(geometry: Float64Array, begin: number, end: number, segment: (pos: Float64Array, n: number) => void): void {
  if (begin >= end) return;
  const ndim = geometry[0]!;
  const operands = geometry[1]!;
  const shape = geometry.subarray(2, 2 + ndim);
  const strides = Array.from({ length: operands }, (_, p) => stridesOf(geometry, p));
  const last = ndim - 1;
  const index = new Float64Array(ndim);
  const pos = new Float64Array(operands);
  for (let p = 0; p < operands; p++) pos[p] = geometry[2 + ndim + p * (1 + ndim)]!;
  let rest = begin;
  for (let d = last; d >= 0; d--) {
    index[d] = rest % shape[d]!;
    rest = Math.floor(rest / shape[d]!);
    for (let p = 0; p < operands; p++) pos[p]! += index[d]! * strides[p]![d]!;
  }
  for (let at = begin; at < end; ) {
    const n = Math.min(end - at, shape[last]! - index[last]!);
    segment(pos, n);
    at += n;
    if (at >= end) break;
    for (let p = 0; p < operands; p++) pos[p]! -= index[last]! * strides[p]![last]!;
    index[last] = 0;
    for (let d = last - 1; d >= 0; d--) {
      for (let p = 0; p < operands; p++) pos[p]! += strides[p]![d]!;
      if (++index[d]! < shape[d]!) break;
      for (let p = 0; p < operands; p++) pos[p]! -= index[d]! * strides[p]![d]!;
      index[d] = 0;
    }
  }
}
