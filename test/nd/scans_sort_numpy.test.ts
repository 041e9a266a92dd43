// Property tests against numpy for the line kernels along an axis: cumsum,
// cumprod, sort, argsort, partition and topk on random shapes (0–5 axes,
// zero-size and size-1 axes), random (negative) axes and axis=None, views
// that are transposed, reversed (negative strides) and offset, every dtype,
// NaN, -0 and ties (stability). One python3 run answers the whole batch.
import { argsort, cumsum, type Dtype, type NDArray, ndarray, sort } from 'corepool';
import { argsortSync, cumprodSync, cumsumSync, partitionSync, sortSync, topkSync } from 'corepool/sync';
import { describe, expect, it } from 'vitest';
import { CTORS, DTYPES as ND_DTYPES } from './map_cases.js';
import { numpyBatch, permutation, randomShape, rng } from './numpy_batch.js';

const SCRIPT = `
import json, sys, math
import numpy as np
def dec(v):
    return float('nan') if v == 'nan' else (-0.0 if v == '-0' else v)
def enc(r):
    out = []
    for v in np.asarray(r).reshape(-1).tolist():
        if isinstance(v, float) and math.isnan(v): out.append('nan')
        elif isinstance(v, float) and v == 0 and math.copysign(1, v) < 0: out.append('-0')
        else: out.append(v)
    return out
def view(c):
    a = np.array([dec(v) for v in c['values']], dtype=c['dtype']).reshape(c['base'])
    a = a.transpose(c['perm'])
    return a[eval('np.s_[' + c['index'] + ']')] if c['index'] else a
def key_less(x, p):
    return (not math.isnan(x)) if math.isnan(p) else (x < p)
def key_eq(x, p):
    return (math.isnan(x) and math.isnan(p)) or x == p
def lines(a, axis, fn, width):
    if axis is None:
        a, axis = a.reshape(-1), 0
    m = np.moveaxis(a, axis, -1)
    flat = m.reshape(-1, m.shape[-1]) if m.size else np.zeros((0, m.shape[-1]), a.dtype)
    vals, idxs = [], []
    for line in flat:
        v, i = fn([float(x) for x in line.tolist()])
        vals.append(v); idxs.append(i)
    shape = m.shape[:-1] + (width,)
    v = np.moveaxis(np.array(vals, dtype=a.dtype).reshape(shape), -1, axis)
    i = np.moveaxis(np.array(idxs, dtype=np.int64).reshape(shape), -1, axis)
    return v, i
def partition(k):
    def fn(line):
        order = sorted(range(len(line)), key=lambda i: (1 if math.isnan(line[i]) else 0, 0 if math.isnan(line[i]) else line[i]))
        p = line[order[k]]
        lo = [i for i in range(len(line)) if key_less(line[i], p)]
        eq = [i for i in range(len(line)) if key_eq(line[i], p)]
        hi = [i for i in range(len(line)) if not key_less(line[i], p) and not key_eq(line[i], p)]
        idx = lo + eq + hi
        return [line[i] for i in idx], idx
    return fn
def topk(k, largest):
    def fn(line):
        if largest: key = lambda i: (0 if math.isnan(line[i]) else 1, 0 if math.isnan(line[i]) else -line[i])
        else: key = lambda i: (1 if math.isnan(line[i]) else 0, 0 if math.isnan(line[i]) else line[i])
        idx = sorted(range(len(line)), key=key)[:k]
        return [line[i] for i in idx], idx
    return fn
def one(c):
    a = view(c)
    op, axis = c['op'], c['axis']
    try:
        if op in ('cumsum', 'cumprod'):
            f = np.cumsum if op == 'cumsum' else np.cumprod
            r = f(a.astype(np.float64), axis=None if axis == 'default' else axis)
            if a.dtype == np.float32: r = r.astype(np.float32)
            return {'shape': list(r.shape), 'values': enc(r)}
        ax = -1 if axis == 'default' else axis
        if ax is not None: np.sort(a, axis=ax)  # raises AxisError like numpy
        if op == 'sort':
            r = np.sort(a, axis=ax, kind='stable')
            return {'shape': list(r.shape), 'values': enc(r)}
        if op == 'argsort':
            r = np.argsort(a, axis=ax, kind='stable')
            return {'shape': list(r.shape), 'values': enc(r)}
        n = a.size if ax is None else a.shape[ax]
        if op == 'partition':
            v, i = lines(a, ax, partition(c['k']), n)
        else:
            v, i = lines(a, ax, topk(c['k'], c['largest']), c['k'])
        return {'shape': list(v.shape), 'values': enc(v), 'indices': enc(i)}
    except np.exceptions.AxisError as e:
        return {'error': 'AxisError'}
print(json.dumps([one(c) for c in json.load(sys.stdin)]))
`;

const DTYPES: readonly Dtype[] = ND_DTYPES;
const OPS = ['cumsum', 'cumprod', 'sort', 'argsort', 'partition', 'topk'] as const;

interface Case {
  op: (typeof OPS)[number];
  dtype: Dtype;
  base: number[];
  perm: number[];
  index: string;
  values: (number | string)[];
  axis: number | null | 'default';
  k?: number;
  largest?: boolean;
  async: boolean;
  shared: boolean;
}

interface Answer {
  shape?: number[];
  values?: (number | string)[];
  indices?: (number | string)[];
  error?: string;
}

const enc = (v: number): number | string => (Number.isNaN(v) ? 'nan' : Object.is(v, -0) ? '-0' : v);
const dec = (v: number | string): number => (v === 'nan' ? Number.NaN : v === '-0' ? -0 : (v as number));

/** A value of the dtype from a small set, so ties (and NaN and -0 for floats) are common. */
function value(r: ReturnType<typeof rng>, dtype: Dtype): number {
  if (dtype.startsWith('float')) return r.pick([-2, -1, -0, 0, 0.5, 1, 2, 3, Number.NaN, 1e3]);
  return dtype.startsWith('uint') ? r.int(0, 4) : r.int(-3, 3);
}

/** The view numpy's view(c) builds. */
function build(c: Case): NDArray {
  const size = c.base.reduce((p, d) => p * d, 1);
  const Ctor = CTORS[c.dtype as keyof typeof CTORS] as unknown as new (buffer: ArrayBufferLike) => Float64Array;
  const bytes = size * CTORS[c.dtype as keyof typeof CTORS].BYTES_PER_ELEMENT;
  const data = new Ctor(c.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  c.values.forEach((v, i) => {
    data[i] = dec(v);
  });
  const a = ndarray(data, c.base).transpose(c.perm);
  return c.index === '' ? a : a.slice(c.index);
}

function makeCase(r: ReturnType<typeof rng>): Case {
  const op = r.pick(OPS);
  const dtype = r.pick(DTYPES);
  const shape = randomShape(r, 5, 5);
  // One axis one longer (sliced away from the front: an offset) or reversed.
  const base = [...shape];
  const parts = shape.map(() => ':');
  if (shape.length > 0 && r.chance(0.5)) {
    const ax = r.int(0, shape.length - 1);
    base[ax]! += 1;
    parts[ax] = r.chance(0.5) ? '1:' : '-2::-1';
  }
  if (shape.length > 0 && r.chance(0.3)) {
    const ax = r.int(0, shape.length - 1);
    if (parts[ax] === ':') parts[ax] = '::-1';
  }
  const perm = permutation(r, shape.length);
  const baseShape = perm.map((_, i) => base[perm.indexOf(i)]!);
  const size = baseShape.reduce((p, d) => p * d, 1);
  const values = Array.from({ length: size }, () => enc(value(r, dtype)));
  const ndim = shape.length;
  const axis: Case['axis'] = r.chance(0.2) ? null : r.chance(0.2) ? 'default' : ndim === 0 ? 0 : r.int(-ndim, ndim - 1);
  // The view's shape: perm applied to baseShape gives `base` (in view order); slicing keeps `shape`.
  const c: Case = { op, dtype, base: baseShape, perm, index: parts.join(','), values, axis, async: r.chance(0.25), shared: r.chance(0.3) };
  const len = axis === null ? shape.reduce((p, d) => p * d, 1) : ndim === 0 ? 0 : shape[((axis === 'default' ? -1 : axis) + ndim) % ndim]!;
  if (op === 'partition') {
    if (len === 0) c.op = 'sort';
    else c.k = r.int(0, len - 1);
  }
  if (op === 'topk') {
    c.k = r.int(0, len);
    c.largest = r.chance(0.5);
  }
  return c;
}

const flat = (a: NDArray): (number | string)[] => Array.from(a.copy().data, enc);

async function run(c: Case): Promise<{ shape: number[]; values: (number | string)[]; indices?: (number | string)[] }> {
  const a = build(c);
  const before = flat(a);
  const opts: Record<string, unknown> = c.axis === 'default' ? {} : { axis: c.axis };
  if (c.op === ('largest' as never)) throw new Error('unreachable');
  let out: NDArray;
  let indices: NDArray | undefined;
  if (c.op === 'cumsum') out = c.async ? await cumsum(a, opts) : cumsumSync(a, opts);
  else if (c.op === 'cumprod') out = cumprodSync(a, opts);
  else if (c.op === 'sort') out = c.async ? await sort(a, opts) : sortSync(a, opts);
  else if (c.op === 'argsort') out = c.async ? await argsort(a, opts) : argsortSync(a, opts);
  else {
    const r = c.op === 'partition' ? partitionSync(a, c.k!, opts) : topkSync(a, c.k!, { ...opts, largest: c.largest });
    out = r.values;
    indices = r.indices;
    expect(indices.dtype).toBe('uint32');
  }
  expect(flat(a)).toEqual(before); // the input is never modified
  expect(out.isContiguous).toBe(true);
  // Results are shareable when the input was (numpy has no such notion).
  expect(out.data.buffer instanceof SharedArrayBuffer).toBe(c.shared);
  if (indices !== undefined) expect(indices.data.buffer instanceof SharedArrayBuffer).toBe(c.shared);
  if (c.op === 'argsort') expect(out.dtype).toBe('uint32');
  return { shape: [...out.shape], values: flat(out), ...(indices === undefined ? {} : { indices: flat(indices) }) };
}

describe('scans and the sort family along an axis match numpy', () => {
  const r = rng(20261207);
  const cases = Array.from({ length: 400 }, () => makeCase(r));
  const answers = numpyBatch<Answer>(SCRIPT, cases);

  it('every case: values, indices, shape, or the axis error', async () => {
    for (const [i, c] of cases.entries()) {
      const want = answers[i]!;
      const label = JSON.stringify({ ...c, values: c.values.length });
      if (want.error !== undefined) {
        await expect(run(c), label).rejects.toMatchObject({ code: 'ERR_AXIS_OUT_OF_RANGE' });
        continue;
      }
      const got = await run(c);
      expect(got.shape, label).toEqual(want.shape);
      expect(got.values, label).toEqual(want.values);
      if (want.indices !== undefined) expect(got.indices, label).toEqual(want.indices);
    }
  });
});

describe('axis and out checks', () => {
  const m = ndarray(new Float64Array([3, 1, 2, 0, 5, 4]), [2, 3]);

  it('rejects an axis out of range with ERR_AXIS_OUT_OF_RANGE', async () => {
    await expect(cumsum(m, { axis: 2 })).rejects.toMatchObject({ code: 'ERR_AXIS_OUT_OF_RANGE' });
    await expect(sort(m, { axis: -3 })).rejects.toMatchObject({ code: 'ERR_AXIS_OUT_OF_RANGE' });
    expect(() => argsortSync(m, { axis: 5 })).toThrow(expect.objectContaining({ code: 'ERR_AXIS_OUT_OF_RANGE' }));
    expect(() => topkSync(m, 1, { axis: 2 })).toThrow(expect.objectContaining({ code: 'ERR_AXIS_OUT_OF_RANGE' }));
    expect(() => sortSync(new Float64Array(3), { axis: 1 })).toThrow(expect.objectContaining({ code: 'ERR_AXIS_OUT_OF_RANGE' }));
  });

  it('rejects unknown option keys and a bad k', async () => {
    await expect(sort(m, { axes: 0 } as never)).rejects.toMatchObject({ code: 'ERR_INVALID_OPTION' });
    expect(() => cumsumSync(m, { axiss: 0 } as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_OPTION' }));
    expect(() => partitionSync(m, 3)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(() => topkSync(m, 4)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(() => sortSync(m, { axis: 0.5 })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_OPTION' }));
    await expect(cumsum(m, { axis: '0' as never })).rejects.toMatchObject({ code: 'ERR_INVALID_OPTION' });
    expect(() => cumsumSync(new Float64Array(2), { axis: [0] as never })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_OPTION' }));
  });

  it('writes options.out views, and flat calls are unchanged', async () => {
    const out = ndarray(new Float64Array(6), [3, 2]).T;
    expect(cumsumSync(m, { axis: 0, out })).toBe(out);
    expect(out.toArray()).toEqual([
      [3, 1, 2],
      [3, 6, 6],
    ]);
    const sorted = ndarray(new Float64Array(6), [3, 2]).T;
    expect(await sort(m, { axis: 1, out: sorted })).toBe(sorted);
    expect(sorted.toArray()).toEqual([
      [1, 2, 3],
      [0, 4, 5],
    ]);
    await expect(sort(m, { out: ndarray(new Float64Array(6), [6]) })).rejects.toMatchObject({ code: 'ERR_SHAPE_MISMATCH' });
    const flatIn = new Float64Array([2, 1, 3]);
    expect(sortSync(flatIn)).toBe(flatIn); // flat sort is still in place
    expect(Array.from(flatIn)).toEqual([1, 2, 3]);
    expect(cumsumSync(new Int8Array([1, 2]), { axis: 0 })).toBeInstanceOf(Float64Array);
  });

  it('rejects with AbortError when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const signal = controller.signal;
    await expect(cumsum(m, { axis: 0, signal })).rejects.toMatchObject({ code: 'ABORT_ERR' });
    await expect(sort(m, { axis: 0, signal })).rejects.toMatchObject({ code: 'ABORT_ERR' });
    await expect(argsort(m, { signal })).rejects.toMatchObject({ code: 'ABORT_ERR' });
  });

  it('scans in place through out = x', () => {
    const x = ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
    cumsumSync(x, { axis: 1, out: x });
    expect(x.toArray()).toEqual([
      [1, 3, 6],
      [4, 9, 15],
    ]);
  });
});
