import * as cp from 'corepool';
import { describe, expect, it } from 'vitest';
import { CTORS, DTYPES, makeArray, type TestDtype } from '../helpers/data.js';
import { hasNumpy, runNumpy, type NumpyCase } from '../helpers/numpy_cases.js';

/** Random data of `dtype`; for floats also NaN, ±Infinity and -0 variants. */
function inputs(dtype: TestDtype): Array<[string, ReturnType<typeof makeArray>]> {
  const out: Array<[string, ReturnType<typeof makeArray>]> = [];
  for (const n of [1, 5, 16385, 70_001]) out.push([`r${n}`, makeArray(dtype, n, { seed: n * 7 })]);
  if (dtype.startsWith('float')) {
    const special = makeArray(dtype, 70_001, { seed: 3 });
    special[5] = NaN;
    special[60_000] = NaN;
    special[7] = -0;
    out.push(['nan', special]);
    const inf = makeArray(dtype, 20_000, { seed: 4 });
    inf[100] = Infinity;
    out.push(['inf', inf]);
    const zeros = new CTORS[dtype](new ArrayBuffer(4 * 8), 0, 4);
    zeros.set([0, -0, 0, -0]);
    out.push(['zeros', zeros]);
  }
  return out;
}

const KERNELS: Array<[string, string, Record<string, unknown>, (a: unknown) => Promise<number | boolean>]> = [
  ['prod', 'prod', {}, (a) => cp.prod(a as Float64Array)],
  ['var', 'var', {}, (a) => cp.var(a as Float64Array)],
  ['var1', 'var', { ddof: 1 }, (a) => cp.var(a as Float64Array, { ddof: 1 })],
  ['std', 'std', {}, (a) => cp.std(a as Float64Array)],
  ['countNonzero', 'countNonzero', {}, (a) => cp.countNonzero(a as Float64Array)],
  ['any', 'any', {}, (a) => cp.any(a as Float64Array)],
  ['all', 'all', {}, (a) => cp.all(a as Float64Array)],
  ['norm1', 'norm', { ord: 1 }, (a) => cp.norm(a as Float64Array, { ord: 1 })],
  ['norm2', 'norm', { ord: 2 }, (a) => cp.norm(a as Float64Array)],
  ['normInf', 'norm', { ord: 'inf' }, (a) => cp.norm(a as Float64Array, { ord: Infinity })],
  ['nansum', 'nansum', {}, (a) => cp.nansum(a as Float64Array)],
  ['nanmean', 'nanmean', {}, (a) => cp.nanmean(a as Float64Array)],
  ['nanmin', 'nanmin', {}, (a) => cp.nanmin(a as Float64Array)],
  ['nanmax', 'nanmax', {}, (a) => cp.nanmax(a as Float64Array)],
];

// Rounding-order differences only: relative to the magnitudes summed.
const LOOSE = new Set(['prod', 'var', 'var1', 'std', 'norm1', 'norm2', 'nansum', 'nanmean']);

describe.skipIf(!hasNumpy)(`numpy agreement of the stats reductions on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  it('every reduction over every dtype, with NaN, Infinity and -0, agrees with numpy', async () => {
    const cases: NumpyCase[] = [];
    const ours = new Map<string, number>();
    for (const dtype of DTYPES) {
      for (const [label, x] of inputs(dtype)) {
        for (const [name, op, kwargs, run] of KERNELS) {
          const id = `${name}-${dtype}-${label}`;
          cases.push({ id, op, x, kwargs });
          ours.set(id, Number(await run(x)));
        }
      }
    }
    const theirs = await runNumpy(cases);
    const mismatches: string[] = [];
    for (const [id, mine] of ours) {
      const ref = theirs.get(id) as number;
      const name = id.split('-')[0]!;
      const same =
        Object.is(mine, ref) || (Number.isNaN(mine) && Number.isNaN(ref)) || (mine === ref && (name === 'nanmin' || name === 'nanmax'));
      const close = LOOSE.has(name) && Number.isFinite(ref) && Math.abs(mine - ref) <= 1e-12 * Math.abs(ref) + 1e-300;
      if (!same && !close) mismatches.push(`${id}: ${mine} vs numpy ${ref}`);
    }
    expect(mismatches.slice(0, 30)).toEqual([]);
  });

  it('signed zeros: sums of only -0 are +0 as in numpy (sum, mean, nansum, nanmean, dot), -0 survives where numpy keeps it (prod, cumsum)', async () => {
    const lengths = [...Array.from({ length: 20 }, (_, i) => i + 1), 100, 16383, 16384, 16385];
    const kernels: Array<[string, (x: Float64Array | Float32Array) => Promise<number | Float64Array | Float32Array>]> = [
      ['sum', (x) => cp.sum(x)],
      ['mean', (x) => cp.mean(x)],
      ['nansum', (x) => cp.nansum(x)],
      ['nanmean', (x) => cp.nanmean(x)],
      ['dot_self', (x) => cp.dot(x, x)],
      ['dot_ones', (x) => cp.dot(x, new (x.constructor as Float64ArrayConstructor)(x.length).fill(1))],
      ['prod', (x) => cp.prod(x)],
      ['cumsum', (x) => cp.cumsum(x)],
    ];
    const cases: NumpyCase[] = [];
    const ours = new Map<string, number | Float64Array | Float32Array>();
    for (const dtype of ['float64', 'float32'] as const) {
      for (const n of lengths) {
        const x = (dtype === 'float64' ? new Float64Array(n) : new Float32Array(n)).fill(-0);
        for (const [op, run] of kernels) {
          const id = `${op}-${dtype}-${n}`;
          cases.push({ id, op, x });
          ours.set(id, await run(x));
        }
      }
    }
    const theirs = await runNumpy(cases);
    const mismatches: string[] = [];
    for (const [id, mine] of ours) {
      const ref = theirs.get(id)!;
      const a = typeof mine === 'number' ? [mine] : [...mine];
      const b = typeof ref === 'number' ? [ref] : [...ref];
      if (a.length !== b.length || a.some((v, i) => !Object.is(v, b[i])))
        mismatches.push(
          `${id}: ${a.slice(0, 3).map((v) => (Object.is(v, -0) ? '-0' : v))} vs numpy ${b.slice(0, 3).map((v) => (Object.is(v, -0) ? '-0' : v))}`,
        );
    }
    expect(mismatches).toEqual([]);
  });

  it('var is as close to the exact (Fraction) variance as numpy is, or closer', async () => {
    const cases: NumpyCase[] = [];
    const ours = new Map<string, number>();
    const data: Array<[string, Float64Array | Float32Array | Int32Array]> = [];
    const far = makeArray('float64', 20_011, { seed: 12 }) as Float64Array;
    for (let i = 0; i < far.length; i++) far[i] = 1e8 + far[i]!;
    data.push(['far', far]);
    data.push(['plain', makeArray('float64', 30_000, { seed: 13 }) as Float64Array]);
    data.push(['f32', makeArray('float32', 20_000, { seed: 14 }) as Float32Array]);
    data.push(['i32', makeArray('int32', 20_000, { seed: 15 }) as Int32Array]);
    for (const [label, x] of data) {
      for (const ddof of [0, 1]) {
        cases.push({ id: `exact-${label}-${ddof}`, op: 'exact_var', x, kwargs: { ddof } });
        cases.push({ id: `np-${label}-${ddof}`, op: 'var', x, kwargs: { ddof } });
        ours.set(`${label}-${ddof}`, await cp.var(x, { ddof }));
      }
    }
    const theirs = await runNumpy(cases);
    for (const [key, mine] of ours) {
      const exact = theirs.get(`exact-${key}`) as number;
      const numpy = theirs.get(`np-${key}`) as number;
      const ourError = Math.abs(mine - exact) / exact;
      expect(ourError, key).toBeLessThan(1e-13);
      expect(ourError, key).toBeLessThanOrEqual(Math.max(Math.abs(numpy - exact) / exact, 4e-16) * 64);
    }
  });
});
