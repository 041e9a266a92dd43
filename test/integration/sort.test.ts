import * as cp from 'corepool';
import * as sync from 'corepool/sync';
import { describe, expect, it } from 'vitest';
import { DTYPES, type TestDtype } from '../helpers/data.js';
import { gatherMismatch, indexMismatch, PATTERNS, refArgsort, sortInput, stablePermMismatch, type Pattern } from '../helpers/sort_ref.js';

// Switch-over points. Fallback: insertion sort up to 24, 8-bit digits below
// 2^16 (11-bit, or one 16-bit pass for 16-bit keys, above), inline up to 32768,
// then worker chunks + merge rounds. Native (native/kernels/sort_thresholds.h):
// insertion up to 32, 8-bit digits below 4096, counting sorts of 8-bit dtypes
// from 64 and of 16-bit ones from 16384, parallel passes from 65536, inline up to 131072.
const SMALL = [0, 1, 2, 3, 7, 23, 24, 25, 32, 33, 63, 64, 65, 100, 1001, 4095, 4096, 4097, 16383, 16384, 16385];
const LARGE = [32768, 32769, 65535, 65536, 65537, 131072, 131073, 200_003];

/** Checks sort, sortSync, argsort and argsortSync of one input against the reference. */
async function checkAll(a: cp.NumericArray, descending: boolean, exact: boolean): Promise<void> {
  const before = a.slice();
  const idx = await cp.argsort(a, { descending });
  expect(idx).toBeInstanceOf(Uint32Array);
  expect(idx.buffer instanceof SharedArrayBuffer).toBe(a.buffer instanceof SharedArrayBuffer);
  if (exact) expect(indexMismatch(idx, refArgsort(a, descending))).toBeUndefined();
  else expect(stablePermMismatch(a, idx, descending)).toBeUndefined();
  expect(indexMismatch(sync.argsortSync(a, { descending }), idx)).toBeUndefined();
  expect(
    gatherMismatch(
      a,
      before,
      Array.from({ length: a.length }, (_, i) => i),
    ),
  ).toBeUndefined(); // a untouched
  const out = await cp.sort(a, { descending, out: new (a.constructor as new (n: number) => cp.NumericArray)(a.length) });
  expect(gatherMismatch(out, a, idx)).toBeUndefined();
  expect(gatherMismatch(sync.sortSync(a, { descending, out: a.slice() }), a, idx)).toBeUndefined();
  const inPlace = a.slice();
  expect(await cp.sort(inPlace, { descending })).toBe(inPlace);
  expect(gatherMismatch(inPlace, a, idx)).toBeUndefined();
}

describe(`sort and argsort on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  describe.each(DTYPES)('%s', (dtype: TestDtype) => {
    it.each(SMALL)('n=%i: every pattern, both directions, ordinary and shared, match the stable reference', async (n) => {
      for (const pattern of PATTERNS) {
        for (const shared of n > 4097 ? [n % 2 === 1] : [false, true]) {
          const a = sortInput(dtype, n, pattern, { offset: 3, shared, seed: n * 7 + 1 });
          await checkAll(a, false, n <= 4097);
          await checkAll(a, true, n <= 4097);
        }
      }
    });

    it.each(LARGE)('n=%i: ties (ascending) and specials or random data (descending) sort stably', async (n) => {
      const patterns: Pattern[] =
        n === 65537 ? ['ties', 'specials', 'sorted', 'reversed', 'equal'] : ['ties', dtype.startsWith('float') ? 'specials' : 'random'];
      for (const [p, pattern] of patterns.entries()) {
        const a = sortInput(dtype, n, pattern, { offset: p % 2 === 0 ? 1 : 0, shared: p % 2 === 1, seed: n + p });
        await checkAll(a, p % 2 === 1, n === 32769 && p === 0);
      }
    });
  });

  it('-0/+0 and NaNs keep input order, payloads and signs bit for bit', async () => {
    const a = new Float64Array([NaN, 0, -0, -Infinity, 0, -0, Infinity, -NaN, 1]);
    const u = new Uint32Array(a.buffer);
    u[1] = 0x7ff80000;
    u[0] = 0xbeef; // payload on the first NaN
    const s = await cp.sort(a.slice());
    expect(Array.from(s, (x) => (Object.is(x, -0) ? '-0' : String(x)))).toEqual([
      '-Infinity',
      '0',
      '-0',
      '0',
      '-0',
      '1',
      'Infinity',
      'NaN',
      'NaN',
    ]);
    expect(new Uint32Array(s.buffer)[14]).toBe(0xbeef);
    const d = await cp.sort(a.slice(), { descending: true });
    expect(Array.from(d, (x) => (Object.is(x, -0) ? '-0' : String(x)))).toEqual([
      'NaN',
      'NaN',
      'Infinity',
      '1',
      '0',
      '-0',
      '0',
      '-0',
      '-Infinity',
    ]);
    expect(new Uint32Array(d.buffer)[0]).toBe(0xbeef);
    expect(Array.from(await cp.argsort(a))).toEqual([3, 1, 2, 4, 5, 8, 6, 0, 7]);
    expect(Array.from(await cp.argsort(a, { descending: true }))).toEqual([0, 7, 6, 8, 1, 2, 4, 5, 3]);
  });

  it('argsort is stable on heavy ties at 1e6 elements (workers/pool)', async () => {
    const a = sortInput('int16', 1_000_000, 'ties', { shared: true, seed: 5 });
    expect(stablePermMismatch(a, await cp.argsort(a))).toBeUndefined();
    const f = sortInput('float64', 1_000_000, 'specials', { seed: 6 });
    expect(stablePermMismatch(f, await cp.argsort(f, { descending: true }), true)).toBeUndefined();
  });

  it.each([false, true])('keeps the event loop free while a 2e6-element sort runs (shared: %s)', async (shared) => {
    const a = sortInput('float64', 2_000_000, 'random', { seed: 9, shared });
    let settled = false;
    let firedFirst: boolean | undefined;
    const pending = cp.sort(a).then(() => void (settled = true));
    setTimeout(() => void (firedFirst = !settled), 0);
    await pending;
    expect(firedFirst).toBe(true);
    expect(
      stablePermMismatch(
        a.subarray(0, 1000),
        Array.from({ length: 1000 }, (_, i) => i),
      ),
    ).toBeUndefined();
  });

  it('sort into out leaves a unchanged; out may be a itself', async () => {
    const a = Int32Array.from([3, -1, 2]);
    const out = new Int32Array(3);
    expect(await cp.sort(a, { out })).toBe(out);
    expect(Array.from(out)).toEqual([-1, 2, 3]);
    expect(Array.from(a)).toEqual([3, -1, 2]);
    expect(await cp.sort(a, { out: a })).toBe(a);
    expect(Array.from(a)).toEqual([-1, 2, 3]);
  });
});
