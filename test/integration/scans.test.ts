import * as cp from 'corepool';
import * as sync from 'corepool/sync';
import { describe, expect, it } from 'vitest';
import { CTORS, DTYPES, makeArray, rng, type TestDtype } from '../helpers/data.js';

const SIZES = [0, 1, 2, 7, 2047, 2048, 2049, 16383, 16384, 16385, 65537, 100_003];
const SEGMENT = 2048;

/** The documented order (scans.h): per-segment running chains, offsets chained in order. */
function reference(x: ArrayLike<number>, prod: boolean, float32: boolean): Float64Array | Float32Array {
  const out = float32 ? new Float32Array(x.length) : new Float64Array(x.length);
  let offset = prod ? 1 : -0;
  for (let begin = 0; begin < x.length; begin += SEGMENT) {
    let acc = prod ? 1 : -0;
    for (let i = begin; i < Math.min(x.length, begin + SEGMENT); i++) {
      acc = prod ? acc * x[i]! : acc + x[i]!;
      out[i] = prod ? offset * acc : offset + acc;
    }
    offset = prod ? offset * acc : offset + acc;
  }
  return out;
}

function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): string | undefined {
  if (a.length !== b.length) return `length ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i]) && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return `[${i}] ${a[i]} vs ${b[i]}`;
  }
  return undefined;
}

/** Values near 1 (and small integers) keep long products finite and meaningful. */
function productInput(dtype: TestDtype, n: number, shared: boolean): ArrayLike<number> & { length: number } {
  const C = CTORS[dtype];
  const buffer = shared ? new SharedArrayBuffer((n + 2) * C.BYTES_PER_ELEMENT) : new ArrayBuffer((n + 2) * C.BYTES_PER_ELEMENT);
  const a = new C(buffer, 2 * C.BYTES_PER_ELEMENT, n);
  const r = rng(n + 5);
  for (let i = 0; i < n; i++)
    a[i] = dtype.startsWith('float')
      ? 1 + (r() - 0.5) * 1e-3
      : [1, 1, 1, 2, 1, 1, 3, 1][i % 8]! * (dtype.startsWith('int') && i % 13 === 0 ? -1 : 1);
  return a;
}

describe(`scans on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  describe.each(DTYPES)('%s', (dtype) => {
    it.each(SIZES)('n=%i: cumsum and cumprod follow the documented order bit for bit', async (n) => {
      const float32 = dtype === 'float32';
      for (const shared of [false, true]) {
        const a = makeArray(dtype, n, { offset: 3, shared, seed: n + 1 });
        const s = await cp.cumsum(a);
        expect(s).toBeInstanceOf(float32 ? Float32Array : Float64Array);
        expect(s.buffer instanceof SharedArrayBuffer).toBe(shared);
        expect(firstDifference(s, reference(a, false, float32))).toBeUndefined();
        expect(firstDifference(sync.cumsumSync(a), s)).toBeUndefined();
        const p = productInput(dtype, n, shared) as Float64Array;
        const q = await cp.cumprod(p);
        expect(firstDifference(q, reference(p, true, float32))).toBeUndefined();
        expect(firstDifference(sync.cumprodSync(p), q)).toBeUndefined();
      }
    });
  });

  it('stays close to a sequential sum and exact on integers', async () => {
    const a = makeArray('float64', 300_001, { seed: 9 });
    const s = await cp.cumsum(a);
    let run = 0;
    let worst = 0;
    let scale = 0;
    for (let i = 0; i < a.length; i++) {
      run += a[i]!;
      scale += Math.abs(a[i]!);
      worst = Math.max(worst, Math.abs(s[i]! - run) / scale);
    }
    expect(worst).toBeLessThan(1e-12);
    const ints = new Int32Array(100_000).map((_, i) => (i % 7) - 3 + 2_000_000_000 * (i % 2 ? 1 : -1));
    const exact = await cp.cumsum(ints);
    let total = 0n;
    for (let i = 0; i < ints.length; i++) {
      total += BigInt(ints[i]!);
      if (exact[i] !== Number(total)) throw new Error(`cumsum(int32)[${i}] = ${exact[i]}, exact ${total}`);
    }
    expect(Array.from(await cp.cumprod(new Int8Array([2, -3, 4, 0, 5])))).toEqual([2, -6, -24, -0, -0]);
  });

  it('writes into options.out, also in place, and returns it', async () => {
    for (const n of [10, 70_001]) {
      const x = makeArray('float64', n, { seed: 2 }) as Float64Array;
      const expected = await cp.cumsum(x);
      const out = new Float64Array(n);
      expect(await cp.cumsum(x, { out })).toBe(out);
      expect(firstDifference(out, expected)).toBeUndefined();
      const copy = x.slice();
      expect(await cp.cumsum(copy, { out: copy })).toBe(copy);
      expect(firstDifference(copy, expected)).toBeUndefined();
      const f = new Float32Array(n).fill(0.5);
      const fout = new Float32Array(n);
      sync.cumprodSync(f, { out: fout });
      expect(fout[n - 1]).toBe(n > 1000 ? 0 : Math.fround(0.5 ** n));
      const i16 = new Int16Array(n).fill(-2);
      const iout = new Float64Array(n);
      await cp.cumsum(i16, { out: iout });
      expect(iout[n - 1]).toBe(-2 * n);
    }
  });

  it('rejects bad options.out with coded errors, never throwing synchronously', async () => {
    const buffer = new ArrayBuffer(8 * 100);
    const x = new Float64Array(buffer, 0, 50);
    const cases: Array<[unknown, unknown, string, string]> = [
      [x, { out: new Float32Array(50) }, 'TypeError', 'ERR_INVALID_DTYPE'],
      [new Int32Array(50), { out: new Int32Array(50) }, 'TypeError', 'ERR_INVALID_DTYPE'],
      [new Float32Array(50), { out: new Float64Array(50) }, 'TypeError', 'ERR_INVALID_DTYPE'],
      [x, { out: new Float64Array(49) }, 'RangeError', 'ERR_LENGTH_MISMATCH'],
      [x, { out: new Float64Array(buffer, 8, 50) }, 'RangeError', 'ERR_OVERLAP'],
      [x, { out: [] }, 'TypeError', 'ERR_INVALID_ARG_TYPE'],
      [x, { signal: 'no' }, 'TypeError', 'ERR_INVALID_OPTION'],
      [x, 3, 'TypeError', 'ERR_INVALID_ARG_TYPE'],
      ['x', undefined, 'TypeError', 'ERR_INVALID_ARG_TYPE'],
      [new BigInt64Array(3), undefined, 'TypeError', 'ERR_INVALID_DTYPE'],
    ];
    for (const [input, options, name, code] of cases) {
      let promise: Promise<unknown> | undefined;
      expect(() => {
        promise = cp.cumsum(input as Float64Array, options as cp.ScanOptions);
      }).not.toThrow();
      await expect(promise).rejects.toMatchObject({ name, code });
      expect(() => sync.cumprodSync(input as Float64Array, options as cp.ScanOptions)).toThrow(expect.objectContaining({ code }));
    }
    // Disjoint views of one buffer are fine.
    const out = new Float64Array(buffer, 400, 50);
    await expect(cp.cumsum(x, { out })).resolves.toBe(out);
  });

  it.each([false, true])('options.signal cancels with AbortError ABORT_ERR (shared: %s)', async (shared) => {
    const x = makeArray('float64', 4_000_000, { shared, seed: 8 });
    const reason = new Error('enough');
    await expect(cp.cumsum(x, { signal: AbortSignal.abort(reason) })).rejects.toMatchObject({
      name: 'AbortError',
      code: 'ABORT_ERR',
      cause: reason,
    });
    expect(() => sync.cumsumSync(x, { signal: AbortSignal.abort() })).toThrow(expect.objectContaining({ code: 'ABORT_ERR' }));
    for (const name of ['cumsum', 'cumprod'] as const) {
      const controller = new AbortController();
      const pending = cp[name](x, { signal: controller.signal });
      controller.abort(reason);
      await expect(pending).rejects.toMatchObject({ name: 'AbortError', code: 'ABORT_ERR', cause: reason });
    }
    const { signal } = new AbortController();
    expect(firstDifference(await cp.cumsum(x, { signal }), await cp.cumsum(x))).toBeUndefined();
  });
});
