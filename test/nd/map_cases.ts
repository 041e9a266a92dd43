// Shared by test/nd/map_numpy.test.ts: elementwise cases on NDArray views
// built the same way in JS and in numpy (a base array, then transpose, slice
// and broadcast_to), numpy's answers in one python3 run, and ulp distances.
import * as cp from 'corepool';
import { NDArray } from 'corepool';
import * as sync from 'corepool/sync';
import { numpyBatch, permutation, type rng } from './numpy_batch.js';

export type Rng = ReturnType<typeof rng>;
export const DTYPES = ['float64', 'float32', 'int32', 'uint32', 'int16', 'uint16', 'int8', 'uint8'] as const;
export type Dt = (typeof DTYPES)[number];
export const CTORS = {
  float64: Float64Array,
  float32: Float32Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int8: Int8Array,
  uint8: Uint8Array,
} as const;
type Typed = InstanceType<(typeof CTORS)[Dt]>;

/** How an operand is built: data[offset..] as a C-order base, transposed by perm, sliced by index, broadcast to bcast. */
export interface Layout {
  dtype: Dt;
  base: number[];
  offset: number;
  perm: number[] | null;
  index: string | null;
  bcast: number[] | null;
  /** Pass data.subarray(...) itself (a 1-d contiguous operand as a TypedArray). */
  flat: boolean;
  shared: boolean;
  fill: 'random' | 'small' | 'unit' | 'positive';
}

export interface Operand {
  layout: Layout;
  data: Typed;
  value: NDArray | Typed;
}

const SPECIAL = [0, -0, NaN, Infinity, -Infinity, 1, -1, 0.5, -2.5, 5e-324, 1e300, -1e-30];

function draw(r: Rng, dtype: Dt, fill: Layout['fill']): number {
  const float = dtype.startsWith('float');
  if (fill === 'small') return r.int(0, 5);
  if (fill === 'positive') return float ? r.int(0, 99999) / 1000 : r.int(0, 100);
  if (fill === 'unit') return float ? (r.int(0, 2000) - 1000) / 1000 : r.int(0, 1);
  if (!float) return r.int(-(2 ** 31), 2 ** 32 - 1); // the store wraps it into the dtype
  if (r.chance(0.1)) return r.pick(SPECIAL);
  return (r.int(0, 1 << 30) / (1 << 30) - 0.5) * 2 ** r.int(-20, 20);
}

/** A layout whose view has shape `shape`: a random transpose, per-axis slices (some reversed) and an offset. */
export function randomLayout(r: Rng, dtype: Dt, shape: readonly number[], fill: Layout['fill'] = 'random', shared = false): Layout {
  const n = shape.length;
  const perm = n > 1 && r.chance(0.4) ? permutation(r, n) : null;
  const sliced = n > 0 && r.chance(0.5);
  const kinds = shape.map(() => (sliced ? r.pick([':', '::-1', '1:', '::2', '::-2']) : ':'));
  const viewBase = shape.map((e, k) => {
    const kind = kinds[k]!;
    if (kind === '1:') return e + 1;
    if (kind === '::2' || kind === '::-2') return e === 0 ? 0 : 2 * e - 1;
    return e;
  });
  // base[perm[k]] is the view's axis k before the slice.
  const base = new Array<number>(n);
  for (let k = 0; k < n; k++) base[perm === null ? k : perm[k]!] = viewBase[k]!;
  const flat = n === 1 && perm === null && !sliced && r.chance(0.4);
  return {
    dtype,
    base,
    offset: r.chance(0.5) ? r.int(1, 3) : 0,
    perm,
    index: sliced ? kinds.join(',') : null,
    bcast: null,
    flat,
    shared,
    fill,
  };
}

export function build(r: Rng, layout: Layout): Operand {
  const size = layout.base.reduce((p, d) => p * d, 1);
  const length = size + layout.offset + 2;
  const C = CTORS[layout.dtype];
  const bytes = length * C.BYTES_PER_ELEMENT;
  const data = new (C as new (b: ArrayBufferLike) => Typed)(layout.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const values = new Float64Array(length);
  for (let i = 0; i < length; i++) values[i] = draw(r, layout.dtype, layout.fill);
  data.set(values);
  if (layout.flat) return { layout, data, value: data.subarray(layout.offset, layout.offset + size) as Typed };
  let v = new NDArray(data, layout.base, undefined, layout.offset);
  if (layout.perm) v = v.transpose(layout.perm);
  if (layout.index) v = v.slice(layout.index);
  if (layout.bcast) v = v.broadcastTo(layout.bcast);
  return { layout, data, value: v };
}

/** The flat positions in view.data of a view's elements, C order. */
export function positions(v: NDArray): number[] {
  const out: number[] = [];
  const index = new Array<number>(v.ndim).fill(0);
  if (v.size === 0) return out;
  for (;;) {
    out.push(index.reduce((p, i, k) => p + i * v.strides[k]!, v.offset));
    let k = v.ndim - 1;
    for (; k >= 0; k--) {
      if (++index[k]! < v.shape[k]!) break;
      index[k] = 0;
    }
    if (k < 0) return out;
  }
}

/** A view's elements in C order, as a new TypedArray of its dtype. */
export function elements(v: NDArray | Typed): Typed {
  if (!(v instanceof NDArray)) return v.slice() as Typed;
  const C = v.data.constructor as new (n: number) => Typed;
  const out = new C(v.size);
  const at = positions(v);
  for (let i = 0; i < at.length; i++) out[i] = v.data[at[i]!]!;
  return out;
}

const SCRIPT = `
import json, sys, base64
import numpy as np
UNARY = {'abs': np.abs, 'neg': np.negative, 'sign': np.sign, 'sqrt': np.sqrt, 'cbrt': np.cbrt, 'square': np.square,
  'reciprocal': np.reciprocal, 'exp': np.exp, 'expm1': np.expm1, 'exp2': np.exp2, 'log': np.log, 'log1p': np.log1p,
  'log2': np.log2, 'log10': np.log10, 'sin': np.sin, 'cos': np.cos, 'tan': np.tan, 'asin': np.arcsin, 'acos': np.arccos,
  'atan': np.arctan, 'sinh': np.sinh, 'cosh': np.cosh, 'tanh': np.tanh, 'floor': np.floor, 'ceil': np.ceil,
  'round': np.rint, 'trunc': np.trunc, 'isnan': np.isnan, 'isfinite': np.isfinite}
BINARY = {'add': np.add, 'sub': np.subtract, 'mul': np.multiply, 'div': np.true_divide, 'mod': np.remainder,
  'pow': np.power, 'maximum': np.maximum, 'minimum': np.minimum, 'hypot': np.hypot, 'atan2': np.arctan2,
  'copysign': np.copysign, 'heaviside': np.heaviside, 'logaddexp': np.logaddexp,
  'eq': np.equal, 'ne': np.not_equal, 'lt': np.less, 'le': np.less_equal, 'gt': np.greater, 'ge': np.greater_equal}
def operand(s):
    if 'scalar' in s:
        return s['scalar']
    L = s['layout']
    size = int(np.prod(L['base'])) if L['base'] else 1
    a = np.frombuffer(base64.b64decode(s['b64']), dtype=L['dtype'])[L['offset']:L['offset'] + size].reshape(L['base'])
    if L['perm'] is not None: a = a.transpose(L['perm'])
    if L['index'] is not None: a = a[eval('np.s_[' + L['index'] + ']')]
    if L['bcast'] is not None: a = np.broadcast_to(a, L['bcast'])
    return a
def one(c):
    op, kind = c['op'], c['kind']
    xs = [operand(s) for s in c['ins']]
    if kind == 'cast':
        r = xs[0].astype(c['target'])
    elif kind == 'compare':
        r = (UNARY.get(op) or BINARY.get(op))(*xs).astype(np.uint8)
    else:
        promoted = xs[1:] if kind == 'select' else xs
        rt = np.result_type(*promoted) if any(isinstance(x, np.ndarray) for x in promoted) else np.dtype('float64')
        # corepool: no 64-bit integers (uint32 with a signed dtype gives float64); float ops lift integers to float64.
        if rt.kind in 'iu' and (rt.itemsize == 8 or kind == 'float'): rt = np.dtype('float64')
        ys = [x.astype(rt) if isinstance(x, np.ndarray) else x for x in xs]
        if kind == 'select':
            ys[0] = xs[0]
        if op in UNARY: r = UNARY[op](ys[0])
        elif op in BINARY: r = BINARY[op](ys[0], ys[1])
        elif op == 'fma': r = ys[0] * ys[1] + ys[2]
        elif op == 'lerp': r = ys[0] + ys[2] * (ys[1] - ys[0])
        elif op == 'clip': r = np.clip(ys[0], ys[1], ys[2])
        elif op == 'where': r = np.where(np.asarray(xs[0]) != 0, ys[1], ys[2])
        elif op == 'axpy': r = rt.type(xs[0]) * ys[1] + ys[2]
        r = np.asarray(r)
        if r.dtype != rt: r = r.astype(rt)
    r = np.asarray(r).copy(order='C')
    return {'dtype': str(r.dtype), 'shape': list(r.shape), 'b64': base64.b64encode(r.tobytes()).decode()}
with np.errstate(all='ignore'):
    print(json.dumps([one(c) for c in json.load(sys.stdin)]))
`;

export interface NumpyAnswer {
  dtype: string;
  shape: number[];
  values: Typed;
}

export type Arg = Operand | number;

/** An operand as numpy's side reads it, its data as of now (take it before a call writes into it). */
export function snapshot(a: Arg): unknown {
  return typeof a === 'number'
    ? { scalar: a }
    : { layout: a.layout, b64: Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength).toString('base64') };
}

export interface NumpyCase {
  op: string;
  kind: string;
  ins: unknown[];
  target?: Dt;
}

/** numpy's answers for a batch of cases, in one python3 run. */
export function numpyAnswers(payload: readonly NumpyCase[]): NumpyAnswer[] {
  return numpyBatch<{ dtype: string; shape: number[]; b64: string }>(SCRIPT, payload).map((a) => {
    const bytes = Buffer.from(a.b64, 'base64');
    const C = CTORS[a.dtype as Dt];
    if (C === undefined) return { dtype: a.dtype, shape: a.shape, values: new Float64Array(0) };
    const copy = new Uint8Array(bytes.length);
    copy.set(bytes);
    return { dtype: a.dtype, shape: a.shape, values: new C(copy.buffer) as Typed };
  });
}

const view = new DataView(new ArrayBuffer(8));
/** Distance in units in the last place of the result dtype (Infinity across signs or NaN vs number). */
export function ulps(a: number, b: number, single: boolean): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  if (Object.is(a, b)) return 0;
  if (a === b) return Infinity; // +0 vs -0
  if (Math.sign(a) !== Math.sign(b) && a !== 0 && b !== 0) return Infinity;
  // Ordinals as BigInt: float64 ordinals pass 2^53, where Number would round them.
  const ordinal = (x: number): bigint => {
    const sign = x < 0 || Object.is(x, -0) ? -1n : 1n;
    if (single) {
      view.setFloat32(0, Math.abs(x));
      return BigInt(view.getUint32(0)) * sign;
    }
    view.setFloat64(0, Math.abs(x));
    return view.getBigUint64(0) * sign;
  };
  const d = ordinal(a) - ordinal(b);
  return Number(d < 0n ? -d : d);
}

type Fn = (...args: unknown[]) => unknown;
/** The async and Sync kernel functions of `name`. */
export function kernel(name: string): { run: (...args: unknown[]) => Promise<unknown>; runSync: Fn } {
  const run = (cp as unknown as Record<string, Fn>)[name]!;
  const runSync = (sync as unknown as Record<string, Fn>)[`${name}Sync`]!;
  return { run: run as (...args: unknown[]) => Promise<unknown>, runSync };
}
