import * as cp from 'corepool';
import { describe, expect, it } from 'vitest';
import { bigSum, fsum, rng } from '../helpers/data.js';

describe(`summation accuracy on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  it('is closer to the exact sum than a naive running total', async () => {
    const n = 1_000_003;
    const a = new Float64Array(n);
    const r = rng(42);
    for (let i = 0; i < n; i++) a[i] = 0.1 + r() * 1e-3;
    let naive = 0;
    for (let i = 0; i < n; i++) naive += a[i]!;
    const exact = fsum(a);
    const ours = await cp.sum(a);
    expect(Math.abs(ours - exact)).toBeLessThan(Math.abs(naive - exact));
    // Blocked 8-lane + pairwise: error bound ~ (2048 + log2(n/16384)) ulp-scaled.
    expect(Math.abs(ours - exact) / exact).toBeLessThan(1e-12);
  });

  it('survives catastrophic cancellation as well as a compensated reference bound allows', async () => {
    const n = 200_000;
    const a = new Float64Array(n);
    const r = rng(7);
    for (let i = 0; i < n; i += 2) {
      const v = (r() - 0.5) * 1e10;
      a[i] = v;
      a[i + 1] = -v + r();
    }
    const exact = fsum(a);
    const absSum = fsum(a.map(Math.abs));
    const ours = await cp.sum(a);
    expect(Math.abs(ours - exact)).toBeLessThanOrEqual(absSum * 2 ** -52 * 2100);
  });

  it('sums integers exactly while |total| < 2^53, even when subtotals pass it', async () => {
    // Two halves of 2^23 elements of ±(2^31 - 1): each half's subtotal is
    // about ±2^54, so rounding subtotals in doubles would lose the small rest.
    const half = 2 ** 23;
    const a = new Int32Array(2 * half);
    a.fill(2 ** 31 - 1, 0, half);
    a.fill(-(2 ** 31 - 1), half);
    a[0] = 2 ** 31 - 1 - 5;
    a[2 * half - 1] = -(2 ** 31 - 1) + 12;
    expect(await cp.sum(a)).toBe(7);
    const u = new Uint32Array(300_001).fill(4_294_967_295);
    expect(await cp.sum(u)).toBe(bigSum(u));
    expect(await cp.mean(u)).toBe(4_294_967_295);
  });

  it('accumulates float32 in float64', async () => {
    const a = new Float32Array(100_000).fill(0.1);
    expect(await cp.sum(a)).toBeCloseTo(100_000 * Math.fround(0.1), 6);
  });
});
