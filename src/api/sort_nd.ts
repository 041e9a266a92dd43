/**
 * The sort family along an axis of an NDArray (default the last; null
 * flattens, as numpy's axis=None). The lines along the axis are gathered
 * into one C-contiguous buffer, Backend.sortLines runs the flat kernel on
 * every line (chunks of lines in parallel; one long line uses the flat
 * parallel sort), and results are scattered back when the axis is not the
 * last. Order, stability and k semantics are the flat kernels' (sort.ts).
 */
import { type Dtype, isShared, type NumericArray } from '../dtypes.js';
import { SORT_LINE_OPS } from '../kernels/sort_steps.js';
import { allocate } from '../nd/alloc.js';
import { NDArray } from '../nd/ndarray.js';
import { kernelOptions } from './kernel_specs.js';
import { checkOutView } from './map_nd.js';
import { type LineLayout, lineLayout, linesOf, scatterLines } from './nd_lines.js';
import { booleanOption, checkK, type IndexArray } from './sort_args.js';
import { call, type Steps } from './steps.js';

/** Values and indices along the axis, as NDArrays (partition, topk). */
export interface NDValuesAndIndices {
  values: NDArray;
  /** Positions along the axis: Uint32-backed (Float64-backed for lines of 2^32 elements or more). */
  indices: NDArray;
}

type LineOp = (typeof SORT_LINE_OPS)[number];

/** The layout of `a` along options.axis: default -1 (the last), null flattens. */
function layoutOf(a: NDArray, opts: Record<string, unknown>, signal: AbortSignal | undefined): Steps<LineLayout> {
  return lineLayout(a, opts.axis === undefined ? -1 : opts.axis, signal);
}

/** Index storage for `size` slots of positions within lines of `m` elements. */
function indexStore(m: number, size: number, shared: boolean): IndexArray {
  return allocate(m >= 2 ** 32 ? 'float64' : 'uint32', size, shared) as IndexArray;
}

/** An NDArray of `shape` holding `lines` (laid out with the axis last), scattered unless the axis is last. */
function* fromLines(
  lines: NumericArray,
  shape: readonly number[],
  axis: number,
  dtype: Dtype,
  signal: AbortSignal | undefined,
): Steps<NDArray> {
  if (axis === shape.length - 1) return new NDArray(lines, shape);
  const result = new NDArray(allocate(dtype, lines.length, isShared(lines)), shape);
  yield* scatterLines(lines, result, axis, signal);
  return result;
}

function* runLines(
  signal: AbortSignal | undefined,
  op: LineOp,
  m: number,
  a: NumericArray,
  k: number,
  option: boolean,
  values?: NumericArray,
  indices?: IndexArray,
): Steps<void> {
  if (a.length === 0) return;
  yield* call(signal, 'sortLines', SORT_LINE_OPS.indexOf(op), m, a, k, option, values, indices);
}

/** sort of an NDArray: a new C-contiguous NDArray (or options.out); a is untouched. */
export function* sortNdSteps(a: NDArray, options: unknown): Steps<NDArray> {
  const { opts, signal } = kernelOptions(options, 'sort');
  const descending = booleanOption(opts, 'descending', false);
  const layout = yield* layoutOf(a, opts, signal);
  const shape = layout.view.shape;
  const out = opts.out === undefined ? undefined : checkOutView(opts.out, shape, a.dtype);
  // Lines read in place are copied by the kernel into a fresh buffer, a line at a time while in cache.
  const source = yield* linesOf(layout, signal);
  const fresh = source.buffer !== a.data.buffer;
  const lines = fresh ? source : allocate(a.dtype, source.length, isShared(a.data));
  yield* runLines(signal, 'sort', layout.n, source, 0, descending, fresh ? undefined : lines);
  if (out === undefined) return yield* fromLines(lines, shape, layout.axis, a.dtype, signal);
  yield* scatterLines(lines, out, layout.axis, signal);
  return out;
}

/** argsort of an NDArray: positions along the axis, Uint32-backed. */
export function* argsortNdSteps(a: NDArray, options: unknown): Steps<NDArray> {
  const { opts, signal } = kernelOptions(options, 'argsort');
  const descending = booleanOption(opts, 'descending', false);
  const layout = yield* layoutOf(a, opts, signal);
  const lines = yield* linesOf(layout, signal);
  const indices = indexStore(layout.n, lines.length, isShared(a.data));
  yield* runLines(signal, 'argsort', layout.n, lines, 0, descending, undefined, indices);
  return yield* fromLines(indices, layout.view.shape, layout.axis, indices instanceof Uint32Array ? 'uint32' : 'float64', signal);
}

/** partition (inclusive false) or topk (true) of an NDArray along the axis. */
export function* selectNdSteps(a: NDArray, k: unknown, options: unknown, inclusive: boolean): Steps<NDValuesAndIndices> {
  const { opts, signal } = kernelOptions(options, inclusive ? 'topk' : 'partition');
  const largest = booleanOption(opts, 'largest', true);
  const layout = yield* layoutOf(a, opts, signal);
  const m = layout.n;
  const rank = checkK(k, inclusive ? m : m - 1);
  const lines = yield* linesOf(layout, signal);
  const per = inclusive ? rank : m;
  const count = m === 0 ? 0 : (lines.length / m) * per;
  const shared = isShared(a.data);
  const values = allocate(a.dtype, count, shared);
  const indices = indexStore(m, count, shared);
  yield* runLines(signal, inclusive ? 'topk' : 'partition', m, lines, rank, largest, values, indices);
  const shape = layout.view.shape.map((extent, i) => (i === layout.axis ? per : extent));
  const indexDtype = indices instanceof Uint32Array ? 'uint32' : 'float64';
  return {
    values: yield* fromLines(values, shape, layout.axis, a.dtype, signal),
    indices: yield* fromLines(indices, shape, layout.axis, indexDtype, signal),
  };
}
