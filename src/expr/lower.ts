/**
 * The checker: an expression tree and its variables to a list of kernel
 * operations with their dtypes and shapes. Names, arity, dtypes and shapes
 * are all checked here, before any program exists; the dtype of each step
 * follows the kernels' own promotion, so an expression gives what the chain
 * of kernel calls would give. Subtrees of numbers only are folded to a
 * number with the kernels' own twins (they behave like Python scalars).
 */
import { type Dtype, isShared } from '../dtypes.js';
import { CorepoolTypeError, ErrorCode } from '../errors.js';
import type { MapKind } from '../kernels/map.js';
import { MAP_KERNELS, mapId } from '../kernels/registry.js';
import { NDArray } from '../nd/ndarray.js';
import { broadcastError } from '../nd/shape.js';
import { checkArray } from '../validate.js';
import { resultDtype } from '../api/map_args.js';
import type { BinaryNode, CallNode, Node } from './ast.js';
import {
  CAST_NAMES,
  EXPRESSION_KERNELS,
  nearestName,
  OPERATOR_KERNELS,
  POWER_SHORTCUTS,
  REDUCTION_NAMES,
  type ReductionName,
} from './functions.js';
import { pointAt } from './parse.js';

/** Where a value comes from: a variable's array, or an earlier operation. */
export type Source = { readonly type: 'binding'; readonly index: number } | { readonly type: 'op'; readonly index: number };

export interface ArrayValue {
  readonly kind: 'array';
  readonly dtype: Dtype;
  readonly shape: readonly number[];
  /** A comparison or logical result: uint8 holding 0 or 1. */
  readonly bool: boolean;
  readonly source: Source;
}

export interface ScalarValue {
  readonly kind: 'scalar';
  readonly value: number;
  readonly bool: boolean;
}

export type Value = ArrayValue | ScalarValue;

/** One kernel call of the expression, on values computed before it. */
export interface Op {
  readonly kernel: string;
  readonly kind: MapKind;
  readonly dtype: Dtype;
  readonly args: readonly Value[];
}

export interface Reduction {
  readonly name: ReductionName;
  /** undefined: every element, giving a number. */
  readonly axis: number | number[] | undefined;
}

export interface Lowered {
  readonly ops: Op[];
  /** The variables' arrays as views, in order of first use. */
  readonly bindings: NDArray[];
  /** The variable each binding came from. */
  readonly names: string[];
  /** Whether each binding came in as a TypedArray (a result of only those is a TypedArray too). */
  readonly flat: boolean;
  readonly shared: boolean;
  /** The elementwise result (before any reduction). */
  readonly value: Value;
  readonly shape: readonly number[];
  readonly reduction: Reduction | undefined;
}

/** The message of an error at `node`: a caret under an expression string, or the line and column in a vectorized function. */
export function locate(source: string, node: { pos: number; line?: number; column?: number }, message: string, hint?: string): string {
  const tail = hint === undefined ? '' : `; ${hint}`;
  if (node.line !== undefined) return `${message} (line ${node.line}, column ${node.column})${tail}`;
  return pointAt(source, node.pos, `${message} at position ${node.pos}${tail}`);
}

const FOLD_OUT = new Float64Array(1);

/** A kernel applied to numbers only, through its JS twin: the value a Python scalar operation would give. */
function fold(kernel: string, args: readonly number[]): number {
  // One-element arrays: some twins take only arrays (numbers are a broadcast the engine does).
  MAP_KERNELS[mapId(kernel)]!.loop(
    args.map((v) => Float64Array.of(v)),
    FOLD_OUT,
    0,
    1,
  );
  return FOLD_OUT[0]!;
}

function broadcast(a: readonly number[], b: readonly number[]): readonly number[] {
  if (a.length === b.length && a.every((extent, i) => extent === b[i])) return a;
  const ndim = Math.max(a.length, b.length);
  const shape: number[] = [];
  for (let k = 0; k < ndim; k++) {
    const x = a[a.length - ndim + k] ?? 1;
    const y = b[b.length - ndim + k] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw broadcastError(a, b);
    shape.push(x === 1 ? y : x);
  }
  return shape;
}

class Lowering {
  readonly ops: Op[] = [];
  readonly bindings: NDArray[] = [];
  readonly names: string[] = [];
  flat = true;
  shared = false;
  readonly #source: string;
  readonly #vars: Record<string, unknown>;
  readonly #names = new Map<string, Value>();
  readonly #done = new Map<Node, Value>();

  constructor(source: string, vars: Record<string, unknown>) {
    this.#source = source;
    this.#vars = vars;
  }

  error(node: Node | CallNode['keywords'][number], code: 'NAME' | 'ARITY' | 'TYPE', message: string, hint?: string): CorepoolTypeError {
    return new CorepoolTypeError(ErrorCode[`EXPRESSION_${code}`], locate(this.#source, node, `expression: ${message}`, hint));
  }

  /** The value of `node`, computed once however many times the tree refers to it. */
  value(node: Node): Value {
    let value = this.#done.get(node);
    if (value === undefined) {
      value = this.#compute(node);
      this.#done.set(node, value);
    }
    return value;
  }

  #compute(node: Node): Value {
    switch (node.type) {
      case 'number':
        return { kind: 'scalar', value: node.value, bool: false };
      case 'name':
        return this.#variable(node.name, node);
      case 'unary': {
        const arg = this.value(node.arg);
        if (node.op === '+') return arg;
        if (node.op === '-') return this.apply('neg', [arg], node);
        if (node.op === '~' && !arg.bool) throw this.error(node, 'TYPE', "'~' needs a boolean operand (a comparison)", 'use ! for numbers');
        return this.apply('eq', [arg, { kind: 'scalar', value: 0, bool: false }], node);
      }
      case 'binary':
        return this.#binary(node);
      case 'conditional':
        return this.apply('where', [this.value(node.test), this.value(node.then), this.value(node.otherwise)], node);
      case 'call':
        return this.#call(node);
      case 'tuple':
        throw this.error(node, 'TYPE', 'a tuple is only allowed as the value of axis=');
    }
  }

  #variable(name: string, node: Node): Value {
    const known = this.#names.get(name);
    if (known !== undefined) return known;
    if (!Object.hasOwn(this.#vars, name)) {
      const hint = nearestName(name, Object.keys(this.#vars));
      throw this.error(node, 'NAME', `unknown variable '${name}'`, hint === undefined ? undefined : `did you mean '${hint}'?`);
    }
    const given = this.#vars[name];
    let value: Value;
    if (typeof given === 'number' || typeof given === 'boolean') {
      value = { kind: 'scalar', value: Number(given), bool: typeof given === 'boolean' };
    } else {
      let view: NDArray;
      if (given instanceof NDArray) {
        view = given;
        this.flat = false;
      } else {
        checkArray(given, `variables.${name}`);
        view = new NDArray(given as never);
      }
      this.shared ||= isShared(view.data);
      this.bindings.push(view);
      this.names.push(name);
      // uint8clamped stays as it is: promotion reads it as uint8 (src/promote.ts).
      value = {
        kind: 'array',
        dtype: view.dtype,
        shape: view.shape,
        bool: false,
        source: { type: 'binding', index: this.bindings.length - 1 },
      };
    }
    this.#names.set(name, value);
    return value;
  }

  #cast(value: ArrayValue, dtype: Dtype): Value {
    this.ops.push({ kernel: 'astype', kind: 'cast', dtype, args: [value] });
    return { kind: 'array', dtype, shape: value.shape, bool: false, source: { type: 'op', index: this.ops.length - 1 } };
  }

  #truth(value: Value, node: Node): Value {
    return value.bool ? value : this.apply('ne', [value, { kind: 'scalar', value: 0, bool: false }], node);
  }

  #binary(node: BinaryNode): Value {
    const left = this.value(node.left);
    const right = this.value(node.right);
    if (node.op === '&' || node.op === '|') {
      if (!left.bool || !right.bool) {
        throw this.error(node, 'TYPE', `'${node.op}' needs boolean operands (comparisons)`, `use ${node.op}${node.op} for numbers`);
      }
    }
    if (node.op === '&&' || node.op === '&') return this.apply('mul', [this.#truth(left, node), this.#truth(right, node)], node, true);
    if (node.op === '||' || node.op === '|') return this.apply('maximum', [this.#truth(left, node), this.#truth(right, node)], node, true);
    if (node.op === '**' && right.kind === 'scalar' && left.kind === 'array') {
      const shortcut = POWER_SHORTCUTS.get(right.value);
      if (shortcut === 'square' || (shortcut !== undefined && (left.dtype === 'float64' || left.dtype === 'float32'))) {
        return this.apply(shortcut, [left], node);
      }
    }
    return this.apply(OPERATOR_KERNELS[node.op]!, [left, right], node);
  }

  #call(node: CallNode): Value {
    if (REDUCTION_NAMES.has(node.name)) {
      throw this.error(node, 'TYPE', `${node.name} is a reduction: only the whole expression can be reduced`);
    }
    if (node.keywords.length > 0) throw this.error(node.keywords[0]!, 'ARITY', `${node.name} takes no keyword arguments`);
    if (CAST_NAMES.has(node.name as Dtype)) {
      if (node.args.length !== 1) throw this.error(node, 'ARITY', `${node.name}() takes 1 argument; got ${node.args.length}`);
      const arg = this.value(node.args[0]!);
      return arg.kind === 'scalar' || arg.dtype === node.name ? arg : this.#cast(arg, node.name as Dtype);
    }
    const info = EXPRESSION_KERNELS.get(node.name);
    if (info === undefined) {
      const hint = nearestName(node.name, [...EXPRESSION_KERNELS.keys(), ...REDUCTION_NAMES, ...CAST_NAMES]);
      throw this.error(node, 'NAME', `unknown function '${node.name}'`, hint === undefined ? undefined : `did you mean '${hint}'?`);
    }
    if (node.args.length !== info.arity) {
      throw this.error(node, 'ARITY', `${node.name}() takes ${info.arity} argument${info.arity === 1 ? '' : 's'}; got ${node.args.length}`);
    }
    return this.apply(
      node.name,
      node.args.map((arg) => this.value(arg)),
      node,
    );
  }

  /** Kernel `kernel` on `args`: folded when they are all numbers, else a new operation. */
  apply(kernel: string, args: Value[], node: Node, bool = false): Value {
    const info = EXPRESSION_KERNELS.get(kernel)!;
    const arrays = args.filter((a): a is ArrayValue => a.kind === 'array');
    const isBool = bool || info.kind === 'compare';
    if (arrays.length === 0)
      return {
        kind: 'scalar',
        value: fold(
          kernel,
          args.map((a) => (a as ScalarValue).value),
        ),
        bool: isBool,
      };
    let shape = arrays[0]!.shape;
    for (const a of arrays) shape = broadcast(shape, a.shape);
    const types = args.map((a) => (a.kind === 'array' ? a.dtype : undefined));
    const scalars = args.map((a) => (a.kind === 'scalar' ? a.value : undefined));
    let dtype: Dtype;
    try {
      dtype = resultDtype(info.kind, types, scalars);
    } catch (error) {
      throw this.error(node, 'TYPE', `${kernel}: ${(error as Error).message}`);
    }
    this.ops.push({ kernel, kind: info.kind, dtype, args });
    return { kind: 'array', dtype, shape, bool: isBool, source: { type: 'op', index: this.ops.length - 1 } };
  }

  reduction(node: CallNode): Reduction {
    if (node.args.length !== 1) {
      const hint = node.name === 'min' || node.name === 'max' ? `the elementwise form is ${node.name}imum(a, b)` : undefined;
      throw this.error(node, 'ARITY', `${node.name}() takes 1 argument; got ${node.args.length}`, hint);
    }
    let axis: number | number[] | undefined;
    for (const keyword of node.keywords) {
      if (keyword.name !== 'axis') throw this.error(keyword, 'ARITY', `${node.name}() has no argument '${keyword.name}'; it takes axis=`);
      axis = this.#axis(keyword.value, keyword);
    }
    return { name: node.name as ReductionName, axis };
  }

  #axis(value: Node, at: CallNode['keywords'][number]): number | number[] {
    const one = (item: Node): number => {
      const v =
        item.type === 'unary' && item.op === '-' && item.arg.type === 'number'
          ? -item.arg.value
          : item.type === 'number'
            ? item.value
            : NaN;
      if (!Number.isInteger(v)) throw this.error(at, 'TYPE', 'axis must be an integer or a tuple of integers');
      return v;
    };
    return value.type === 'tuple' ? value.items.map(one) : one(value);
  }
}

/**
 * Checks `root` against `vars` and lists its kernel operations.
 * @throws TypeError ERR_EXPRESSION_NAME / ERR_EXPRESSION_ARITY / ERR_EXPRESSION_TYPE / ERR_INVALID_ARG_TYPE,
 *   RangeError ERR_SHAPE_MISMATCH for operands that do not broadcast.
 */
export function lower(root: Node, source: string, vars: Record<string, unknown>): Lowered {
  const lowering = new Lowering(source, vars);
  let reduction: Reduction | undefined;
  let body = root;
  if (root.type === 'call' && REDUCTION_NAMES.has(root.name)) {
    reduction = lowering.reduction(root);
    body = root.args[0]!;
  }
  const value = lowering.value(body);
  if (value.kind === 'scalar') {
    throw lowering.error(body, 'TYPE', 'the expression has no array operand (its value would be a number)');
  }
  return {
    ops: lowering.ops,
    bindings: lowering.bindings,
    names: lowering.names,
    flat: lowering.flat,
    shared: lowering.shared,
    value,
    shape: value.shape,
    reduction,
  };
}
