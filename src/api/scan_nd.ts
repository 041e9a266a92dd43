/**
 * cumsum and cumprod of NDArrays: along one axis, or over the flattened
 * array (axis undefined or null, numpy's axis=None). Each line is exactly
 * the flat scan of that line copied out contiguous (the order in
 * src/api/scans.ts): a 1-d line runs the flat parallel scan itself; lines of
 * a larger array run Backend.scanLines on the C-order data, which scans a
 * non-last axis row by row, vectorised across the lines.
 */
import { type Dtype, isShared } from '../dtypes.js';
import { scanId, type ScanName } from '../kernels/scans.js';
import { allocate } from '../nd/alloc.js';
import { NDArray } from '../nd/ndarray.js';
import { kernelOptions } from './kernel_specs.js';
import { checkOutView, clashes } from './map_nd.js';
import { cOrder, copyInto, copyOf, lineLayout } from './nd_lines.js';
import { call, type Steps } from './steps.js';

/** cumsum or cumprod of an NDArray: a new C-contiguous NDArray, or options.out. */
export function* scanNdSteps(name: ScanName, x: NDArray, options: unknown): Steps<NDArray> {
  const { opts, signal } = kernelOptions(options, name);
  // numpy scans a 0-d array as the 1-d array of its element for axis 0 (or -1) too.
  const flatten = x.ndim === 0 && (opts.axis === 0 || opts.axis === -1);
  const layout = yield* lineLayout(x, flatten ? null : opts.axis, signal);
  const shape = layout.view.shape;
  const dtype: Dtype = x.dtype === 'float32' ? 'float32' : 'float64';
  const out = opts.out === undefined ? undefined : checkOutView(opts.out, shape, dtype);
  // A result view over x's bytes in another layout would be overwritten before it is read.
  const source = out !== undefined && clashes(out, layout.view) ? yield* copyOf(layout.view, signal) : layout.view;
  const input = yield* cOrder(source, signal);
  // A contiguous out is written directly; any other view gets the result copied in.
  const target = out?.isContiguous ? out.data.subarray(out.offset, out.offset + out.size) : allocate(dtype, input.length, isShared(x.data));
  const id = scanId(name);
  if (layout.outer === 1 && layout.inner === 1) {
    yield* call(signal, 'scan', id, target, input);
  } else {
    yield* call(signal, 'scanLines', id, target, input, layout.outer, layout.n, layout.inner);
  }
  if (out === undefined) return new NDArray(target, shape);
  if (!out.isContiguous) yield* copyInto(new NDArray(target, shape), out, signal);
  return out;
}
