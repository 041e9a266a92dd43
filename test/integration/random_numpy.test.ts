/**
 * corepool's random kernels against numpy's Generator: the streams differ,
 * so the comparison is distributional (two-sample Kolmogorov–Smirnov and a
 * chi-square homogeneity test, thresholds at a false-failure probability of
 * about 1e-9, fixed seeds on both sides), plus integers()' bound semantics
 * value for value.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { random } from 'corepool';
import { describe, expect, it } from 'vitest';
import { fixture, run } from '../helpers/child.js';
import { hasNumpy } from '../helpers/numpy_cases.js';

const N = 200_000;
const KS_LIMIT = 3.27; // P(√(nm/(n+m))·D > 3.27) ≈ 2·exp(−2·3.27²) ≈ 1e-9

const BOUND_CASES = [
  { low: 0, high: 10, endpoint: false, dtype: 'int32' },
  { low: -3, high: 3, endpoint: true, dtype: 'int8' },
  { low: 250, high: 256, endpoint: false, dtype: 'uint8' },
  { low: 65_530, high: 65_535, endpoint: true, dtype: 'uint16' },
  { low: -32_768, high: -32_760, endpoint: false, dtype: 'int16' },
  { low: 4_294_967_290, high: 4_294_967_295, endpoint: true, dtype: 'uint32' },
] as const;

/** Two-sample KS distance, scaled by √(nm/(n+m)). */
function ksTwoSample(a: Float64Array, b: Float64Array): number {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < x.length && x[i] === v) i++;
    while (j < y.length && y[j] === v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d * Math.sqrt((x.length * y.length) / (x.length + y.length));
}

describe.skipIf(!hasNumpy)(`random against numpy on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'corepool-rng-'));
  let numpy: { normal: Float64Array; uniform: Float64Array; integers: Int32Array; bounds: Array<[number, number, string]> };

  it('numpy produced its samples', async () => {
    writeFileSync(join(dir, 'cases.json'), JSON.stringify(BOUND_CASES));
    const result = await run('python3', [fixture('random_numpy.py'), dir, String(N)]);
    expect(result.stderr).toBe('');
    const read = (file: string): Buffer => readFileSync(join(dir, file));
    const f64 = (file: string): Float64Array => {
      const b = read(file);
      return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
    };
    const ints = read('integers.bin');
    numpy = {
      normal: f64('normal.bin'),
      uniform: f64('uniform.bin'),
      integers: new Int32Array(ints.buffer, ints.byteOffset, ints.byteLength / 4),
      bounds: JSON.parse(read('bounds.json').toString()) as Array<[number, number, string]>,
    };
    rmSync(dir, { recursive: true, force: true });
    expect(numpy.normal.length).toBe(N);
  });

  it('normal has the distribution of numpy standard_normal (two-sample KS)', async () => {
    expect(ksTwoSample(await random.normal(N, { seed: 1 }), numpy.normal)).toBeLessThan(KS_LIMIT);
  });

  it('uniform has the distribution of numpy random (two-sample KS)', async () => {
    expect(ksTwoSample(await random.uniform(N, { seed: 1 }), numpy.uniform)).toBeLessThan(KS_LIMIT);
  });

  it('integers(0, 10) has the distribution of numpy integers(0, 10) (chi-square homogeneity)', async () => {
    const ours = await random.integers(N, { seed: 1, high: 10 });
    const a = new Float64Array(10);
    const b = new Float64Array(10);
    for (const v of ours) a[v] = a[v]! + 1;
    for (const v of numpy.integers) b[v] = b[v]! + 1;
    let stat = 0;
    for (let k = 0; k < 10; k++) {
      const pooled = (a[k]! + b[k]!) / (2 * N);
      stat += (a[k]! - N * pooled) ** 2 / (N * pooled) + (b[k]! - N * pooled) ** 2 / (N * pooled);
    }
    // The 1 − 1e-9 quantile of chi-square with 9 degrees of freedom.
    expect(stat).toBeLessThan(60.66);
  });

  it('integers follows numpy for high (exclusive), endpoint (inclusive) and dtypes', async () => {
    for (const [k, c] of BOUND_CASES.entries()) {
      const x = await random.integers(100_000, { seed: 2, low: c.low, high: c.high, endpoint: c.endpoint, dtype: c.dtype });
      let min = Infinity;
      let max = -Infinity;
      for (const v of x) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      expect([min, max, c.dtype]).toEqual(numpy.bounds[k]);
    }
  });
});
