// Reductions over NDArray axes against numpy: random shapes of 0–5 axes
// (zero-size and size-1 axes included), random axes (int, negative, arrays),
// keepdims, reversed axes, non-zero offsets, transposed views and every
// dtype, one python3 run for the whole batch. Also the determinism property:
// each output is bit-identical to the flat kernel on its line copied out.
import * as cp from 'corepool';
import { type Dtype, type NDArray, ndarray } from 'corepool';
import * as sync from 'corepool/sync';
import { describe, expect, it } from 'vitest';
import { CTORS as CTOR } from './map_cases.js';
import { numpyBatch, permutation, randomShape, rng } from './numpy_batch.js';

const SCRIPT = `
import json, sys, warnings
import numpy as np
warnings.simplefilter('ignore')
def enc(v):
    v = float(v)
    return v if np.isfinite(v) else str(v)
def view(c):
    data = np.array(c['data'], dtype=c['dtype'])[c['offset']:]
    a = data[:int(np.prod(c['base']))].reshape(c['base']).transpose(c['perm'])
    for ax in c['flip']:
        a = np.flip(a, ax)
    return a
def one(c):
    a = view(c)
    f = np.float64
    ax = c['axis']
    ax = tuple(ax) if isinstance(ax, list) else ax
    kd = bool(c['keepdims'])
    k = c['kernel']
    try:
        a64 = a.astype(f)
        if k == 'sum': r = np.sum(a64, axis=ax, keepdims=kd)
        elif k == 'mean': r = np.mean(a64, axis=ax, keepdims=kd)
        elif k == 'prod': r = np.prod(a64, axis=ax, keepdims=kd)
        elif k in ('min', 'max'): r = getattr(np, k)(a, axis=ax, keepdims=kd)
        elif k in ('argmin', 'argmax'): r = getattr(np, k)(a, axis=ax, keepdims=kd)
        elif k == 'variance': r = np.var(a64, axis=ax, keepdims=kd, ddof=c['ddof'])
        elif k == 'std': r = np.std(a64, axis=ax, keepdims=kd, ddof=c['ddof'])
        elif k in ('any', 'all'): r = getattr(np, k)(a, axis=ax, keepdims=kd)
        elif k == 'countNonzero': r = np.count_nonzero(a, axis=ax, keepdims=kd)
        elif k in ('nansum', 'nanmean', 'nanmin', 'nanmax'): r = getattr(np, k)(a64, axis=ax, keepdims=kd)
        elif k == 'norm':
            o = c['ord']
            if o == 2: r = np.sqrt(np.sum(np.square(a64), axis=ax, keepdims=kd))
            elif o == 1: r = np.sum(np.abs(a64), axis=ax, keepdims=kd)
            else: r = np.max(np.abs(a64), axis=ax, keepdims=kd)
        r = np.asarray(r)
        return {'shape': list(r.shape), 'values': [enc(v) for v in r.reshape(-1)]}
    except ValueError as e:
        return {'error': 'empty'}
json.dump([one(c) for c in json.load(sys.stdin)], sys.stdout)
`;

const DTYPES: readonly Dtype[] = ['float64', 'float32', 'int32', 'uint32', 'int16', 'uint16', 'int8', 'uint8'];
const KERNELS = [
  'sum',
  'mean',
  'prod',
  'min',
  'max',
  'argmin',
  'argmax',
  'variance',
  'std',
  'any',
  'all',
  'countNonzero',
  'nansum',
  'nanmean',
  'nanmin',
  'nanmax',
  'norm',
] as const;
type Kernel = (typeof KERNELS)[number];
const EXACT = new Set<Kernel>(['min', 'max', 'argmin', 'argmax', 'any', 'all', 'countNonzero']);

interface Case {
  kernel: Kernel;
  dtype: Dtype;
  base: number[];
  perm: number[];
  flip: number[];
  offset: number;
  data: number[];
  axis: number | number[] | null;
  keepdims: boolean;
  ddof: number;
  ord: number;
}

function value(r: ReturnType<typeof rng>, dtype: Dtype, kernel: Kernel): number {
  if (kernel === 'prod') return r.pick([-1, 1, 2, 0.5, 1, 3]);
  if (dtype.startsWith('float')) {
    if (r.chance(0.04)) return Number.NaN;
    if (r.chance(0.1)) return 0;
    return Math.round((r.int(-1000, 1000) / 37) * 64) / 64;
  }
  if (r.chance(0.15)) return 0;
  return dtype.startsWith('u') ? r.int(0, 120) : r.int(-120, 120);
}

function makeCase(r: ReturnType<typeof rng>): Case {
  const kernel = r.pick(KERNELS);
  const dtype = r.pick(DTYPES);
  const base = randomShape(r, 5, 4);
  const ndim = base.length;
  const perm = r.chance(0.4) ? permutation(r, ndim) : base.map((_, i) => i);
  const flip = base.map((_, i) => i).filter(() => r.chance(0.25));
  const offset = r.chance(0.5) ? r.int(1, 3) : 0;
  const size = base.reduce((n, e) => n * e, 1);
  // Through the TypedArray, so both sides see the stored values.
  const data = Array.from(new CTOR[dtype as keyof typeof CTOR](Array.from({ length: offset + size }, () => value(r, dtype, kernel))));
  let axis: number | number[] | null = null;
  const one = kernel === 'argmin' || kernel === 'argmax';
  if (ndim > 0 && r.chance(0.85)) {
    if (one || r.chance(0.5)) {
      axis = r.int(-ndim, ndim - 1);
    } else {
      axis = permutation(r, ndim)
        .slice(0, r.int(0, ndim))
        .map((a) => (r.chance(0.3) ? a - ndim : a));
    }
  }
  return {
    kernel,
    dtype,
    base,
    perm,
    flip,
    offset,
    data,
    axis,
    keepdims: r.chance(0.35),
    ddof: r.int(0, 1),
    ord: r.pick([1, 2, Infinity]),
  };
}

function viewOf(c: Case): NDArray {
  const data = new CTOR[c.dtype as keyof typeof CTOR](c.data);
  const size = c.base.reduce((n, e) => n * e, 1);
  let a = ndarray(data.subarray(c.offset, c.offset + size), c.base).transpose(c.perm);
  for (const ax of c.flip) a = a.slice(...(a.shape.map((_, d) => (d === ax ? [null, null, -1] : [null, null])) as never[]));
  return a;
}

function options(c: Case): Record<string, unknown> {
  const o: Record<string, unknown> = { keepdims: c.keepdims };
  if (c.axis !== null) o.axis = c.axis;
  if (c.kernel === 'variance' || c.kernel === 'std') o.ddof = c.ddof;
  if (c.kernel === 'norm') o.ord = c.ord;
  return o;
}

const decode = (v: number | string): number => (typeof v === 'number' ? v : v === 'nan' ? Number.NaN : v === 'inf' ? Infinity : -Infinity);

function close(kernel: Kernel, got: number, want: number): boolean {
  if (Number.isNaN(want)) return Number.isNaN(got);
  if (EXACT.has(kernel) || !Number.isFinite(want)) return Object.is(got + 0, want + 0);
  return Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want)) * 64;
}

const cases = (() => {
  const r = rng(12);
  return Array.from({ length: 400 }, () => makeCase(r));
})();

describe('reductions over NDArray axes match numpy', () => {
  const answers = numpyBatch<{ shape?: number[]; values?: Array<number | string>; error?: string }>(
    SCRIPT,
    cases.map((c) => ({ ...c, data: c.data.map((v) => (Number.isNaN(v) ? null : v)), ord: c.ord === Infinity ? 'inf' : c.ord })),
  );

  it.each([false, true])('every case (sync form: %s)', async (blocking) => {
    let failures = 0;
    for (const [k, c] of cases.entries()) {
      const want = answers[k]!;
      const a = viewOf(c);
      const call = (): unknown =>
        blocking
          ? (sync as never as Record<string, (a: unknown, o: unknown) => unknown>)[`${c.kernel}Sync`]!(a, options(c))
          : (cp as never as Record<string, (a: unknown, o: unknown) => Promise<unknown>>)[c.kernel]!(a, options(c));
      if (want.error !== undefined) {
        if (blocking) expect(call, JSON.stringify(c)).toThrow(expect.objectContaining({ code: 'ERR_EMPTY_INPUT' }) as never);
        else await expect(call(), JSON.stringify(c)).rejects.toMatchObject({ code: 'ERR_EMPTY_INPUT' });
        continue;
      }
      const got = await call();
      const values = want.values!.map(decode);
      if (typeof got === 'number' || typeof got === 'boolean') {
        expect(want.shape, JSON.stringify(c)).toEqual([]);
        expect(close(c.kernel, Number(got), values[0]!), `${JSON.stringify(c)}: ${got} vs ${values[0]}`).toBe(true);
        continue;
      }
      const nd = got as NDArray;
      expect(nd.shape, JSON.stringify(c)).toEqual(want.shape);
      const flat = Array.from(nd.copy().data);
      const bad = flat.findIndex((v, i) => !close(c.kernel, v, values[i]!));
      if (bad >= 0) failures++;
      expect(bad, `${JSON.stringify(c)}: ${flat} vs ${values}`).toBe(-1);
    }
    expect(failures).toBe(0);
  });

  it('result dtypes: min/max keep the input dtype, argmin/argmax int32, any/all uint8, the rest float64', async () => {
    const m = ndarray(new Int16Array([3, -1, 4, 1, -5, 9]), [2, 3]);
    const dtype = async (p: Promise<unknown>): Promise<string> => ((await p) as NDArray).dtype;
    expect(await dtype(cp.min(m, { axis: 1 }))).toBe('int16');
    expect(await dtype(cp.max(m, { axis: 0 }))).toBe('int16');
    expect(await dtype(cp.argmax(m, { axis: 1 }))).toBe('int32');
    expect(await dtype(cp.any(m, { axis: 1 }))).toBe('uint8');
    expect(await dtype(cp.sum(m, { axis: 1 }))).toBe('float64');
    expect(await dtype(cp.countNonzero(m, { axis: 1 }))).toBe('float64');
    expect(await cp.argmax(m)).toBe(5); // the flat index in C order
    expect(await cp.any(m)).toBe(true);
    expect(((await cp.sum(m, { keepdims: true })) as NDArray).shape).toEqual([1, 1]);
    // A TypedArray with an axis is a 1-d array; naming its one axis gives a 0-d NDArray.
    const whole = await cp.sum(new Float64Array([1, 2, 3]), { axis: -1 });
    expect([whole.shape, whole.toArray()]).toEqual([[], 6]);
    expect(
      await cp.sum(
        cp.ndarray([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBe(10); // no axis: the number
    expect(((await cp.sum(new Float64Array([1, 2, 3]), { axis: 0, keepdims: true })) as NDArray).toArray()).toEqual([6]);
  });

  it('writes options.out views (strided, reversed) and returns them', async () => {
    const m = ndarray(
      new Float64Array(24).map((_, i) => i),
      [2, 3, 4],
    );
    const out = ndarray(new Float64Array(12), [4, 3]).T.slice('::-1, :');
    const got = await cp.sum(m, { axis: 0, out });
    expect(got).toBe(out);
    expect(out.toArray()).toEqual([
      [12, 14, 16, 18],
      [20, 22, 24, 26],
      [28, 30, 32, 34],
    ]);
    expect(Array.from(out.data)).toEqual([28, 20, 12, 30, 22, 14, 32, 24, 16, 34, 26, 18]);
    await expect(cp.max(m, { axis: 0, out: ndarray(new Int32Array(12), [3, 4]) })).rejects.toMatchObject({ code: 'ERR_INVALID_DTYPE' });
    await expect(cp.sum(m, { axis: 0, out: ndarray(new Float64Array(12), [4, 3]) })).rejects.toMatchObject({ code: 'ERR_SHAPE_MISMATCH' });
  });

  it('rejects bad axes and options with coded errors; the sync twins throw them', async () => {
    const m = ndarray(new Float64Array(6), [2, 3]);
    await expect(cp.sum(m, { axis: 2 })).rejects.toMatchObject({ code: 'ERR_AXIS_OUT_OF_RANGE' });
    await expect(cp.mean(m, { axis: [-3] })).rejects.toMatchObject({ code: 'ERR_AXIS_OUT_OF_RANGE' });
    await expect(cp.sum(m, { axis: [0, -2] })).rejects.toMatchObject({ code: 'ERR_OUT_OF_RANGE' });
    await expect(cp.argmax(m, { axis: [0] })).rejects.toMatchObject({ code: 'ERR_INVALID_OPTION' });
    await expect(cp.sum(m, { keepdims: 1 } as never)).rejects.toMatchObject({ code: 'ERR_INVALID_OPTION' });
    await expect(cp.sum(m, { axes: 1 } as never)).rejects.toMatchObject({ code: 'ERR_INVALID_OPTION' });
    await expect(cp.min(ndarray(new Float64Array(0), [3, 0]), { axis: 1 })).rejects.toMatchObject({ code: 'ERR_EMPTY_INPUT' });
    await expect(cp.sum(new Float64Array(2) as never, { axis: 0, out: 7 } as never)).rejects.toMatchObject({
      code: 'ERR_INVALID_ARG_TYPE',
    });
    await expect(cp.sum([1, 2] as never, { axis: 0 })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARG_TYPE',
      message: expect.stringMatching(/^a /),
    });
    const aborted = AbortSignal.abort();
    await expect(cp.sum(m, { axis: 0, signal: aborted })).rejects.toMatchObject({ code: 'ABORT_ERR' });
    expect(() => sync.sumSync(m, { axis: 5 })).toThrow(expect.objectContaining({ code: 'ERR_AXIS_OUT_OF_RANGE' }) as never);
    expect(() => sync.argminSync(m, { axis: [1] } as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_OPTION' }) as never);
  });
});

describe('each output is the flat kernel applied to its line', () => {
  it.each(['sum', 'mean', 'max', 'argmin', 'variance', 'nanmean', 'norm', 'prod'] as const)('%s', async (kernel) => {
    const r = rng(kernel.length * 7);
    const base = [3, 2, 16390]; // lines of axis 0 span two blocks
    const data = new Float64Array(base.reduce((n, e) => n * e, 1)).map(() => (r.int(-1e6, 1e6) / 1e3) * (r.chance(0.001) ? Number.NaN : 1));
    const m = ndarray(data, base).transpose([2, 0, 1]).slice('::-1, :, ::-1'); // [16390, 3, 2], strided lines
    const fn = (cp as never as Record<string, (a: unknown, o?: unknown) => Promise<unknown>>)[kernel]!;
    const flatSync = (sync as never as Record<string, (a: unknown) => number>)[`${kernel}Sync`]!;
    for (const axis of kernel === 'argmin' ? ([0, 1] as const) : ([0, 1, [0, 2]] as const)) {
      const got = (await fn(m, { axis })) as NDArray;
      const moved = axis === 1 ? m.transpose([0, 2, 1]) : axis === 0 ? m.transpose([1, 2, 0]) : m.transpose([1, 0, 2]);
      const lines = moved.copy();
      const n = typeof axis === 'number' ? m.shape[axis]! : m.shape[0]! * m.shape[2]!;
      const flat = got.copy().data;
      // Every output of the long lines; a sample of the many short ones.
      for (let i = 0; i < flat.length; i += flat.length > 100 ? 97 : 1) {
        const want = flatSync(lines.data.subarray(i * n, (i + 1) * n));
        expect(Object.is(flat[i], want) || (Number.isNaN(flat[i]) && Number.isNaN(want)), `${kernel} axis ${axis} output ${i}`).toBe(true);
      }
    }
  });
});
