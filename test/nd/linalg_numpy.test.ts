// matmul over NDArrays against numpy.matmul: random stacks with broadcast
// batch dimensions (sizes 0 and 1 included), 1-D promotion, transposed and
// strided views, float64 and float32, strided `out` views and shape errors.
// Values are small integers, so every product is exact and must equal
// numpy's bit for bit whatever the summation order.
import { type NDArray, ndarray, zeros } from 'corepool';
import { matmulSync } from 'corepool/sync';
import * as cp from 'corepool';
import { describe, expect, it } from 'vitest';
import { numpyBatch, rng } from './numpy_batch.js';

const SCRIPT = `
import json, sys
import numpy as np
def build(o, dtype):
    a = np.array(o['values'], dtype=dtype).reshape(o['base'])
    if o['layout'] == 'T':
        a = np.swapaxes(a, -1, -2)
    if o['layout'] == 'S':
        a = a[..., ::2]
    return a
def one(c):
    try:
        r = np.matmul(build(c['a'], c['dtype']), build(c['b'], c['dtype']))
        return {'shape': list(r.shape), 'values': np.ravel(r).tolist()}
    except ValueError as e:
        return {'error': str(e)}
print(json.dumps([one(c) for c in json.load(sys.stdin)]))
`;

type Layout = 'N' | 'T' | 'S';
interface OperandCase {
  base: number[];
  layout: Layout;
  values: number[];
}
interface Case {
  a: OperandCase;
  b: OperandCase;
  dtype: 'float64' | 'float32';
}
interface Answer {
  shape?: number[];
  values?: number[];
  error?: string;
}

/** The stored shape for `shape` seen through `layout`, filled with small integers. */
function operandCase(r: ReturnType<typeof rng>, shape: number[], layout: Layout): OperandCase {
  const lay: Layout = shape.length < 2 && layout === 'T' ? 'N' : layout;
  const base =
    lay === 'T' ? [...shape.slice(0, -2), shape.at(-1)!, shape.at(-2)!] : lay === 'S' ? [...shape.slice(0, -1), 2 * shape.at(-1)!] : shape;
  const size = base.reduce((p, d) => p * d, 1);
  return { base, layout: lay, values: Array.from({ length: size }, () => r.int(-3, 3)) };
}

function view(o: OperandCase, dtype: 'float64' | 'float32'): NDArray {
  const data = dtype === 'float64' ? Float64Array.from(o.values) : Float32Array.from(o.values);
  const a = ndarray(data, o.base);
  if (o.layout === 'T') {
    const axes = [...o.base.keys()];
    [axes[axes.length - 2], axes[axes.length - 1]] = [axes.at(-1)!, axes.at(-2)!];
    return a.transpose(axes);
  }
  return o.layout === 'S' ? a.slice('...,::2') : a;
}

/** A batch shape and two operand shapes that broadcast to it (or, with `bad`, do not). */
function randomCase(r: ReturnType<typeof rng>): Case {
  const dim = (): number => (r.chance(0.06) ? 0 : r.chance(0.15) ? 1 : r.int(1, 5));
  const [m, k, n] = [dim(), dim(), dim()];
  const batch = Array.from({ length: r.int(0, 3) }, () => (r.chance(0.1) ? 0 : r.int(1, 3)));
  const part = (): number[] => batch.slice(r.int(0, batch.length)).map((d) => (r.chance(0.3) ? 1 : d));
  let sa = r.chance(0.15) ? [k] : [...part(), m, k];
  let sb = r.chance(0.15) ? [k] : [...part(), k, n];
  if (r.chance(0.1)) sa = [...sa.slice(0, -1), k + 1]; // a contracted-dimension mismatch
  if (r.chance(0.05) && sa.length > 2 && sb.length > 2 && sa[0]! > 1) sb = [sa[0]! + 1, ...sb.slice(1)]; // a batch mismatch
  const layout = (): Layout => r.pick(['N', 'N', 'T', 'S'] as const);
  return { a: operandCase(r, sa, layout()), b: operandCase(r, sb, layout()), dtype: r.pick(['float64', 'float32'] as const) };
}

const shapeOf = (o: OperandCase): number[] =>
  o.layout === 'T'
    ? [...o.base.slice(0, -2), o.base.at(-1)!, o.base.at(-2)!]
    : o.layout === 'S'
      ? [...o.base.slice(0, -1), o.base.at(-1)! / 2]
      : o.base;

describe('matmul over NDArrays matches numpy.matmul', () => {
  const r = rng(20261207);
  const cases = Array.from({ length: 160 }, () => randomCase(r));
  const answers = numpyBatch<Answer>(SCRIPT, cases);

  it('agrees on shapes, values and errors for random stacks and layouts', async () => {
    let errors = 0;
    for (const [i, c] of cases.entries()) {
      const a = view(c.a, c.dtype);
      const b = view(c.b, c.dtype);
      const want = answers[i]!;
      const label = `case ${i}: ${JSON.stringify(shapeOf(c.a))} @ ${JSON.stringify(shapeOf(c.b))} ${c.a.layout}${c.b.layout}`;
      if (want.error !== undefined) {
        errors++;
        await expect(cp.matmul(a, b), label).rejects.toMatchObject({ name: 'RangeError', code: 'ERR_SHAPE_MISMATCH' });
        expect(() => matmulSync(a, b), label).toThrow(/\[/);
        continue;
      }
      const got = i % 3 === 0 ? matmulSync(a, b) : await cp.matmul(a, b);
      expect(got.shape, label).toEqual(want.shape);
      expect(got.dtype, label).toBe(c.dtype);
      expect(got.isContiguous, label).toBe(true);
      expect(Array.from(got.data), label).toEqual(want.values);
      if (i % 4 === 1 && got.ndim >= 2) {
        // A strided out view: the same values, written in its own layout.
        const out = zeros([...got.shape].reverse(), { dtype: c.dtype }).T;
        expect(await cp.matmul(a, b, { out }), label).toBe(out);
        expect(Array.from(out.copy().data), label).toEqual(want.values);
      }
    }
    expect(errors).toBeGreaterThan(5);
  });

  it('runs large batches (above the inline size) with the same values as numpy', async () => {
    const rr = rng(7);
    const c: Case = { a: operandCase(rr, [8, 40, 40], 'N'), b: operandCase(rr, [40, 36], 'T'), dtype: 'float64' };
    const c32: Case = { a: operandCase(rr, [3, 1, 70, 50], 'T'), b: operandCase(rr, [4, 50, 60], 'N'), dtype: 'float32' };
    const [want, want32] = numpyBatch<Answer>(SCRIPT, [c, c32]);
    for (const [k, w] of [
      [c, want],
      [c32, want32],
    ] as const) {
      const got = await cp.matmul(view(k.a, k.dtype), view(k.b, k.dtype));
      expect(got.shape).toEqual(w!.shape);
      expect(Array.from(got.data)).toEqual(w!.values);
    }
  });

  it('names both shapes in a core-dimension error', () => {
    const a = zeros([2, 3, 4]);
    expect(() => matmulSync(a, zeros([5, 2]))).toThrow(/\[2,3,4\].*\[5,2\]/);
    expect(() => matmulSync(zeros([2, 3, 4]), zeros([3, 4, 5]))).toThrow(expect.objectContaining({ code: 'ERR_SHAPE_MISMATCH' }));
  });

  it('refuses 0-d operands, mixed or non-float dtypes and the flat-only options', async () => {
    const a = zeros([2, 2]);
    expect(() => matmulSync(zeros([]), a)).toThrow(expect.objectContaining({ code: 'ERR_SHAPE_MISMATCH' }));
    expect(() => matmulSync(a, zeros([2, 2], { dtype: 'float32' }))).toThrow(expect.objectContaining({ code: 'ERR_INVALID_DTYPE' }));
    expect(() => matmulSync(zeros([2, 2], { dtype: 'int32' }), a)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_DTYPE' }));
    await expect(cp.matmul(a, a, { m: 2 } as never)).rejects.toMatchObject({ code: 'ERR_INVALID_OPTION' });
    await expect(cp.matmul(a, a, { alpha: 2 } as never)).rejects.toMatchObject({ code: 'ERR_INVALID_OPTION' });
    await expect(cp.matmul(a, a, { bogus: 1 } as never)).rejects.toMatchObject({ code: 'ERR_INVALID_OPTION' });
    await expect(cp.matmul(a, a, { out: zeros([2, 3]) })).rejects.toMatchObject({ code: 'ERR_SHAPE_MISMATCH' });
  });

  it('rejects with an AbortError when the signal is aborted, sync and async', async () => {
    const a = zeros([16, 64, 64]);
    const signal = AbortSignal.abort();
    await expect(cp.matmul(a, a, { signal })).rejects.toMatchObject({ name: 'AbortError', code: 'ABORT_ERR' });
    expect(() => matmulSync(a, a, { signal })).toThrow(expect.objectContaining({ code: 'ABORT_ERR' }));
    const controller = new AbortController();
    const pending = cp.matmul(zeros([64, 128, 128]), zeros([128, 128]), { signal: controller.signal });
    controller.abort();
    await pending.then(
      (r) => expect(r.shape).toEqual([64, 128, 128]),
      (e: unknown) => expect(e).toMatchObject({ code: 'ABORT_ERR' }),
    );
  });

  it('takes a TypedArray beside an NDArray as a 1-d operand, and keeps shared memory shared', async () => {
    const m = ndarray(new Float64Array(new SharedArrayBuffer(48)).fill(1), [2, 3]);
    const v = await cp.matmul(m, Float64Array.of(1, 2, 3));
    expect(v.shape).toEqual([2]);
    expect(Array.from(v.data)).toEqual([6, 6]);
    expect(v.data.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('computes into an out that overlaps an input as numpy does (through a temporary)', async () => {
    const data = Float64Array.from({ length: 8 }, (_, i) => i + 1);
    const a = ndarray(data, [2, 2, 2]);
    const want = matmulSync(a.copy(), a.copy());
    expect(await cp.matmul(a, a, { out: a })).toBe(a);
    expect(Array.from(a.copy().data)).toEqual(Array.from(want.data));
  });

  it('is dot for 2-D NDArrays, as in numpy', async () => {
    const a = ndarray([
      [1, 2],
      [3, 4],
    ]);
    const got = (await cp.dot(a as never, a as never)) as unknown as NDArray;
    expect(got.toArray()).toEqual([
      [7, 10],
      [15, 22],
    ]);
  });

  it('matvec, outer and dot of NDArrays match numpy.matvec, numpy.outer and numpy.dot', async () => {
    const script = `
import json, sys
import numpy as np
out = []
for c in json.load(sys.stdin):
    a = np.array(c['a'], dtype=np.float64).reshape(c['sa'])
    b = np.array(c['b'], dtype=np.float64).reshape(c['sb'])
    r = getattr(np, c['op'])(a, b)
    out.append({'shape': list(np.shape(r)), 'values': np.ravel(r).tolist()})
print(json.dumps(out))
`;
    const r = rng(99);
    const make = (shape: number[]): number[] => Array.from({ length: shape.reduce((p, d) => p * d, 1) }, () => r.int(-4, 4));
    const specs: Array<[string, number[], number[]]> = [
      ['matvec', [3, 4], [4]],
      ['matvec', [2, 3, 4], [4]],
      ['matvec', [2, 1, 3, 4], [5, 4]],
      ['outer', [2, 3], [4]],
      ['outer', [3], [2, 2]],
      ['dot', [3, 4], [4, 2]],
      ['dot', [4], [4, 3]],
      ['dot', [3, 4], [4]],
      ['dot', [5], [5]],
    ];
    const cases = specs.map(([op, sa, sb]) => ({ op, sa, sb, a: make(sa), b: make(sb) }));
    const answers = numpyBatch<Answer>(script, cases);
    for (const [i, c] of cases.entries()) {
      const a = ndarray(Float64Array.from(c.a), c.sa);
      const b = ndarray(Float64Array.from(c.b), c.sb);
      const fn = (cp as unknown as Record<string, (x: NDArray, y: NDArray) => Promise<NDArray | number>>)[c.op]!;
      const got = await fn(a, b);
      const want = answers[i]!;
      if (typeof got === 'number') expect([got], c.op).toEqual(want.values);
      else {
        expect(got.shape, c.op).toEqual(want.shape);
        expect(Array.from(got.data), c.op).toEqual(want.values);
      }
    }
  });
});
