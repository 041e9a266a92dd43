// vectorize through the expression engine: a translated function gives what
// the JS function gives element by element (bit for bit where it uses only
// IEEE operations, within the engine's ulp bounds for Math.exp/sin), on both
// backends, with numbers broadcast, NDArray operands, `out` and `.sync`.
import { evaluate, NDArray, ndarray, type NumericArray, vectorize } from 'corepool';
import { describe, expect, it } from 'vitest';

const BACKEND = process.env.COREPOOL_BACKEND;

function data(n: number, seed: number, shared = false): Float64Array {
  const a = new Float64Array(shared ? new SharedArrayBuffer(n * 8) : new ArrayBuffer(n * 8));
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    a[i] = (s / 2 ** 32 - 0.5) * 10;
  }
  return a;
}

/** The JS function applied element by element. */
function loop(fn: (...v: number[]) => number, ...arrays: Float64Array[]): Float64Array {
  const out = new Float64Array(arrays[0]!.length);
  for (let i = 0; i < out.length; i++) out[i] = fn(...arrays.map((a) => a[i]!));
  return out;
}

const view = new DataView(new ArrayBuffer(8));
function ulps(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  if (a === b) return 0;
  view.setFloat64(0, a);
  const ia = view.getBigInt64(0);
  view.setFloat64(0, b);
  return Math.abs(Number(ia - view.getBigInt64(0)));
}

describe(`vectorize runs as one fused expression (${BACKEND})`, () => {
  it.each([
    ['hypot by hand', (x: number, y: number) => Math.sqrt(x * x + y * y)],
    [
      'branches',
      (x: number, y: number) => {
        if (x > y) return x - y;
        const d = y - x;
        return d * d;
      },
    ],
    [
      'locals and ternaries',
      (x: number, y: number) => {
        const m = x > 0 ? x : -x;
        let t = m * 2;
        t += y;
        return t < 1 ? 1 : t / 3;
      },
    ],
    ['Math.min/max/abs/floor', (x: number, y: number) => Math.max(Math.abs(x), Math.floor(y)) - Math.min(x, y, 0.5)],
  ] as const)('%s: bit for bit the JS function', async (_, fn) => {
    const f = vectorize(fn);
    expect(f.engine).toBe('expression');
    for (const n of [1, 1000, 16385, 70000]) {
      const x = data(n, 1, n === 70000);
      const y = data(n, 2, n === 70000);
      const want = loop(fn, x, y);
      const got = (await f(x, y)) as Float64Array;
      expect(got).toBeInstanceOf(Float64Array);
      expect(Buffer.from(got.buffer).equals(Buffer.from(want.buffer)), `n=${n}`).toBe(true);
      expect(Buffer.from((f.sync(x, y) as Float64Array).buffer).equals(Buffer.from(want.buffer))).toBe(true);
    }
  });

  it('Math.exp/sin-heavy functions stay within 2 ulp of V8 Math (native polynomials; the fallback is V8 Math itself)', async () => {
    const fn = (x: number, y: number): number => Math.exp(-0.5 * x * x) * Math.sin(3 * y) + Math.cos(x * y);
    const f = vectorize(fn);
    const x = data(50000, 3);
    const y = data(50000, 4);
    const got = (await f(x, y)) as Float64Array;
    const want = loop(fn, x, y);
    let worst = 0;
    // Cancellation in the sum can magnify an ulp in its terms, so compare the terms' scale.
    for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!) / (Math.abs(want[i]!) + 2 ** -40));
    expect(worst).toBeLessThan(1e-12);
    if (BACKEND === 'fallback') expect(want.every((v, i) => ulps(v, got[i]!) === 0)).toBe(true);
  });

  it('is the expression it translates to: the same bits as evaluate', async () => {
    const f = vectorize((a: number, b: number, c: number) => 2 * a + 3 * b * c);
    const a = data(20000, 5);
    const b = data(20000, 6);
    const c = data(20000, 7);
    const viaString = (await evaluate('2*a + 3*b*c', { a, b, c })) as Float64Array;
    expect(Buffer.from(((await f(a, b, c)) as Float64Array).buffer).equals(Buffer.from(viaString.buffer))).toBe(true);
  });

  it('broadcasts numbers and NDArrays, and writes out', async () => {
    const f = vectorize((x: number, s: number) => x * s + 1);
    const x = new Float64Array([1, 2, 3]);
    expect([...((await f(x, 2)) as Float64Array)]).toEqual([3, 5, 7]);
    const m = ndarray([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const r = (await f(m, ndarray([[10], [100]]))) as NDArray;
    expect(r).toBeInstanceOf(NDArray);
    expect(r.toArray()).toEqual([
      [11, 21, 31],
      [401, 501, 601],
    ]);
    const out = new Float64Array(3);
    expect(await f(x, 3, { out })).toBe(out);
    expect([...out]).toEqual([4, 7, 10]);
    const f32 = (await f(new Float32Array([1.5, 2.5]), 2)) as NumericArray;
    expect(f32).toBeInstanceOf(Float32Array);
  });

  it('rejects (never throws) bad operands, with coded errors', async () => {
    const f = vectorize((x: number, y: number) => x + y);
    await expect(f(new Float64Array(3), new Float64Array(4))).rejects.toMatchObject({ code: 'ERR_SHAPE_MISMATCH' });
    await expect(f(new Float64Array(3))).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE' });
    await expect(f(new Float64Array(3), 'x' as unknown as number)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE' });
    expect(() => f.sync(new Float64Array(3), new Float64Array(4))).toThrow(
      expect.objectContaining({ code: 'ERR_SHAPE_MISMATCH' }) as unknown as Error,
    );
  });
});
