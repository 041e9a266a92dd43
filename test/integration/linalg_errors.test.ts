import * as cp from 'corepool';
import * as sync from 'corepool/sync';
import { describe, expect, it } from 'vitest';

const f64 = (n: number): Float64Array => new Float64Array(n).fill(1);
const f32 = (n: number): Float32Array => new Float32Array(n).fill(1);

type Call = [label: string, run: () => Promise<unknown>, runSync: () => unknown, name: string, code: string];

// Each bad call must reject (never throw) with the coded error, and its blocking twin throw the same.
const CASES: Call[] = [
  [
    'int array',
    () => cp.matmul(new Int32Array(4) as never, f64(4), { m: 2 }),
    () => sync.matmulSync(new Int32Array(4) as never, f64(4), { m: 2 }),
    'TypeError',
    'ERR_INVALID_DTYPE',
  ],
  [
    'not an array',
    () => cp.matmul([1, 2] as never, f64(4), { m: 2 }),
    () => sync.matmulSync([1, 2] as never, f64(4), { m: 2 }),
    'TypeError',
    'ERR_INVALID_ARG_TYPE',
  ],
  [
    'mixed dtypes',
    () => cp.matmul(f64(4), f32(4) as never, { m: 2 }),
    () => sync.matmulSync(f64(4), f32(4) as never, { m: 2 }),
    'TypeError',
    'ERR_INVALID_DTYPE',
  ],
  [
    'out dtype',
    () => cp.matmul(f64(4), f64(4), { m: 2, out: f32(4) as never }),
    () => sync.matmulSync(f64(4), f64(4), { m: 2, out: f32(4) as never }),
    'TypeError',
    'ERR_INVALID_DTYPE',
  ],
  ['no sizes', () => cp.matmul(f64(4), f64(4), {}), () => sync.matmulSync(f64(4), f64(4), {}), 'TypeError', 'ERR_INVALID_OPTION'],
  [
    'options not an object',
    () => cp.matmul(f64(4), f64(4), 3 as never),
    () => sync.matmulSync(f64(4), f64(4), 3 as never),
    'TypeError',
    'ERR_INVALID_ARG_TYPE',
  ],
  [
    'size not a number',
    () => cp.matmul(f64(4), f64(4), { m: '2' as never }),
    () => sync.matmulSync(f64(4), f64(4), { m: '2' as never }),
    'TypeError',
    'ERR_INVALID_OPTION',
  ],
  [
    'non-integer m',
    () => cp.matmul(f64(4), f64(4), { m: 1.5 }),
    () => sync.matmulSync(f64(4), f64(4), { m: 1.5 }),
    'RangeError',
    'ERR_OUT_OF_RANGE',
  ],
  [
    'negative k',
    () => cp.matmul(f64(4), f64(4), { k: -2 }),
    () => sync.matmulSync(f64(4), f64(4), { k: -2 }),
    'RangeError',
    'ERR_OUT_OF_RANGE',
  ],
  [
    'infinite n',
    () => cp.matmul(f64(4), f64(4), { n: Infinity }),
    () => sync.matmulSync(f64(4), f64(4), { n: Infinity }),
    'RangeError',
    'ERR_OUT_OF_RANGE',
  ],
  [
    'NaN m',
    () => cp.matmul(f64(4), f64(4), { m: NaN }),
    () => sync.matmulSync(f64(4), f64(4), { m: NaN }),
    'RangeError',
    'ERR_OUT_OF_RANGE',
  ],
  [
    'a not m*k',
    () => cp.matmul(f64(5), f64(4), { m: 2, k: 2, n: 2 }),
    () => sync.matmulSync(f64(5), f64(4), { m: 2, k: 2, n: 2 }),
    'RangeError',
    'ERR_LENGTH_MISMATCH',
  ],
  [
    'b not k*n',
    () => cp.matmul(f64(4), f64(6), { m: 2, n: 2 }),
    () => sync.matmulSync(f64(4), f64(6), { m: 2, n: 2 }),
    'RangeError',
    'ERR_LENGTH_MISMATCH',
  ],
  [
    'a not divisible by m',
    () => cp.matmul(f64(5), f64(4), { m: 2 }),
    () => sync.matmulSync(f64(5), f64(4), { m: 2 }),
    'RangeError',
    'ERR_LENGTH_MISMATCH',
  ],
  [
    'out not m*n',
    () => cp.matmul(f64(4), f64(4), { m: 2, out: f64(3) }),
    () => sync.matmulSync(f64(4), f64(4), { m: 2, out: f64(3) }),
    'RangeError',
    'ERR_LENGTH_MISMATCH',
  ],
  [
    'k unknown with m = 0',
    () => cp.matmul(f64(0), f64(4), { m: 0 }),
    () => sync.matmulSync(f64(0), f64(4), { m: 0 }),
    'TypeError',
    'ERR_INVALID_OPTION',
  ],
  [
    'result too large',
    () => cp.matmul(f64(0), f64(0), { m: 2 ** 40, k: 0, n: 2 ** 40 }),
    () => sync.matmulSync(f64(0), f64(0), { m: 2 ** 40, k: 0, n: 2 ** 40 }),
    'RangeError',
    'ERR_OUT_OF_RANGE',
  ],
  [
    'beta without out',
    () => cp.matmul(f64(4), f64(4), { m: 2, beta: 1 }),
    () => sync.matmulSync(f64(4), f64(4), { m: 2, beta: 1 }),
    'RangeError',
    'ERR_INVALID_OPTION',
  ],
  [
    'alpha not a number',
    () => cp.matmul(f64(4), f64(4), { m: 2, alpha: '2' as never }),
    () => sync.matmulSync(f64(4), f64(4), { m: 2, alpha: '2' as never }),
    'TypeError',
    'ERR_INVALID_OPTION',
  ],
  [
    'transA not a boolean',
    () => cp.matmul(f64(4), f64(4), { m: 2, transA: 1 as never }),
    () => sync.matmulSync(f64(4), f64(4), { m: 2, transA: 1 as never }),
    'TypeError',
    'ERR_INVALID_OPTION',
  ],
  [
    'bad signal',
    () => cp.matmul(f64(4), f64(4), { m: 2, signal: {} as never }),
    () => sync.matmulSync(f64(4), f64(4), { m: 2, signal: {} as never }),
    'TypeError',
    'ERR_INVALID_OPTION',
  ],
  [
    'matvec x length',
    () => cp.matvec(f64(6), f64(4), { m: 2 }),
    () => sync.matvecSync(f64(6), f64(4), { m: 2 }),
    'RangeError',
    'ERR_LENGTH_MISMATCH',
  ],
  ['matvec a not m*n', () => cp.matvec(f64(7), f64(3)), () => sync.matvecSync(f64(7), f64(3)), 'RangeError', 'ERR_LENGTH_MISMATCH'],
  [
    'matvec mixed dtypes',
    () => cp.matvec(f64(6), f32(3) as never),
    () => sync.matvecSync(f64(6), f32(3) as never),
    'TypeError',
    'ERR_INVALID_DTYPE',
  ],
  [
    'matvec out length',
    () => cp.matvec(f64(6), f64(3), { out: f64(3) }),
    () => sync.matvecSync(f64(6), f64(3), { out: f64(3) }),
    'RangeError',
    'ERR_LENGTH_MISMATCH',
  ],
  ['transpose no shape', () => cp.transpose(f64(6), {}), () => sync.transposeSync(f64(6), {}), 'TypeError', 'ERR_INVALID_OPTION'],
  [
    'transpose bad rows',
    () => cp.transpose(f64(6), { rows: 4 }),
    () => sync.transposeSync(f64(6), { rows: 4 }),
    'RangeError',
    'ERR_LENGTH_MISMATCH',
  ],
  [
    'transpose non-integer',
    () => cp.transpose(f64(6), { rows: 2.5 }),
    () => sync.transposeSync(f64(6), { rows: 2.5 }),
    'RangeError',
    'ERR_OUT_OF_RANGE',
  ],
  ['outer dtype', () => cp.outer(f64(2), f32(2) as never), () => sync.outerSync(f64(2), f32(2) as never), 'TypeError', 'ERR_INVALID_DTYPE'],
  [
    'outer out length',
    () => cp.outer(f64(2), f64(3), { out: f64(5) }),
    () => sync.outerSync(f64(2), f64(3), { out: f64(5) }),
    'RangeError',
    'ERR_LENGTH_MISMATCH',
  ],
];

describe(`linear algebra argument errors on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  it.each(CASES)('%s: rejects (never throws) and the sync twin throws', async (_label, run, runSync, name, code) => {
    let promise: Promise<unknown> | undefined;
    expect(() => (promise = run())).not.toThrow();
    await expect(promise).rejects.toMatchObject({ name, code });
    expect(runSync).toThrow(expect.objectContaining({ name, code }));
  });

  it('names the argument in the message', async () => {
    await expect(cp.matmul(f64(5), f64(4), { m: 2, k: 2 })).rejects.toThrow(/^a must/);
    await expect(cp.matmul(f64(4), f64(5), { m: 2, k: 2 })).rejects.toThrow(/^b must/);
    await expect(cp.matmul(f64(4), f64(4), { m: -1 })).rejects.toThrow(/^options\.m must/);
    await expect(cp.matmul(f64(4), f64(4), { k: 0.5 })).rejects.toThrow(/^options\.k must/);
    await expect(cp.matmul(f64(4), f64(4), { n: -1 })).rejects.toThrow(/^options\.n must/);
    await expect(cp.matmul(f64(4), f64(4), { m: 2, out: f64(5) })).rejects.toThrow(/^options\.out must/);
  });

  it('refuses out overlapping an input (ERR_OVERLAP), except transpose in place', async () => {
    const buffer = new ArrayBuffer(8 * 12);
    const a = new Float64Array(buffer, 0, 4);
    const b = new Float64Array(buffer, 32, 4);
    const overlapping = new Float64Array(buffer, 48, 4);
    await expect(cp.matmul(a, b, { m: 2, out: overlapping })).rejects.toMatchObject({ name: 'RangeError', code: 'ERR_OVERLAP' });
    await expect(cp.matmul(a, b, { m: 2, out: a })).rejects.toMatchObject({ code: 'ERR_OVERLAP' });
    expect(() => sync.matvecSync(a, new Float64Array(buffer, 8, 2), { out: new Float64Array(buffer, 0, 2) })).toThrow(
      expect.objectContaining({ code: 'ERR_OVERLAP' }),
    );
    await expect(
      cp.outer(new Float64Array(buffer, 0, 2), new Float64Array(buffer, 64, 2), { out: new Float64Array(buffer, 56, 4) }),
    ).rejects.toMatchObject({ code: 'ERR_OVERLAP' });
    await expect(cp.transpose(a, { rows: 2, out: new Float64Array(buffer, 8, 4) })).rejects.toMatchObject({ code: 'ERR_OVERLAP' });
    // The same elements through another view is in place.
    const same = new Float64Array(buffer, 0, 4);
    a.set([1, 2, 3, 4]);
    expect(Array.from(await cp.transpose(a, { rows: 2, out: same }))).toEqual([1, 3, 2, 4]);
    // Disjoint parts of one buffer are fine.
    const out = new Float64Array(buffer, 64, 4);
    b.set([1, 0, 0, 1]);
    expect(Array.from(await cp.matmul(a, b, { m: 2, out }))).toEqual([1, 3, 2, 4]);
  });

  it('rejects detached buffers', async () => {
    const a = new Float64Array(4);
    structuredClone(a.buffer, { transfer: [a.buffer] });
    await expect(cp.matmul(a, f64(4), { m: 2 })).rejects.toMatchObject({ code: 'ERR_DETACHED_BUFFER' });
    expect(() => sync.outerSync(f64(2), a)).toThrow(expect.objectContaining({ code: 'ERR_DETACHED_BUFFER' }));
  });

  it('an aborted signal rejects with AbortError, before and during a large call', async () => {
    const before = new AbortController();
    before.abort();
    await expect(cp.matmul(f64(4), f64(4), { m: 2, signal: before.signal })).rejects.toMatchObject({
      name: 'AbortError',
      code: 'ABORT_ERR',
    });
    expect(() => sync.transposeSync(f64(4), { rows: 2, signal: before.signal })).toThrow(expect.objectContaining({ name: 'AbortError' }));
    const n = 600;
    const big = new Float64Array(new SharedArrayBuffer(n * n * 8)).fill(0.5);
    const during = new AbortController();
    const call = cp.matmul(big, big, { k: n, signal: during.signal });
    // Aborted after the call has started but before it can settle: a timer
    // here raced a fast native GEMM (600^3 takes ~3 ms) and sometimes lost.
    during.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
  });
});
