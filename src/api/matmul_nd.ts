/**
 * matmul over NDArrays with numpy's semantics: 2-D x 2-D, stacks of
 * matrices (..., m, k) x (..., k, n) whose batch dimensions broadcast, and
 * 1-D operands promoted (a vector a is 1 x k, a vector b is k x 1; the 1 is
 * dropped from the result). Called by matmulSteps when an operand is an
 * NDArray; flat calls never come here.
 *
 * Each operand's matrices go to the backend's batched GEMM in place when
 * they are packed rows (N) or packed columns (T, e.g. `m.T`); any other
 * layout is copied to C order first, as numpy does. The batch is described
 * by one element offset per item, repeated where a dimension broadcasts.
 */
import { isShared } from '../dtypes.js';
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import type { FloatArray, GemmBatchParams } from '../kernels/matmul.js';
import { allocate } from '../nd/alloc.js';
import { NDArray } from '../nd/ndarray.js';
import { broadcastError, formatShape, shapeSize } from '../nd/shape.js';
import { forEachPosition, span } from '../nd/walk.js';
import { checkArray } from '../validate.js';
import { kernelOptions } from './kernel_specs.js';
import { checkOutView } from './map_nd.js';

/** Options of matmul with NDArray operands: shapes come from the arrays. */
export interface MatmulNdOptions {
  /** An NDArray view (any strides) of the result's shape and dtype, or a TypedArray of its size. */
  out?: NDArray | Float64Array | Float32Array | undefined;
  /** Cancels the call between products; it then rejects with an AbortError (code ABORT_ERR). */
  signal?: AbortSignal | undefined;
}

/** The flat-only options: an NDArray call refuses them rather than guess. */
const FLAT_ONLY = ['m', 'k', 'n', 'transA', 'transB', 'alpha', 'beta'];

export interface PreparedMatmulNd {
  p: GemmBatchParams;
  /** The result: a new array, or options.out. */
  result: NDArray;
  /** Set when C is a temporary to copy into `result` (a strided or overlapping out). */
  scatter: boolean;
  signal: AbortSignal | undefined;
}

/** An operand as a float NDArray of at least one dimension (a TypedArray is its 1-d view). */
export function floatView(value: unknown, name: string): NDArray {
  let view: NDArray;
  if (value instanceof NDArray) view = value;
  else {
    checkArray(value, name);
    view = new NDArray(value as FloatArray);
  }
  if (view.dtype !== 'float64' && view.dtype !== 'float32') {
    throw new CorepoolTypeError(ErrorCode.INVALID_DTYPE, `${name} must be float64 or float32 for matmul; got ${view.dtype}`);
  }
  if (view.ndim === 0) {
    throw new CorepoolRangeError(ErrorCode.SHAPE_MISMATCH, `${name} must have at least 1 dimension for matmul; got shape []`);
  }
  return view;
}

/** 'N' for packed rows, 'T' for packed columns (a transposed C-order matrix), else undefined. */
function layoutOf(v: NDArray): 'N' | 'T' | undefined {
  const nd = v.ndim;
  const rows = v.shape[nd - 2]!;
  const cols = v.shape[nd - 1]!;
  const rs = v.strides[nd - 2]!;
  const cs = v.strides[nd - 1]!;
  if ((cols <= 1 || cs === 1) && (rows <= 1 || rs === cols)) return 'N';
  if ((rows <= 1 || rs === 1) && (cols <= 1 || cs === rows)) return 'T';
  return undefined;
}

/** `v` as the backend reads it: in place when packed (N or T), else a C-order copy. */
function packed(v: NDArray): { view: NDArray; trans: boolean } {
  const layout = layoutOf(v);
  return layout === undefined ? { view: v.copy(), trans: false } : { view: v, trans: layout === 'T' };
}

/** numpy's promotion: a vector a is a 1 x k row, a vector b a k x 1 column. */
function promote(v: NDArray, row: boolean): NDArray {
  if (v.ndim !== 1) return v;
  const [extent, stride] = [v.shape[0]!, v.strides[0]!];
  return row ? new NDArray(v.data, [1, extent], [0, stride], v.offset) : new NDArray(v.data, [extent, 1], [stride, 0], v.offset);
}

/** The element offset of each batch item's matrix, in C order over `batch` (0 strides where v broadcasts). */
function offsetsOf(v: NDArray, batch: readonly number[], count: number): Float64Array {
  const lead = batch.length - (v.ndim - 2);
  const strides = batch.map((_, axis) => (axis < lead || v.shape[axis - lead] === 1 ? 0 : v.strides[axis - lead]!));
  const offsets = new Float64Array(count);
  // An empty operand (k = 0) is never read, and its strides may point anywhere.
  if (v.size === 0) return offsets;
  forEachPosition(batch, strides, v.offset, (position, i) => {
    offsets[i] = position;
  });
  return offsets;
}

/** The batch shape both operands broadcast to; errors name the operands' own shapes. */
function batchShape(a: NDArray, b: NDArray, shapeA: readonly number[], shapeB: readonly number[]): number[] {
  const ba = a.shape.slice(0, -2);
  const bb = b.shape.slice(0, -2);
  const ndim = Math.max(ba.length, bb.length);
  const shape: number[] = [];
  for (let i = 0; i < ndim; i++) {
    const x = ba[i - (ndim - ba.length)] ?? 1;
    const y = bb[i - (ndim - bb.length)] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw broadcastError(shapeA, shapeB);
    shape.push(x === 1 ? y : x);
  }
  return shape;
}

/** True when the two views' element ranges share bytes. */
function overlaps(x: NDArray, y: NDArray): boolean {
  if (x.data.buffer !== y.data.buffer || x.size === 0 || y.size === 0) return false;
  const bytes = (v: NDArray): [number, number] => {
    const [low, high] = span(v.shape, v.strides, v.offset);
    const step = v.data.BYTES_PER_ELEMENT;
    return [v.data.byteOffset + low * step, v.data.byteOffset + (high + 1) * step];
  };
  const [xl, xh] = bytes(x);
  const [yl, yh] = bytes(y);
  return xl < yh && yl < xh;
}

/**
 * A batch whose items all read one B, with A's items one after another in C
 * order, is one product of count*m rows: B is packed once and the pool
 * splits the rows instead of the items (1.4x faster for 64 x 128^3 with a
 * broadcast B). Each element's summation order is fixed by k alone on both
 * backends, so the bits stay those of the separate items (checked by
 * test/fixtures/parity_nd_linalg.mjs).
 */
function fold(p: GemmBatchParams): GemmBatchParams {
  const count = p.aOffsets.length;
  if (count <= 1 || p.transA) return p;
  const a0 = p.aOffsets[0]!;
  const b0 = p.bOffsets[0]!;
  for (let i = 1; i < count; i++) {
    if (p.bOffsets[i] !== b0 || p.aOffsets[i] !== a0 + i * p.m * p.k) return p;
  }
  return { ...p, m: p.m * count, aOffsets: Float64Array.of(a0), bOffsets: Float64Array.of(b0) };
}

/** matmul's options, refusing the flat-only ones. */
function ndOptions(options: unknown): ReturnType<typeof kernelOptions> {
  const checked = kernelOptions(options, 'matmul');
  for (const key of FLAT_ONLY) {
    if (checked.opts[key] !== undefined) {
      throw new CorepoolTypeError(
        ErrorCode.INVALID_OPTION,
        `options.${key} applies to flat arrays only; NDArray operands give their own shapes`,
      );
    }
  }
  return checked;
}

/** Validates a matmul call with an NDArray operand and lays out its batch. */
export function prepareMatmulNd(a: unknown, b: unknown, options: unknown): PreparedMatmulNd {
  const va = floatView(a, 'a');
  const vb = floatView(b, 'b');
  if (va.dtype !== vb.dtype) {
    throw new CorepoolTypeError(ErrorCode.INVALID_DTYPE, `b must have the same dtype as a (${va.dtype}); got ${vb.dtype}`);
  }
  const { opts, signal } = ndOptions(options);
  const A = promote(va, true);
  const B = promote(vb, false);
  const m = A.shape[A.ndim - 2]!;
  const k = A.shape[A.ndim - 1]!;
  const n = B.shape[B.ndim - 1]!;
  if (B.shape[B.ndim - 2] !== k) {
    throw new CorepoolRangeError(
      ErrorCode.SHAPE_MISMATCH,
      `matmul: a and b must agree on the contracted dimension (shapes ${formatShape(va.shape)} and ${formatShape(vb.shape)}: ${k} vs ${B.shape[B.ndim - 2]})`,
    );
  }
  const batch = batchShape(A, B, va.shape, vb.shape);
  const shape = [...batch, ...(va.ndim === 1 ? [] : [m]), ...(vb.ndim === 1 ? [] : [n])];
  const count = shapeSize(batch);
  const target = opts.out === undefined ? undefined : checkOutView(opts.out, shape, va.dtype);
  const pa = packed(A);
  const pb = packed(B);
  const direct = target?.isContiguous === true && !overlaps(target, va) && !overlaps(target, vb);
  const size = shapeSize(shape);
  const result = target ?? new NDArray(allocate(va.dtype, size, isShared(va.data) || isShared(vb.data)), shape);
  const c = (
    direct || target === undefined ? result.data.subarray(result.offset, result.offset + size) : allocate(va.dtype, size, false)
  ) as FloatArray;
  const p: GemmBatchParams = {
    a: pa.view.data as FloatArray,
    b: pb.view.data as FloatArray,
    c,
    m,
    k,
    n,
    transA: pa.trans,
    transB: pb.trans,
    alpha: 1,
    beta: 0,
    aOffsets: offsetsOf(pa.view, batch, count),
    bOffsets: offsetsOf(pb.view, batch, count),
  };
  return { p: fold(p), result, scatter: target !== undefined && !direct, signal };
}

/** Copies the computed C into a strided or overlapping out, in C order. */
export function scatterResult(prepared: PreparedMatmulNd): NDArray {
  const { p, result } = prepared;
  if (prepared.scatter) {
    const { data } = result;
    forEachPosition(result.shape, result.strides, result.offset, (position, k) => {
      data[position] = p.c[k]!;
    });
  }
  return result;
}
