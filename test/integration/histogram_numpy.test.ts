import * as cp from 'corepool';
import { describe, expect, it } from 'vitest';
import { DTYPES, makeArray, rng } from '../helpers/data.js';
import { hasNumpy, runNumpy, type NumpyCase } from '../helpers/numpy_cases.js';

describe.skipIf(!hasNumpy)(`numpy agreement of histogram/bincount on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  it('gives numpy.histogram edges bit for bit and the same counts; numpy.bincount counts', async () => {
    const cases: NumpyCase[] = [];
    const ours = new Map<string, Float64Array>();
    const check = async (id: string, x: ReturnType<typeof makeArray>, kwargs: Record<string, unknown>): Promise<void> => {
      const { counts, edges } = await cp.histogram(x, kwargs as cp.HistogramOptions);
      cases.push({ id, op: 'histogram', x, kwargs });
      ours.set(id, Float64Array.from([...counts, ...edges]));
    };
    for (const dtype of DTYPES) {
      for (const n of [1, 100, 70_001]) {
        const x = makeArray(dtype, n, { seed: n + 9 });
        for (const bins of [1, 10, 33]) await check(`h-${dtype}-${n}-${bins}`, x, { bins });
        await check(`hr-${dtype}-${n}`, x, { bins: 12, range: [-1000.5, 3e4] });
        await check(`he-${dtype}-${n}`, x, { bins: [-1e9, -5, 0, 0.25, 7, 100, 1e10] });
      }
      const same = makeArray(dtype, 50, { seed: 1 }).fill(7);
      await check(`hs-${dtype}`, same, { bins: 5 });
      // Values sitting exactly on the edges of 0.1-wide bins.
      if (dtype.startsWith('float')) {
        const onEdges = makeArray(dtype, 1001, { seed: 2 }).map((_, i) => i / 1000);
        await check(`hedge-${dtype}`, onEdges, { bins: 10 });
        const withNan = makeArray(dtype, 70_001, { seed: 5 });
        withNan[17] = NaN;
        withNan[18] = Infinity;
        await check(`hnan-${dtype}`, withNan, { bins: 9, range: [-0.5, 0.5] });
      }
      const ints = makeArray(dtype, 70_001, { seed: 6 });
      const r = rng(6);
      for (let i = 0; i < ints.length; i++) ints[i] = Math.floor(r() * r() * 100);
      cases.push({ id: `b-${dtype}`, op: 'bincount', x: ints, kwargs: { minlength: 120 } });
      ours.set(`b-${dtype}`, await cp.bincount(ints, { minlength: 120 }));
    }
    const theirs = await runNumpy(cases);
    const mismatches: string[] = [];
    for (const [id, mine] of ours) {
      const ref = theirs.get(id) as Float64Array;
      if (ref.length !== mine.length) mismatches.push(`${id}: length ${mine.length} vs numpy ${ref.length}`);
      else if (mine.some((v, i) => !Object.is(v, ref[i])))
        mismatches.push(`${id}: ${Array.from(mine).join(',')} vs numpy ${Array.from(ref).join(',')}`);
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
  });
});
