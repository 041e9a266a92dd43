// Large strided elementwise calls against numpy: sizes past the 16384-element
// block and the 65536-element inline threshold, so the native pool and (with
// SharedArrayBuffer operands) the fallback's workers split them; transposed,
// reversed, offset and broadcast operands, and `out` as a reversed or
// transposed view of a bigger array.
import type { NDArray } from 'corepool';
import { describe, expect, it } from 'vitest';
import {
  type Arg,
  build,
  DTYPES,
  type Dt,
  elements,
  kernel,
  type Layout,
  numpyAnswers,
  type Operand,
  positions,
  randomLayout,
  snapshot,
  ulps,
} from './map_cases.js';
import { rng } from './numpy_batch.js';

const r = rng(4242);

function layout(dtype: Dt, base: number[], more: Partial<Layout> = {}): Layout {
  return { dtype, base, offset: 0, perm: null, index: null, bcast: null, flat: false, shared: false, fill: 'random', ...more };
}

interface Big {
  name: string;
  kind: string;
  args: Array<Layout | number>;
  ulp?: number;
  /** `out`: a view of this layout (its dtype must be the result's). */
  out?: Layout;
}

const CASES: Big[] = [
  // [300, 301] transposed + C order: 90300 elements, past the inline threshold.
  { name: 'add', kind: 'arith', args: [layout('float64', [301, 300], { perm: [1, 0], offset: 3 }), layout('float64', [300, 301])] },
  {
    name: 'add',
    kind: 'arith',
    args: [layout('float64', [301, 300], { perm: [1, 0], shared: true }), layout('float64', [300, 301], { shared: true })],
    out: layout('float64', [301, 300], { perm: [1, 0], shared: true }),
  },
  // Broadcast rows and columns over [2, 70000].
  { name: 'sub', kind: 'arith', args: [layout('float32', [2, 70000], { shared: true }), layout('float32', [70000], { offset: 1 })] },
  { name: 'mul', kind: 'arith', args: [layout('int32', [2, 70000]), layout('int32', [2, 1], { shared: true })] },
  {
    name: 'maximum',
    kind: 'arith',
    args: [layout('int16', [70000], { shared: true, bcast: [2, 70000] }), layout('int16', [2, 1])],
    out: layout('int16', [2, 139999], { index: ':, ::-2', offset: 5 }),
  },
  // Reversed slices of both axes, a libm kernel, float32.
  { name: 'exp', kind: 'float', ulp: 2, args: [layout('float32', [300, 601], { index: '::-1, ::-2', shared: true, fill: 'unit' })] },
  { name: 'sin', kind: 'float', ulp: 2, args: [layout('float64', [257, 300], { perm: [1, 0], index: '::-1, 1:' })] },
  { name: 'sqrt', kind: 'float', args: [layout('uint16', [130, 130, 2], { perm: [2, 1, 0], shared: true })] },
  // Comparisons, fused kernels and casts, strided and shared.
  { name: 'lt', kind: 'compare', args: [layout('uint8', [300, 301], { perm: [1, 0], shared: true }), 100] },
  {
    name: 'fma',
    kind: 'arith',
    args: [layout('float64', [301, 300], { perm: [1, 0] }), layout('float64', [301], { shared: true }), 0.5],
    out: layout('float64', [600, 301], { index: '::-2, :', shared: true }),
  },
  {
    name: 'where',
    kind: 'select',
    args: [layout('int8', [300, 1], { fill: 'unit' }), layout('float32', [301, 300], { perm: [1, 0], shared: true }), -1],
  },
  { name: 'clip', kind: 'arith', args: [layout('int32', [17000, 5], { index: '::-1, ::2', shared: true }), 0, layout('int32', [3])] },
  { name: 'mod', kind: 'arith', args: [layout('float64', [70001], { index: '::-1', shared: true }), 3] },
];

describe(`large strided elementwise calls vs numpy (${process.env.COREPOOL_BACKEND})`, () => {
  it('match numpy across the block and inline threshold, async and Sync, into new arrays and into out views', async () => {
    const failures: string[] = [];
    const payload = [];
    const results: NDArray[] = [];
    const labels: string[] = [];
    const ulpOf: number[] = [];
    for (const [i, c] of CASES.entries()) {
      const args: Arg[] = c.args.map((a) => (typeof a === 'number' ? a : build(r, a)));
      const values = args.map((a) => (typeof a === 'number' ? a : a.value));
      const { run, runSync } = kernel(c.name);
      const label = `#${i} ${c.name}`;
      payload.push({ op: c.name, kind: c.kind, ins: args.map(snapshot) });
      const fresh = (await run(...values)) as NDArray;
      const shared = args.some((a) => typeof a !== 'number' && a.layout.shared);
      if (fresh.data.buffer instanceof SharedArrayBuffer !== shared) failures.push(`${label}: shared result ${!shared}`);
      if (!fresh.isContiguous) failures.push(`${label}: not C-contiguous`);
      const want = Buffer.from(elements(fresh).buffer);
      if (Buffer.compare(Buffer.from(elements(runSync(...values) as NDArray).buffer), want) !== 0) failures.push(`${label}: Sync differs`);
      if (c.out !== undefined) {
        for (const blocking of [false, true]) {
          const out = build(r, c.out) as Operand & { value: NDArray };
          const before = out.data.slice();
          if (blocking) runSync(...values, { out: out.value });
          else await run(...values, { out: out.value });
          if (Buffer.compare(Buffer.from(elements(out.value).buffer), want) !== 0) failures.push(`${label}: out differs`);
          const written = new Set(positions(out.value));
          for (let p = 0; p < out.data.length; p++) {
            if (!written.has(p) && !Object.is(out.data[p], before[p])) {
              failures.push(`${label}: out element ${p} outside the view changed`);
              break;
            }
          }
        }
      }
      results.push(fresh);
      labels.push(label);
      ulpOf.push(c.ulp ?? 0);
    }
    const answers = numpyAnswers(payload);
    answers.forEach((want, k) => {
      const got = results[k]!;
      if (got.dtype !== want.dtype || JSON.stringify(got.shape) !== JSON.stringify(want.shape)) {
        failures.push(`${labels[k]}: ${got.dtype}${JSON.stringify(got.shape)} vs numpy ${want.dtype}${JSON.stringify(want.shape)}`);
        return;
      }
      const mine = elements(got);
      let bad = 0;
      for (let i = 0; i < mine.length; i++) {
        if (ulps(mine[i]!, want.values[i]!, got.dtype === 'float32') > ulpOf[k]!) {
          if (bad++ === 0) failures.push(`${labels[k]}: [${i}] ${mine[i]} vs numpy ${want.values[i]}`);
        }
      }
    });
    expect(failures).toEqual([]);
    expect(results.map((a) => a.size).every((n) => n > 16384)).toBe(true);
  });

  it('random 3-5 axis layouts of 20k-150k elements (transposed, reversed, strided, broadcast) match numpy', async () => {
    const failures: string[] = [];
    const payload = [];
    const results: NDArray[] = [];
    for (let i = 0; i < 12; i++) {
      const ndim = 3 + (i % 3);
      const shape = Array.from({ length: ndim }, () => 1 + r.int(1, 12));
      while (shape.reduce((p, d) => p * d, 1) < 20000) shape[r.int(0, ndim - 1)]! *= 2;
      const name = ['add', 'fma', 'where', 'maximum'][i % 4]!;
      const dtype = DTYPES[i % DTYPES.length]!;
      const arity = name === 'add' || name === 'maximum' ? 2 : 3;
      const args: Operand[] = [];
      for (let k = 0; k < arity; k++) {
        // Some operands broadcast over a few axes (extent 1 there, or leading axes dropped).
        const part = k === 0 ? shape : shape.slice(r.int(0, 1)).map((e) => (r.chance(0.3) ? 1 : e));
        const L = randomLayout(
          r,
          k === 0 && name === 'where' ? 'uint8' : dtype,
          part,
          k === 0 && name === 'where' ? 'unit' : 'random',
          r.chance(0.5),
        );
        L.flat = false;
        args.push(build(r, L));
      }
      const values = args.map((a) => a.value);
      const { run, runSync } = kernel(name);
      payload.push({ op: name, kind: name === 'where' ? 'select' : 'arith', ins: args.map(snapshot) });
      const fresh = (await run(...values)) as NDArray;
      const out = build(r, randomLayout(r, fresh.dtype as Dt, fresh.shape, 'random', r.chance(0.5))).value as NDArray;
      runSync(...values, { out });
      if (Buffer.compare(Buffer.from(elements(out).buffer), Buffer.from(elements(fresh).buffer)) !== 0)
        failures.push(`#${i} ${name}: out differs`);
      results.push(fresh);
    }
    numpyAnswers(payload).forEach((want, k) => {
      const got = elements(results[k]!);
      const bad = got.findIndex((v, i) => ulps(v, want.values[i]!, false) > 0);
      if (results[k]!.dtype !== want.dtype || bad >= 0)
        failures.push(`#${k}: ${results[k]!.dtype} vs ${want.dtype}, first difference at ${bad}`);
    });
    expect(failures).toEqual([]);
  });
});
