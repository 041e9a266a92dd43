/**
 * n-dimensional operands as kernels see them, the twin of
 * native/kernels/strided.h: one shape shared by up to four operands, each
 * with an offset and strides in elements. The layout crosses to native code
 * and to workers packed in one array of numbers, "geometry":
 * `[ndim, operands, ...shape, ...(offset, ...strides) per operand]`. A plain
 * array, not a Float64Array: a small call makes one, and a TypedArray costs
 * ten times more to allocate (the native backend copies it into a reused one).
 */

/** A packed layout (see above). */
export type Geometry = readonly number[];

/** A packed layout in either form: reductions over axes build theirs in a Float64Array. */
export type GeometryLike = Geometry | Float64Array;

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
export function packGeometry(shape: readonly number[], operands: readonly StridedOperand[]): Geometry {
  const count = operands.length;
  // Per kept axis: its extent, then each operand's stride (plain loops: this
  // runs on every n-dimensional call, and small calls are dominated by it).
  const dims: number[] = [];
  const steps: number[] = [];
  let empty = false;
  for (let axis = 0; axis < shape.length; axis++) if (shape[axis] === 0) empty = true;
  for (let axis = 0; axis < shape.length && !empty; axis++) {
    const extent = shape[axis]!;
    if (extent === 1) continue;
    const last = dims.length - 1;
    let merges = last >= 0;
    for (let p = 0; p < count && merges; p++) merges = steps[last * count + p] === operands[p]!.strides[axis]! * extent;
    if (merges) {
      dims[last]! *= extent;
      for (let p = 0; p < count; p++) steps[last * count + p] = operands[p]!.strides[axis]!;
    } else {
      dims.push(extent);
      for (let p = 0; p < count; p++) steps.push(operands[p]!.strides[axis]!);
    }
  }
  if (empty || dims.length === 0) {
    dims.length = 0;
    dims.push(empty ? 0 : 1);
    steps.length = 0;
    for (let p = 0; p < count; p++) steps.push(0);
  }
  const ndim = dims.length;
  const words = new Array<number>(2 + ndim + count * (1 + ndim));
  words[0] = ndim;
  words[1] = count;
  for (let d = 0; d < ndim; d++) words[2 + d] = dims[d]!;
  for (let p = 0; p < count; p++) {
    const at = 2 + ndim + p * (1 + ndim);
    words[at] = operands[p]!.offset;
    for (let d = 0; d < ndim; d++) words[at + 1 + d] = steps[d * count + p]!;
  }
  return words;
}

/** The number of elements a geometry lays out. */
export function geometrySize(geometry: GeometryLike): number {
  let size = 1;
  for (let d = 0; d < geometry[0]!; d++) size *= geometry[2 + d]!;
  return size;
}

/** Operand `p`'s strides in a geometry. */
function stridesOf(geometry: GeometryLike, p: number): ArrayLike<number> {
  const ndim = geometry[0]!;
  return geometry.slice(2 + ndim + p * (1 + ndim) + 1, 2 + ndim + (p + 1) * (1 + ndim));
}

/**
 * Calls `segment(pos, n)` for each run of elements [begin, end) in C order
 * that lies along the last axis, `pos[p]` being operand p's position of the
 * run's first element. `pos` is reused between calls.
 */
export function forEachSegment(geometry: GeometryLike, begin: number, end: number, segment: (pos: Float64Array, n: number) => void): void {
  if (begin >= end) return;
  const ndim = geometry[0]!;
  const operands = geometry[1]!;
  const shape = geometry.slice(2, 2 + ndim);
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
