// Property tests against numpy: random shapes (0–5 axes, zero-size and
// size-1 axes included), random index strings, reshapes, joins and
// constructors, each batch answered by one python3 run.
import { arange, broadcastShapes, concatenate, type Dtype, eye, linspace, type NDArray, ndarray, stack, zeros } from 'corepool';
import { describe, expect, it } from 'vitest';
import { numpyBatch, permutation, randomShape, rng } from './numpy_batch.js';

const SCRIPT = `
import json, sys
import numpy as np
def base(c):
    size = int(np.prod(c['shape'])) if c['shape'] else 1
    a = np.arange(size, dtype=np.float64).reshape(c['shape'])
    if c.get('perm') is not None:
        a = a.transpose(c['perm'])
    return a
def layout(r, a):
    out = {'shape': list(r.shape), 'values': r.tolist(), 'strides': [s // r.itemsize for s in r.strides]}
    return out
def one(c):
    op = c['op']
    try:
        if op == 'slice':
            a = base(c)
            r = a[eval('np.s_[' + c['index'] + ']')] if c['index'] else a[()]
            return layout(np.asarray(r), a)
        if op == 'reshape':
            a = base(c)
            if c.get('step'):
                a = a[(slice(None, None, c['step']),) + (slice(None),) * (a.ndim - 1)]
            r = a.reshape(c['to'])
            return {'shape': list(r.shape), 'values': r.tolist(), 'view': bool(np.shares_memory(r, a)) if r.size else None}
        if op == 'broadcast':
            return {'shape': list(np.broadcast_shapes(*[tuple(s) for s in c['shapes']]))}
        if op == 'transpose':
            return layout(base(c).transpose(c['axes']), None)
        if op == 'squeeze':
            return layout(np.squeeze(base(c), axis=None if c['axis'] is None else tuple(c['axis'])), None)
        if op == 'expand':
            ax = c['axis'] if isinstance(c['axis'], int) else tuple(c['axis'])
            return layout(np.expand_dims(base(c), ax), None)
        if op in ('concatenate', 'stack'):
            arrays = [np.arange(int(np.prod(s)) if s else 1).reshape(s).astype(d) + 3 * i for i, (s, d) in enumerate(zip(c['shapes'], c['dtypes']))]
            r = (np.concatenate if op == 'concatenate' else np.stack)(arrays, axis=c['axis'])
            return {'shape': list(r.shape), 'values': r.tolist(), 'dtype': str(r.dtype)}
        if op == 'arange':
            r = np.arange(*c['args'], dtype=c['dtype'])
            return {'values': r.tolist()}
        if op == 'linspace':
            r = np.linspace(c['start'], c['stop'], c['num'], endpoint=c['endpoint'], dtype=c['dtype'])
            return {'values': r.tolist()}
        if op == 'eye':
            return {'values': np.eye(c['n'], c['m'], k=c['k'], dtype=c['dtype']).tolist()}
    except (ValueError, IndexError, TypeError) as e:
        return {'error': type(e).__name__, 'message': str(e)}
    raise Exception('unknown op ' + op)
print(json.dumps([one(c) for c in json.load(sys.stdin)]))
`;

interface Answer {
  shape?: number[];
  values?: unknown;
  strides?: number[];
  view?: boolean | null;
  dtype?: string;
  error?: string;
  message?: string;
}

type Case = Record<string, unknown> & { op: string };

const r = rng(20240611);
const cases: Case[] = [];
const add = (c: Case): number => cases.push(c) - 1;

/** The array numpy's base(c) builds: arange values, optionally transposed. */
function base(shape: number[], perm?: number[]): NDArray {
  const size = shape.reduce((p, d) => p * d, 1);
  const a = ndarray(
    new Float64Array(size).map((_, i) => i),
    shape,
  );
  return perm === undefined ? a : a.transpose(perm);
}

function randomSliceText(n: number): string {
  const bound = (): string => (r.chance(0.3) ? '' : String(r.int(-n - 2, n + 2)));
  const step = r.chance(0.4) ? '' : String(r.pick([-3, -2, -1, 1, 2, 3]));
  const form = r.int(0, 3);
  if (form === 0) return ':';
  if (form === 1) return `${bound()}:${bound()}`;
  return `${bound()}:${bound()}:${step}`;
}

function randomIndex(shape: readonly number[]): string {
  const parts: string[] = [];
  const count = r.int(0, shape.length);
  const ellipsisAt = r.chance(0.3) ? r.int(0, count) : -1;
  for (let i = 0; i < count; i++) {
    if (i === ellipsisAt) parts.push('...');
    const n = shape[parts.filter((p) => p !== '...').length] ?? 1;
    parts.push(r.chance(0.25) ? String(r.int(-n - 1, n)) : randomSliceText(n));
  }
  if (ellipsisAt === count) parts.push('...');
  return parts.join(r.chance(0.5) ? ', ' : ',');
}

// Slices of C-order and transposed arrays.
const sliceCases: Array<[number, number[], number[] | undefined, string]> = [];
for (let i = 0; i < 400; i++) {
  const shape = randomShape(r);
  const perm = r.chance(0.4) ? permutation(r, shape.length) : undefined;
  const viewShape = perm === undefined ? shape : perm.map((p) => shape[p]!);
  const index = randomIndex(viewShape);
  sliceCases.push([add({ op: 'slice', shape, perm, index }), shape, perm, index]);
}

// Reshapes: split the size into factors, regroup them (in order or shuffled), add 1s and maybe a -1.
function factors(n: number): number[] {
  const out: number[] = [];
  for (let p = 2; n > 1; p++) {
    while (n % p === 0) {
      out.push(p);
      n /= p;
    }
  }
  return out;
}
const reshapeCases: Array<[number, number[], number[] | undefined, number, number[]]> = [];
for (let i = 0; i < 300; i++) {
  const shape = randomShape(r, 4, 6);
  const perm = r.chance(0.5) ? permutation(r, shape.length) : undefined;
  const step = shape.length > 0 && r.chance(0.3) ? 2 : 0;
  const viewShape = perm === undefined ? [...shape] : perm.map((p) => shape[p]!);
  if (step) viewShape[0] = Math.ceil(viewShape[0]! / 2);
  const size = viewShape.reduce((p, d) => p * d, 1);
  let fs = size === 0 ? [0, ...factors(r.int(1, 6))] : viewShape.flatMap((d) => factors(d));
  if (r.chance(0.3)) fs = permutation(r, fs.length).map((k) => fs[k]!);
  const to: number[] = [];
  for (const f of fs) {
    if (to.length > 0 && r.chance(0.5)) to[to.length - 1]! *= f;
    else to.push(f);
    if (r.chance(0.15)) to.push(1);
  }
  if (size === 1 && r.chance(0.5)) to.length = 0;
  if (to.length > 0 && size > 0 && r.chance(0.3)) to[r.int(0, to.length - 1)] = -1;
  if (r.chance(0.05)) to.push(2); // a size mismatch
  reshapeCases.push([add({ op: 'reshape', shape, perm, step, to }), shape, perm, step, to]);
}

// Broadcast shapes: mostly compatible, built by knocking axes down to 1 or dropping leading ones.
const broadcastCases: Array<[number, number[][]]> = [];
for (let i = 0; i < 200; i++) {
  const full = randomShape(r, 5, 4);
  const shapes = Array.from({ length: r.int(1, 3) }, () => {
    const s = full.slice(r.int(0, full.length)).map((d) => (r.chance(0.3) ? 1 : d));
    if (r.chance(0.1) && s.length > 0) s[r.int(0, s.length - 1)] = r.int(2, 5);
    return s;
  });
  broadcastCases.push([add({ op: 'broadcast', shapes }), shapes]);
}

// Transpose, squeeze, expandDims.
const axisCases: Array<[number, Case]> = [];
for (let i = 0; i < 150; i++) {
  const shape = randomShape(r);
  const axes = permutation(r, shape.length).map((a) => (r.chance(0.3) ? a - shape.length : a));
  axisCases.push([add({ op: 'transpose', shape, axes }), { op: 'transpose', shape, axes }]);
  const ones = shape.flatMap((d, k) => (d === 1 ? [k] : []));
  const axis = r.chance(0.4) ? null : ones.filter(() => r.chance(0.5));
  axisCases.push([add({ op: 'squeeze', shape, axis }), { op: 'squeeze', shape, axis }]);
  const nNew = r.int(1, 2);
  const total = shape.length + nNew;
  const picks = permutation(r, total)
    .slice(0, nNew)
    .map((a) => (r.chance(0.3) ? a - total : a));
  const expandAxis = nNew === 1 && r.chance(0.5) ? picks[0]! : picks;
  axisCases.push([add({ op: 'expand', shape, axis: expandAxis }), { op: 'expand', shape, axis: expandAxis }]);
}

// concatenate and stack across dtypes.
const NUMPY_DTYPES: Dtype[] = ['float64', 'float32', 'int32', 'uint32', 'int16', 'uint16', 'int8', 'uint8'];
const joinCases: Array<[number, Case]> = [];
for (let i = 0; i < 150; i++) {
  const isStack = r.chance(0.4);
  const shape = randomShape(r, 4, 3);
  if (!isStack && shape.length === 0) shape.push(2);
  const count = r.int(1, 3);
  const ndim = isStack ? shape.length + 1 : shape.length;
  const axisPos = r.int(0, ndim - 1);
  const axis = r.chance(0.3) ? axisPos - ndim : axisPos;
  const shapes = Array.from({ length: count }, () => {
    const s = [...shape];
    if (!isStack) s[axisPos] = r.int(0, 3);
    return s;
  });
  const dtypes = shapes.map(() => (r.chance(0.6) ? 'float64' : r.pick(NUMPY_DTYPES)));
  const c: Case = { op: isStack ? 'stack' : 'concatenate', shapes, dtypes, axis };
  joinCases.push([add(c), c]);
}

// Constructors for each dtype.
const ALL: Dtype[] = [...NUMPY_DTYPES, 'uint8clamped'];
const npDtype = (d: Dtype): string => (d === 'uint8clamped' ? 'uint8' : d);
const createCases: Array<[number, Case, Dtype]> = [];
for (const dtype of ALL) {
  const int = dtype !== 'float64' && dtype !== 'float32';
  const argsList: number[][] = int
    ? [[5], [2, 9], [1, 20, 3], [10, 1, -2], [3, 3], [0, 50, 7]]
    : [[5], [0.5, 3.2], [1, 2, 0.1], [3, -1, -0.25], [0, 1, 1 / 3]];
  for (const args of argsList) createCases.push([add({ op: 'arange', args, dtype: npDtype(dtype) }), { op: 'arange', args }, dtype]);
  for (const [start, stop, num, endpoint] of [
    [0, 1, 5, true],
    [0, 10, 7, false],
    [2, 100, 13, true],
    [5, 0, 4, true],
    [1, 2, 1, true],
    [0, 3, 0, true],
    [0, 200, 50, true],
  ] as Array<[number, number, number, boolean]>) {
    const c: Case = { op: 'linspace', start, stop, num, endpoint };
    createCases.push([add({ ...c, dtype: npDtype(dtype) }), c, dtype]);
  }
  for (const [n, m, k] of [
    [3, 3, 0],
    [2, 4, 1],
    [4, 2, -1],
    [3, 3, 5],
    [0, 2, 0],
  ] as Array<[number, number, number]>) {
    const c: Case = { op: 'eye', n, m, k };
    createCases.push([add({ ...c, dtype: npDtype(dtype) }), c, dtype]);
  }
}

const answers = numpyBatch<Answer>(SCRIPT, cases);

/** Strides compared only where they matter: numpy and corepool may differ on axes of length 0 or 1. */
function meaningfulStrides(shape: readonly number[], strides: readonly number[]): Array<number | null> {
  if (shape.includes(0)) return [];
  return strides.map((s, i) => (shape[i]! > 1 ? s : null));
}

function expectLayout(got: NDArray, want: Answer, label: string): void {
  expect({ label, shape: got.shape }).toEqual({ label, shape: want.shape });
  expect({ label, values: got.toArray() }).toEqual({ label, values: want.values });
  expect({ label, strides: meaningfulStrides(got.shape, got.strides) }).toEqual({
    label,
    strides: meaningfulStrides(want.shape!, want.strides!),
  });
}

describe('NDArray views agree with numpy', () => {
  it('slice (string notation, negative steps, ellipsis, clipping) on C-order and transposed arrays', () => {
    let errors = 0;
    for (const [k, shape, perm, index] of sliceCases) {
      const want = answers[k]!;
      const a = base(shape, perm);
      const label = `shape ${JSON.stringify(shape)} perm ${JSON.stringify(perm)} a[${index}]`;
      if (want.error !== undefined) {
        errors++;
        expect(want.error, label).toBe('IndexError');
        expect(() => a.slice(index), label).toThrow(expect.objectContaining({ name: 'RangeError', code: 'ERR_OUT_OF_RANGE' }));
        continue;
      }
      const got = a.slice(index);
      expectLayout(got, want, label);
      expect(got.data, label).toBe(a.data);
    }
    expect(errors).toBeGreaterThan(10);
    expect(errors).toBeLessThan(sliceCases.length / 2);
  });

  it('reshape: values, and view or copy exactly when numpy shares memory', () => {
    let views = 0;
    let copies = 0;
    for (const [k, shape, perm, step, to] of reshapeCases) {
      const want = answers[k]!;
      let a = base(shape, perm);
      if (step) a = a.slice([null, null, step]);
      const label = `shape ${JSON.stringify(shape)} perm ${JSON.stringify(perm)} step ${step} -> ${JSON.stringify(to)}`;
      if (want.error !== undefined) {
        expect(() => a.reshape(to), label).toThrow(expect.objectContaining({ name: 'RangeError', code: 'ERR_SHAPE_MISMATCH' }));
        continue;
      }
      const got = a.reshape(to);
      expect({ label, shape: got.shape, values: got.toArray() }).toEqual({ label, shape: want.shape, values: want.values });
      if (want.view !== null) {
        expect({ label, view: got.data === a.data }).toEqual({ label, view: want.view });
        if (want.view) views++;
        else copies++;
      }
      if (got.data !== a.data) expect(got.isContiguous, label).toBe(true);
    }
    expect(views).toBeGreaterThan(30);
    expect(copies).toBeGreaterThan(15);
  });

  it('broadcastShapes', () => {
    let errors = 0;
    for (const [k, shapes] of broadcastCases) {
      const want = answers[k]!;
      if (want.error !== undefined) {
        errors++;
        expect(() => broadcastShapes(...shapes)).toThrow(
          expect.objectContaining({
            name: 'RangeError',
            code: 'ERR_SHAPE_MISMATCH',
            message: expect.stringMatching(/^operands could not be broadcast together with shapes \[[\d,]*\] and \[[\d,]*\]$/),
          }),
        );
      } else {
        expect({ shapes, got: broadcastShapes(...shapes) }).toEqual({ shapes, got: want.shape });
      }
    }
    expect(errors).toBeGreaterThan(5);
  });

  it('transpose, squeeze and expandDims (negative axes included) are views with numpy layouts', () => {
    for (const [k, c] of axisCases) {
      const want = answers[k]!;
      const a = base(c.shape as number[]);
      const label = JSON.stringify(c);
      expect(want.error, label).toBeUndefined();
      const got =
        c.op === 'transpose'
          ? a.transpose(c.axes as number[])
          : c.op === 'squeeze'
            ? a.squeeze((c.axis as number[] | null) ?? undefined)
            : a.expandDims(c.axis as number | number[]);
      expectLayout(got, want, label);
      expect(got.data).toBe(a.data);
    }
  });

  it('concatenate and stack: values, shape and promoted dtype', () => {
    for (const [k, c] of joinCases) {
      const want = answers[k]!;
      const label = JSON.stringify(c);
      const arrays = (c.shapes as number[][]).map((s, i) => {
        const size = s.reduce((p, d) => p * d, 1);
        const out = zeros(s, { dtype: (c.dtypes as Dtype[])[i] });
        for (let j = 0; j < size; j++) out.data[j] = j + 3 * i;
        return out;
      });
      if (want.error !== undefined) throw new Error(`${label}: numpy refused: ${want.message}`);
      const got = (c.op === 'stack' ? stack : concatenate)(arrays, c.axis as number);
      // numpy gives int64 where JS has no such array; corepool's promotion table gives float64 there.
      const dtype = want.dtype === 'int64' ? 'float64' : want.dtype;
      expect({ label, shape: got.shape, values: got.toArray(), dtype: got.dtype }).toEqual({
        label,
        shape: want.shape,
        values: want.values,
        dtype,
      });
      expect(got.isContiguous).toBe(true);
    }
  });
});

describe('constructors agree with numpy for every dtype', () => {
  it('arange, linspace and eye', () => {
    for (const [k, c, dtype] of createCases) {
      const want = answers[k]!;
      const label = `${dtype} ${JSON.stringify(c)}`;
      expect(want.error, label).toBeUndefined();
      const got =
        c.op === 'arange'
          ? (arange as (...args: unknown[]) => NDArray)(
              ...(c.args as number[]),
              ...((c.args as number[]).length === 1 ? [] : (c.args as number[]).length === 2 ? [1] : []),
              { dtype },
            )
          : c.op === 'linspace'
            ? linspace(c.start as number, c.stop as number, c.num as number, { endpoint: c.endpoint as boolean, dtype })
            : eye(c.n as number, c.m as number, { k: c.k as number, dtype });
      expect(got.dtype, label).toBe(dtype);
      const values = got.toArray() as number[] | number[][];
      const wanted = want.values as number[] | number[][];
      expect(values.length, label).toBe(wanted.length);
      const flatGot = values.flat();
      const flatWant = wanted.flat();
      flatGot.forEach((v, i) => {
        const w = flatWant[i]!;
        if (dtype === 'float32') expect(Math.abs(v - w), label).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(w)));
        else if (dtype === 'float64') expect(Math.abs(v - w), label).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(w)));
        else expect({ label, i, v }).toEqual({ label, i, v: w });
      });
    }
  });
});
