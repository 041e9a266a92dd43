/**
 * The run cache of compiled expressions: what a run depends on (its
 * operands' dtypes, shapes and layouts, its numbers, out's layout and the
 * axis), the checked operations and program for it, and the last run's
 * operands by identity, so a loop over one expression pays for the checks
 * and the encoding once.
 */
import { type Dtype, isShared, type NumericArray } from '../dtypes.js';
import { CorepoolTypeError, ErrorCode } from '../errors.js';
import { reduceId } from '../kernels/registry.js';
import { NDArray } from '../nd/ndarray.js';
import { contiguousStrides } from '../nd/shape.js';
import { dtypeOf } from '../validate.js';
import { checkOutView } from '../api/map_nd.js';
import type { Node } from './ast.js';
import { encode } from './encode.js';
import { fuseMultiplyAdd } from './fuse.js';
import { lower, type Lowered } from './lower.js';

/** A run's checked operations and program, kept for later runs with operands of the same kinds. */
export interface Prepared {
  readonly lowered: Lowered;
  /** Store mode: the program for a result of `out`'s layout; reduce mode: the reduction's. */
  readonly program: Float64Array;
}

/** Programs by operand signature, per tree: a loop over one expression lowers and encodes it once. */
const PREPARED = new WeakMap<Node, Map<string, Prepared>>();
const PREPARED_PER_TREE = 16;

/**
 * What a program depends on: each variable's dtype, shape and layout (not
 * its data) or a number's value, and out's layout. undefined when an operand
 * is not valid: the uncached path then reports it.
 */
function signature(vars: Record<string, unknown>, out: unknown): string | undefined {
  let key = '';
  for (const name in vars) {
    const v = vars[name];
    if (typeof v === 'number' || typeof v === 'boolean') {
      key += `${name}=${typeof v === 'boolean' ? `b${Number(v)}` : Object.is(v, -0) ? '-0' : v};`;
    } else if (v instanceof NDArray) {
      key += `${name}:${v.dtype}[${v.shape.join()}]${v.strides.join()}+${v.offset}${isShared(v.data) ? 's' : ''};`;
    } else {
      const dtype = dtypeOf(v);
      if (dtype === undefined) return undefined;
      key += `${name}:${dtype}#${(v as NumericArray).length}${isShared(v as NumericArray) ? 's' : ''};`;
    }
  }
  if (out instanceof NDArray) return `${key}>${out.dtype}[${out.shape.join()}]${out.strides.join()}+${out.offset}`;
  if (out !== undefined) return `${key}>${dtypeOf(out) ?? '?'}#${(out as NumericArray).length}`;
  return key;
}

/** The operations and program of a run, from the cache when an earlier run had the same signature. */
function prepare(
  tree: Node,
  source: string,
  vars: Record<string, unknown>,
  out: unknown,
  axis: AxisOption,
  key: string | undefined,
): Prepared {
  let cache = PREPARED.get(tree);
  const hit = key === undefined ? undefined : cache?.get(key);
  if (hit !== undefined) return hit;
  const lowered = withAxis(fuseMultiplyAdd(lower(tree, source, vars)), axis, source, tree);
  const reduction = lowered.reduction;
  const store = reduction === undefined || reduction.axis !== undefined;
  // Only out's layout matters here; a fresh result is C-contiguous from offset 0.
  const dtype = (lowered.value as { dtype: Dtype }).dtype;
  // A given NDArray out brings its own layout; a TypedArray out or a fresh result is C-contiguous from 0.
  const layout =
    store && reduction === undefined && out instanceof NDArray
      ? checkOutView(out, lowered.shape, dtype)
      : store
        ? { dtype, offset: 0, strides: contiguousStrides(lowered.shape) }
        : undefined;
  const prepared = { lowered, program: encode(lowered, layout, store ? -1 : reduceId(reduction!.name)).program };
  if (key !== undefined) {
    if (cache === undefined) PREPARED.set(tree, (cache = new Map()));
    if (cache.size >= PREPARED_PER_TREE) cache.delete(cache.keys().next().value!);
    cache.set(key, prepared);
  }
  return prepared;
}

const dataOf = (v: unknown): NumericArray => (v instanceof NDArray ? v.data : (v as NumericArray));

export type AxisOption = number | readonly number[] | undefined;

/** `options.axis`: an integer or an array of integers (checked against the shape by the reduction). */
export function checkAxis(axis: unknown): AxisOption {
  const integer = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v);
  if (axis === undefined || integer(axis) || (Array.isArray(axis) && axis.every(integer))) return axis as AxisOption;
  throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, 'options.axis must be an integer or an array of integers');
}

/** The reduction with `options.axis` applied: only to a top-level reduction, and not given twice. */
function withAxis(lowered: Lowered, axis: AxisOption, source: string, tree: Node): Lowered {
  if (axis === undefined) return lowered;
  const reduction = lowered.reduction;
  if (reduction === undefined) {
    throw new CorepoolTypeError(
      ErrorCode.INVALID_OPTION,
      `options.axis needs a reduction of the whole expression (sum, prod, min, max or mean); ${JSON.stringify(source)} has none`,
    );
  }
  if (reduction.axis !== undefined || (tree.type === 'call' && tree.keywords.length > 0)) {
    throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, 'options.axis: the expression already names its axis=; give it once');
  }
  return { ...lowered, reduction: { ...reduction, axis: typeof axis === 'number' ? axis : [...axis] } };
}

/**
 * The operands of a tree's last run, by identity. A TypedArray's dtype and
 * length never change (unless its buffer is resizable, which is never
 * remembered) and an NDArray's layout is frozen, so the same objects again
 * need neither a signature nor a cache lookup: a loop that runs one
 * expression over the same arrays pays for the checks once.
 */
export interface LastRun {
  readonly names: string[];
  readonly values: unknown[];
  /** Per value: an NDArray's data, shape, strides and offset as they were (TS marks them readonly; JS could still reassign them). */
  readonly layouts: Array<readonly unknown[] | undefined>;
  readonly out: unknown;
  readonly outLayout: readonly unknown[] | undefined;
  readonly axis: AxisOption;
  readonly prepared: Prepared;
  readonly inputs: NumericArray[];
}

const LAST = new WeakMap<Node, LastRun>();
const SEEN = new WeakSet<Node>();

function sameOperands(last: LastRun, vars: Record<string, unknown>, out: unknown, axis: AxisOption): boolean {
  if (last.out !== out || !Object.is(last.axis, axis)) return false;
  if (last.outLayout !== undefined && !sameLayout(out as NDArray, last.outLayout)) return false;
  let k = 0;
  for (const name in vars) {
    const value = vars[name];
    if (last.names[k] !== name || !Object.is(last.values[k], value)) return false;
    const layout = last.layouts[k];
    if (layout !== undefined && !sameLayout(value as NDArray, layout)) return false;
    k++;
  }
  return k === last.names.length;
}

const layoutOf = (v: unknown): readonly unknown[] | undefined =>
  v instanceof NDArray ? [v.data, v.shape, v.strides, v.offset] : undefined;
const sameLayout = (v: NDArray, l: readonly unknown[]): boolean =>
  v.data === l[0] && v.shape === l[1] && v.strides === l[2] && v.offset === l[3];

const resizable = (v: unknown): boolean => {
  const data = v instanceof NDArray ? v.data : v;
  if (!ArrayBuffer.isView(data)) return false;
  const buffer = data.buffer as ArrayBuffer & { resizable?: boolean; growable?: boolean };
  return buffer.resizable === true || buffer.growable === true;
};

function remember(tree: Node, prepared: Prepared, vars: Record<string, unknown>, out: unknown, axis: AxisOption): LastRun {
  const names = Object.keys(vars);
  const values = names.map((name) => vars[name]);
  const layouts = values.map(layoutOf);
  const inputs = prepared.lowered.names.map((name) => dataOf(vars[name]));
  const run = { names, values, layouts, out, outLayout: layoutOf(out), axis, prepared, inputs };
  // Arrays on resizable buffers can change length between calls: never remembered.
  if (typeof axis !== 'object' && !values.some(resizable) && !resizable(out)) LAST.set(tree, run);
  return run;
}

/**
 * The checked operations, program and inputs of a run of `tree` over `vars`:
 * the last run's when the operands are the same objects, else from the
 * signature cache, else lowered and encoded now (a tree's first run skips
 * the signature: nothing can be cached for it yet).
 */
export function runPlan(tree: Node, source: string, vars: Record<string, unknown>, out: unknown, axis: AxisOption): LastRun {
  const last = LAST.get(tree);
  if (last !== undefined && sameOperands(last, vars, out, axis)) return last;
  const seen = SEEN.has(tree);
  if (!seen) SEEN.add(tree);
  const key = seen ? signature(vars, out) : undefined;
  const prepared = prepare(tree, source, vars, out, axis, key === undefined ? undefined : `${key}|${axis}`);
  return remember(tree, prepared, vars, out, axis);
}
