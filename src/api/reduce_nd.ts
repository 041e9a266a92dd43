/**
 * Reductions over NDArrays with numpy's `axis` and `keepdims`: the shape
 * arithmetic, the result dtype, `options.out`, and the layout (a geometry
 * with the kept axes first and the reduced ones after) that the backends'
 * `reduceAxis` runs. Each output reduces its line exactly as the flat kernel
 * reduces a contiguous copy of it, so results are bit-identical to flat
 * calls, for any thread count and on both backends.
 *
 * Result dtypes: min and max keep the input dtype; argmin and argmax give
 * int32 (positions within the line); any and all give uint8 (0 or 1); every
 * other reduction (sum, mean, prod, var, std, norm, countNonzero, the
 * nan-reductions) gives float64, the number the flat call returns.
 */
import { type Dtype, isShared, type NumericArray } from '../dtypes.js';
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import { mapId, reduceId, reduceTwin, type ReduceName } from '../kernels/registry.js';
import { type Geometry, packGeometry } from '../kernels/strided.js';
import { allocate } from '../nd/alloc.js';
import { NDArray } from '../nd/ndarray.js';
import { contiguousStrides, normalizeAxes } from '../nd/shape.js';
import { checkArray } from '../validate.js';
import { kernelOptions } from './kernel_specs.js';
import { checkOutView } from './map_nd.js';
import { call, type Steps } from './steps.js';

/** True when a reduction call takes the n-dimensional path: an NDArray, or any of `axis`, `keepdims`, `out` given. */
export function isNdReduce(a: unknown, options: unknown): boolean {
  if (a instanceof NDArray) return true;
  if (options === null || typeof options !== 'object') return false;
  const o = options as Record<string, unknown>;
  return o.axis !== undefined || o.keepdims !== undefined || o.out !== undefined;
}

function resultDtype(name: ReduceName, input: Dtype): Dtype {
  if (name === 'min' || name === 'max') return input;
  if (name === 'argmin' || name === 'argmax') return 'int32';
  if (name === 'any' || name === 'all') return 'uint8';
  return 'float64';
}

/** A reduction's layout: which axes are kept, the result's shape, and each line's length. */
interface AxisPlan {
  readonly kept: number[];
  readonly reduced: number[];
  readonly shape: number[];
  readonly line: number;
}

function planAxes(name: ReduceName, view: NDArray, opts: Record<string, unknown>): AxisPlan {
  const { axis, keepdims } = opts;
  if (keepdims !== undefined && typeof keepdims !== 'boolean') {
    throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, `options.keepdims must be a boolean; got ${typeof keepdims}`);
  }
  if ((name === 'argmin' || name === 'argmax') && axis !== undefined && typeof axis !== 'number') {
    throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, `options.axis must be an integer or undefined for ${name} (one axis or none)`);
  }
  const reduced = normalizeAxes(axis as number | number[] | undefined, view.ndim, 'options.axis');
  const isReduced = (d: number): boolean => reduced.includes(d);
  const kept = view.shape.map((_, d) => d).filter((d) => !isReduced(d));
  const shape = keepdims === true ? view.shape.map((extent, d) => (isReduced(d) ? 1 : extent)) : kept.map((d) => view.shape[d]!);
  // C order over the reduced axes is their order in the array, whatever order `axis` lists them in.
  reduced.sort((x, y) => x - y);
  const line = reduced.reduce((n, d) => n * view.shape[d]!, 1);
  if ((name === 'argmin' || name === 'argmax') && line > 2 ** 31 - 1) {
    throw new CorepoolRangeError(
      ErrorCode.OUT_OF_RANGE,
      `a must have at most 2^31 - 1 elements along the axis of ${name} (int32 positions)`,
    );
  }
  if (line === 0 && reduceTwin(reduceId(name)).emptyIsError) {
    throw new CorepoolRangeError(ErrorCode.EMPTY_INPUT, `a must not be empty along the reduced axes: ${name} has no identity`);
  }
  return { kept, reduced, shape, line };
}

/** The combined geometry: kept axes (a's offset and strides) then reduced axes (offset 0). */
function axisGeometry(view: NDArray, plan: AxisPlan): { geometry: Float64Array; outerDims: number } {
  const part = (axes: number[], offset: number): Geometry =>
    packGeometry(
      axes.map((d) => view.shape[d]!),
      [{ offset, strides: axes.map((d) => view.strides[d]!) }],
    );
  const outer = part(plan.kept, view.offset);
  const inner = part(plan.reduced, 0);
  const no = outer[0]!;
  const ni = inner[0]!;
  const geometry = new Float64Array(2 + 2 * (no + ni) + 1);
  geometry[0] = no + ni;
  geometry[1] = 1;
  geometry.set(outer.slice(2, 2 + no), 2);
  geometry.set(inner.slice(2, 2 + ni), 2 + no);
  geometry[2 + no + ni] = view.offset;
  geometry.set(outer.slice(3 + no), 3 + no + ni);
  geometry.set(inner.slice(3 + ni), 3 + 2 * no + ni);
  return { geometry, outerDims: no };
}

/**
 * Reduction `name` of `a` (an NDArray, or a TypedArray viewed as 1-d) over
 * `options.axis`. `finish(values, line)` post-processes the float64 results
 * in place (variance's divisor). With no `axis`, `keepdims` or `out` the
 * result is a number; otherwise an NDArray (0-d when every axis is reduced).
 */
export function* reduceNdSteps(
  name: ReduceName,
  a: unknown,
  options: unknown,
  owner: string = name,
  finish?: (values: NumericArray, line: number) => void,
): Steps<NDArray | number> {
  if (!(a instanceof NDArray)) checkArray(a, 'a');
  const view = a instanceof NDArray ? a : new NDArray(a as NumericArray);
  const { opts, signal } = kernelOptions(options, owner);
  const plan = planAxes(name, view, opts);
  const dtype = resultDtype(name, view.dtype);
  const out = opts.out === undefined ? undefined : checkOutView(opts.out, plan.shape, dtype);
  const size = plan.shape.reduce((n, e) => n * e, 1);
  // Writing straight into out when it is C-contiguous and shares no buffer with a.
  const direct = out?.isContiguous === true && out.data.buffer !== view.data.buffer;
  const dest = direct ? out.data.subarray(out.offset, out.offset + size) : allocate(dtype, size, isShared(view.data));
  const { geometry, outerDims } = axisGeometry(view, plan);
  const id = reduceId(name);
  if (size === 1 && view.isContiguous && view.size > 0) {
    // One line, contiguous: the flat call itself, parallel over its blocks.
    dest[0] = yield* call(signal, 'reduce', id, [view.data.subarray(view.offset, view.offset + view.size)]);
  } else {
    yield* call(signal, 'reduceAxis', id, geometry, outerDims, view.data, dest);
  }
  finish?.(dest, plan.line);
  if (out !== undefined) {
    if (!direct) {
      // Into out's layout through the strided engine (astype to the same dtype is a copy), not element by element in JS.
      const layouts = [
        { offset: out.offset, strides: out.strides },
        { offset: 0, strides: contiguousStrides(plan.shape) },
      ];
      yield* call(signal, 'mapStrided', mapId('astype'), packGeometry(plan.shape, layouts), out.data, [dest]);
    }
    return out;
  }
  // Reducing everything with no axis named gives the number, as for a flat
  // array; naming an axis always gives an NDArray (0-d when nothing is left).
  if (plan.shape.length === 0 && opts.axis === undefined) return dest[0]!;
  return new NDArray(dest, plan.shape);
}
