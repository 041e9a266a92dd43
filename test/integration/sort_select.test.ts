import * as cp from 'corepool';
import * as sync from 'corepool/sync';
import { describe, expect, it } from 'vitest';
import { DTYPES, type TestDtype } from '../helpers/data.js';
import {
  before as sortsBefore,
  bitsAt,
  gatherMismatch,
  indexMismatch,
  refArgsort,
  sameKey,
  sortInput,
  type Pattern,
} from '../helpers/sort_ref.js';

// Around the fallback's inline limit (32768) and native's (131072).
const SIZES = [1, 2, 3, 24, 25, 1001, 32768, 32769, 131073];
const LARGE_PATTERNS: Pattern[] = ['random', 'ties'];
const PATTERNS: Pattern[] = ['random', 'specials', 'ties', 'equal'];

/** The contract's partition: [< p][== p][> p], each part in input order. */
function refPartition(a: cp.NumericArray, order: readonly number[], k: number): number[] {
  const p = a[order[k]!]!;
  const idx = Array.from({ length: a.length }, (_, i) => i);
  const part = (i: number): number => (sameKey(a[i]!, p) ? 1 : sortsBefore(a[i]!, p) ? 0 : 2);
  return [0, 1, 2].flatMap((side) => idx.filter((i) => part(i) === side));
}

describe(`partition, topk, searchsorted and unique on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  describe.each(DTYPES)('%s', (dtype: TestDtype) => {
    it.each(SIZES)('n=%i: partition and topk (k at the ends and middle) match the reference', async (n) => {
      for (const [p, pattern] of (n > 100_000 ? LARGE_PATTERNS : PATTERNS).entries()) {
        const a = sortInput(dtype, n, pattern, { offset: p % 2, shared: p % 2 === 1, seed: n + 11 * p });
        const order = refArgsort(a);
        const desc = refArgsort(a, true);
        const ks = n > 100_000 ? [0, n >> 1, n - 1] : [0, 1, n >> 1, n - 2, n - 1];
        for (const k of [...new Set(ks)].filter((k) => k >= 0 && k < n)) {
          const part = await cp.partition(a, k);
          const want = refPartition(a, order, k);
          expect(indexMismatch(part.indices, want)).toBeUndefined();
          expect(gatherMismatch(part.values, a, want)).toBeUndefined();
          expect(bitsAt(part.values, k) === bitsAt(a, order[k]!) || sameKey(part.values[k]!, a[order[k]!]!)).toBe(true);
          expect(indexMismatch(sync.partitionSync(a, k).indices, want)).toBeUndefined();
        }
        const tops = n > 100_000 ? [5, n >> 1, n] : [0, 1, 5, n >> 1, n - 1, n];
        for (const k of [...new Set(tops)].filter((k) => k <= n)) {
          for (const largest of [true, false]) {
            const top = await cp.topk(a, k, { largest });
            const want = (largest ? desc : order).slice(0, k);
            expect(indexMismatch(top.indices, want)).toBeUndefined();
            expect(gatherMismatch(top.values, a, want)).toBeUndefined();
            expect(indexMismatch(sync.topkSync(a, k, { largest }).indices, want)).toBeUndefined();
          }
        }
      }
    });

    it.each([0, 1, 7, 1001, 40_000, 140_001])('n=%i: searchsorted both sides, unique with counts', async (n) => {
      const raw = sortInput(dtype, n, n % 2 ? 'specials' : 'ties', { seed: n + 3, shared: n > 1000 });
      const sorted = await cp.sort(raw.slice());
      const values = sortInput(dtype, Math.max(n, 50), 'specials', { seed: n + 4, offset: 1 });
      for (const side of ['left', 'right'] as const) {
        const got = await cp.searchsorted(sorted, values, { side });
        expect(got).toBeInstanceOf(Uint32Array);
        // A linear scan as the reference, on a sample of the values when large.
        for (let i = 0; i < values.length; i += values.length > 1000 ? 1999 : 1) {
          const v = values[i]!;
          let want = 0;
          while (want < n && (side === 'left' ? sortsBefore(sorted[want]!, v) : !sortsBefore(v, sorted[want]!))) want++;
          if (got[i] !== want) expect(`${side} ${v}: ${got[i]}`).toBe(`${side} ${v}: ${want}`);
        }
        expect(indexMismatch(sync.searchsortedSync(sorted, values, { side }), got)).toBeUndefined();
        expect(await cp.searchsorted(sorted, values[0]!, { side })).toBe(got[0]);
      }
      const u = await cp.unique(raw, { counts: true });
      const order = refArgsort(raw);
      const firsts = order.filter((i, r) => r === 0 || !sameKey(raw[order[r - 1]!]!, raw[i]!));
      expect(gatherMismatch(u.values, raw, firsts)).toBeUndefined();
      expect(Array.from(u.counts).reduce((s, c) => s + c, 0)).toBe(n);
      // Every count is a run length of equal keys in the reference order: one pass, where
      // counting each value over the whole input blocked the test worker for seconds.
      const runs: number[] = [];
      order.forEach((i, r) => {
        if (r === 0 || !sameKey(raw[order[r - 1]!]!, raw[i]!)) runs.push(1);
        else runs[runs.length - 1]!++;
      });
      expect(indexMismatch(u.counts, runs)).toBeUndefined();
      expect(gatherMismatch(sync.uniqueSync(raw), raw, firsts)).toBeUndefined();
      expect(gatherMismatch(await cp.unique(raw), raw, firsts)).toBeUndefined();
    });
  });

  it('topk and partition ties: lower input index first; NaN is the largest', async () => {
    const a = Float64Array.from([2, NaN, 5, 5, -0, 0, NaN, 1]);
    const top = await cp.topk(a, 4);
    expect(Array.from(top.indices)).toEqual([1, 6, 2, 3]);
    const low = await cp.topk(a, 3, { largest: false });
    expect(Array.from(low.indices)).toEqual([4, 5, 7]);
    expect(Object.is(low.values[0], -0)).toBe(true);
    const part = await cp.partition(a, 1);
    expect(Array.from(part.indices)).toEqual([4, 5, 0, 1, 2, 3, 6, 7]); // p = 0: [] [-0, 0] [the rest in input order]
  });

  it('searchsorted: NaN values, scalars and mixed dtypes compare exactly', async () => {
    const sorted = Float64Array.from([-Infinity, -1, -0, 0, 0.5, 3, Infinity, NaN, NaN]);
    expect(Array.from(await cp.searchsorted(sorted, Float64Array.from([NaN, 0, -0, 3]), { side: 'left' }))).toEqual([7, 2, 2, 5]);
    expect(Array.from(await cp.searchsorted(sorted, Float64Array.from([NaN, 0, -0, 3]), { side: 'right' }))).toEqual([9, 4, 4, 6]);
    expect(await cp.searchsorted(sorted, NaN)).toBe(7);
    expect(await cp.searchsorted(sorted, 0.25, { side: 'right' })).toBe(4);
    const ints = Int32Array.from([-5, 0, 3, 3, 2 ** 31 - 1]);
    expect(Array.from(await cp.searchsorted(ints, Float32Array.from([3, 2.5, 2 ** 31]), { side: 'right' }))).toEqual([4, 2, 5]);
    expect(Array.from(await cp.searchsorted(ints, Uint32Array.from([3, 2 ** 32 - 1])))).toEqual([2, 5]);
    expect(Array.from(await cp.searchsorted(Uint8Array.from([1, 2, 200]), Int8Array.from([-1, 2, 127])))).toEqual([0, 1, 2]);
    expect(await cp.searchsorted(Float32Array.from([0.1]), 0.1)).toBe(0); // float32(0.1) > 0.1: no rounding to float32
  });
});
