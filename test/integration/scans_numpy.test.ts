import * as cp from 'corepool';
import { describe, expect, it } from 'vitest';
import { DTYPES, makeArray, rng } from '../helpers/data.js';
import { hasNumpy, runNumpy, type NumpyCase } from '../helpers/numpy_cases.js';

describe.skipIf(!hasNumpy)(`numpy agreement of cumsum/cumprod on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  it('matches numpy.cumsum/cumprod(dtype=float64) to rounding, exactly on integers', async () => {
    const cases: NumpyCase[] = [];
    const ours = new Map<string, Float64Array | Float32Array>();
    for (const dtype of DTYPES) {
      for (const n of [1, 2049, 70_001]) {
        const x = makeArray(dtype, n, { seed: n + 2 });
        if (dtype === 'float64' && n > 1) {
          x[n >> 1] = NaN;
          x[3] = -0;
        }
        cases.push({ id: `cumsum-${dtype}-${n}`, op: 'cumsum', x });
        ours.set(`cumsum-${dtype}-${n}`, await cp.cumsum(x));
        const near = makeArray(dtype, n, { seed: n });
        const r = rng(n);
        for (let i = 0; i < n; i++) near[i] = dtype.startsWith('float') ? 1 + (r() - 0.5) / 64 : [1, 1, 2, 1, 1, 1, 1][i % 7]!;
        cases.push({ id: `cumprod-${dtype}-${n}`, op: 'cumprod', x: near });
        ours.set(`cumprod-${dtype}-${n}`, await cp.cumprod(near));
      }
    }
    const theirs = await runNumpy(cases);
    const mismatches: string[] = [];
    for (const [id, mine] of ours) {
      const ref = theirs.get(id) as Float64Array;
      const f32 = mine instanceof Float32Array;
      const integer = !id.includes('float');
      let scale = 0;
      for (let i = 0; i < ref.length; i++) {
        scale = id.startsWith('cumsum') ? scale + Math.abs(ref[i]! - (ref[i - 1] ?? 0)) : Math.abs(ref[i]!);
        const tol = integer && Math.abs(ref[i]!) < 2 ** 53 ? 0 : 1e-12 * scale + (f32 ? 2 ** -23 * Math.abs(ref[i]!) : 0);
        const m = mine[i]!;
        const ok = (Number.isNaN(m) && Number.isNaN(ref[i])) || Math.abs(m - ref[i]!) <= tol || m === ref[i];
        if (!ok) {
          mismatches.push(`${id}[${i}]: ${m} vs numpy ${ref[i]}`);
          break;
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
