/**
 * matvec and outer over NDArrays, as numpy's `matvec` and `outer`: matvec is
 * matmul of a stack of matrices by a stack of vectors (each vector a column
 * view, so the batched GEMM of src/api/matmul_nd.ts does the work), and
 * outer flattens both inputs (numpy.outer does) into one 2-D result.
 */
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import { NDArray } from '../nd/ndarray.js';
import { elementsOf } from '../nd/operand.js';
import { formatShape } from '../nd/shape.js';
import { forEachPosition } from '../nd/walk.js';
import { checkArray } from '../validate.js';
import { kernelOptions } from './kernel_specs.js';
import { prepareOuter } from './linalg_args.js';
import { checkOutView } from './map_nd.js';
import { floatView } from './matmul_nd.js';
import { call, type Steps } from './steps.js';

/** Refuses the flat-only options of `owner` with NDArray operands. */
function refuseFlat(opts: Record<string, unknown>, keys: readonly string[]): void {
  for (const key of keys) {
    if (opts[key] !== undefined) {
      throw new CorepoolTypeError(
        ErrorCode.INVALID_OPTION,
        `options.${key} applies to flat arrays only; NDArray operands give their own shapes`,
      );
    }
  }
}

/** options.out as an NDArray (a TypedArray is its 1-d view). */
function outView(out: unknown): NDArray | undefined {
  if (out === undefined || out instanceof NDArray) return out;
  checkArray(out, 'options.out');
  return new NDArray(out as Float64Array);
}

/**
 * numpy.matvec: (..., m, n) x (..., n) -> (..., m), batch dimensions
 * broadcast. `matmul` is given x as a column view and out as its (..., m, 1) view.
 */
export function* matvecNdSteps(
  matmul: (a: unknown, b: unknown, options: unknown) => Steps<unknown>,
  a: unknown,
  x: unknown,
  options: unknown,
): Steps<NDArray> {
  const { opts, signal } = kernelOptions(options, 'matvec');
  refuseFlat(opts, ['m', 'n', 'trans', 'alpha', 'beta']);
  const va = floatView(a, 'a');
  const vx = floatView(x, 'x');
  if (va.ndim < 2) {
    throw new CorepoolRangeError(ErrorCode.SHAPE_MISMATCH, `matvec: a must have at least 2 dimensions; got shape ${formatShape(va.shape)}`);
  }
  const out = outView(opts.out);
  const result = (yield* matmul(va, vx.expandDims(-1), { out: out?.expandDims(-1), signal })) as NDArray;
  return out ?? result.squeeze(-1);
}

/** numpy.outer: out[i, j] = x.flat[i] * y.flat[j], a (x.size, y.size) NDArray or options.out (any view of it). */
export function* outerNdSteps(x: unknown, y: unknown, options: unknown): Steps<NDArray> {
  const { opts, signal } = kernelOptions(options, 'outer');
  const xs = x instanceof NDArray ? elementsOf(x) : x;
  const ys = y instanceof NDArray ? elementsOf(y) : y;
  const prepared = prepareOuter(xs, ys, signal === undefined ? undefined : { signal });
  const shape = [prepared.x.length, prepared.y.length];
  const target =
    opts.out === undefined ? undefined : checkOutView(opts.out, shape, prepared.x instanceof Float32Array ? 'float32' : 'float64');
  yield* call(signal, 'outer', prepared.x, prepared.y, prepared.out);
  if (target === undefined) return new NDArray(prepared.out, shape);
  forEachPosition(target.shape, target.strides, target.offset, (position, k) => {
    target.data[position] = prepared.out[k]!;
  });
  return target;
}
