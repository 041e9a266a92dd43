import * as cp from 'corepool';
import * as sync from 'corepool/sync';
import { describe, expect, it } from 'vitest';
import { firstDifference, floats, gemmReference, outsideTolerance, type Floats, type GemmCase } from '../helpers/linalg_ref.js';

// Sizes straddle the fallback's 4x4 micro-tile and its MC = 64 / KC = NC = 256
// blocking, and the native blocking edges alike (every kernel must be exact in shape).
const SMALL = [0, 1, 2, 3, 5, 17];
const TRANS: Array<[boolean, boolean]> = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];

interface RunOptions {
  alpha?: number;
  beta?: number;
  offset?: number;
  shared?: boolean;
  seed?: number;
}

function makeCase(
  float32: boolean,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
  o: RunOptions = {},
): GemmCase & { out: Floats } {
  const { alpha = 1, beta = 0, offset = 0, shared = false, seed = m * 10007 + k * 101 + n } = o;
  const a = floats(float32, m * k, seed, { offset, shared });
  const b = floats(float32, k * n, seed + 1, { offset: offset + 1, shared });
  const c0 = floats(float32, m * n, seed + 2, { offset: 2, shared });
  const out = floats(float32, m * n, seed + 2, { offset: 2, shared });
  return { a, b, m, k, n, transA, transB, alpha, beta, c0, out };
}

/** Runs matmul (async and sync) on case `g` and checks both against the reference. */
async function checkMatmul(g: GemmCase & { out: Floats }): Promise<void> {
  const opts = { m: g.m, k: g.k, n: g.n, transA: g.transA, transB: g.transB, alpha: g.alpha, beta: g.beta };
  const label = `${g.a.constructor.name} m=${g.m} k=${g.k} n=${g.n} tA=${g.transA} tB=${g.transB} alpha=${g.alpha} beta=${g.beta}`;
  const { ref, tol } = await gemmReference(g);
  const out = g.out.slice();
  const viaOut = g.beta === 0 ? await cp.matmul(g.a, g.b, opts) : await cp.matmul(g.a, g.b, { ...opts, out: g.out });
  expect(viaOut, label).toBeInstanceOf(g.a.constructor);
  expect(outsideTolerance(viaOut, ref, tol), label).toBeUndefined();
  const blocking = sync.matmulSync(g.a, g.b, { ...opts, out });
  expect(blocking).toBe(out);
  // Same backend, same order: the blocking form gives the same bits.
  expect(firstDifference(blocking, viaOut), label).toBeUndefined();
}

describe(`matmul on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  it.each([false, true])('float32=%s: every m, k, n in {0,1,2,3,5,17} with every transA/transB', async (float32) => {
    for (const m of SMALL)
      for (const k of SMALL)
        for (const n of SMALL) {
          for (const [tA, tB] of TRANS) await checkMatmul(makeCase(float32, m, k, n, tA, tB));
        }
  });

  it.each([false, true])('float32=%s: shapes across the blocking sizes, thin shapes, offsets and SharedArrayBuffer', async (float32) => {
    const shapes = [
      [67, 260, 70],
      [65, 257, 259],
      [1, 300, 513],
      [513, 300, 1],
      [130, 1, 130],
      [4, 600, 9],
      [200, 3, 150],
    ] as const;
    for (const [m, k, n] of shapes) {
      for (const [tA, tB] of TRANS) await checkMatmul(makeCase(float32, m, k, n, tA, tB, { offset: 3, shared: (m + n) % 2 === 0 }));
    }
  });

  it.each([false, true])('float32=%s: large enough for the parallel paths (ordinary and shared memory)', async (float32) => {
    for (const shared of [false, true]) {
      await checkMatmul(makeCase(float32, 203, 190, 211, false, false, { shared, offset: 1 }));
      await checkMatmul(makeCase(float32, 9, 301, 700, true, true, { shared }));
    }
  });

  it('alpha and beta, with beta == 0 ignoring NaN and Infinity in C', async () => {
    for (const float32 of [false, true]) {
      for (const [alpha, beta] of [
        [2, 0],
        [-0.5, 1],
        [1.5, -2],
        [0, 3],
        [0, 1],
        [0, 0],
        [1, 0.25],
      ] as const) {
        for (const [m, k, n] of [
          [3, 5, 2],
          [70, 33, 66],
          [150, 100, 90],
        ] as const)
          await checkMatmul(makeCase(float32, m, k, n, false, true, { alpha, beta }));
      }
      const a = floats(float32, 6 * 7, 1);
      const b = floats(float32, 7 * 5, 2);
      const out = (float32 ? new Float32Array(30) : new Float64Array(30)).fill(NaN);
      out[3] = Infinity;
      const c = await cp.matmul(a, b, { m: 6, out });
      expect(c.some(Number.isNaN)).toBe(false);
      expect(c.some((v) => !Number.isFinite(v))).toBe(false);
    }
  });

  it('alpha == 0 and k == 0 do not read A and B; beta scales C (and leaves it when 1)', async () => {
    const a = new Float64Array([NaN, 1, 2, Infinity]);
    const b = new Float64Array([NaN, NaN, 1, 1]);
    const out = new Float64Array([1, 2, 3, 4]);
    expect(Array.from(await cp.matmul(a, b, { m: 2, alpha: 0, beta: 2, out }))).toEqual([2, 4, 6, 8]);
    expect(Array.from(await cp.matmul(new Float64Array(0), new Float64Array(0), { m: 2, k: 0, n: 2, beta: 0.5, out }))).toEqual([
      1, 2, 3, 4,
    ]);
    expect(Array.from(sync.matmulSync(new Float64Array(0), new Float64Array(0), { m: 2, k: 0, n: 2, out }))).toEqual([0, 0, 0, 0]);
    expect(Array.from(await cp.matmul(new Float64Array(0), new Float64Array(0), { m: 2, k: 0, n: 2 }))).toEqual([0, 0, 0, 0]);
    expect((await cp.matmul(new Float32Array(0), new Float32Array(6), { m: 0, k: 2 })).length).toBe(0);
  });

  it('integer-valued inputs give exact results for every transpose flag', async () => {
    const a = new Float64Array([1, 2, 3, 4, 5, 6]); // 2 x 3
    const b = new Float64Array([7, 8, 9, 10, 11, 12]); // 3 x 2
    expect(Array.from(await cp.matmul(a, b, { m: 2 }))).toEqual([58, 64, 139, 154]);
    // A stored 2 x 3 read as A^T (3 x 2), B stored 3 x 2 read as B^T (2 x 3): a 3 x 3 result.
    expect(Array.from(await cp.matmul(a, b, { m: 3, k: 2, transA: true, transB: true }))).toEqual([39, 49, 59, 54, 68, 82, 69, 87, 105]);
    expect(Array.from(await cp.matmul(a, a, { m: 2, k: 3, transB: true }))).toEqual([14, 32, 32, 77]);
    expect(Array.from(await cp.matmul(a, a, { m: 3, k: 2, transA: true }))).toEqual([17, 22, 27, 22, 29, 36, 27, 36, 45]);
  });

  it('returns a new SharedArrayBuffer-backed C when a is shared, and fills `out` otherwise', async () => {
    const a = floats(false, 12, 5, { shared: true });
    const b = floats(false, 12, 6);
    const c = await cp.matmul(a, b, { m: 3 });
    expect(c.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(c.length).toBe(9);
    const plain = await cp.matmul(b, a, { m: 3 });
    expect(plain.buffer).toBeInstanceOf(ArrayBuffer);
  });
});

describe(`dot with shapes on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  it('is the matrix product (numpy.dot of 2-D arrays); the vector form is unchanged', async () => {
    const a = new Float64Array([1, 2, 3, 4, 5, 6]);
    const b = new Float64Array([7, 8, 9, 10, 11, 12]);
    expect(Array.from(await cp.dot(a, b, { m: 2, k: 3, n: 2 }))).toEqual([58, 64, 139, 154]);
    expect(Array.from(await cp.dot(a, b, { k: 3 }))).toEqual([58, 64, 139, 154]);
    expect(Array.from(sync.dotSync(a, b, { n: 2 }))).toEqual([58, 64, 139, 154]);
    expect(await cp.dot(a, b)).toBe(217);
    expect(sync.dotSync(a, b)).toBe(217);
    expect(await cp.dot(a, b, {})).toBe(217);
    const g = makeCase(true, 40, 70, 30, false, false);
    const { ref, tol } = await gemmReference(g);
    expect(outsideTolerance(await cp.dot(g.a, g.b, { m: 40, k: 70, n: 30 }), ref, tol)).toBeUndefined();
    await expect(cp.dot(a, new Float64Array(4), { m: 2 })).rejects.toMatchObject({ code: 'ERR_LENGTH_MISMATCH' });
    await expect(cp.dot(new Int32Array(4) as never, new Int32Array(4) as never, { m: 2 })).rejects.toMatchObject({
      code: 'ERR_INVALID_DTYPE',
    });
  });
});
