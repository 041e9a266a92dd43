import { describe, expect, it } from 'vitest';
import { computeParity, parityDifferences, type ParityRun } from '../helpers/parity_child.js';

// See test/fixtures/parity_linalg.mjs for the grid. Each backend is bit-for-bit
// identical across thread counts (native: k-blocking fixed by the sizes;
// fallback: one fixed order per element). Across backends GEMM/GEMV agree
// within the rounding bound (native uses SIMD lanes and FMA), and transpose
// and outer (one rounding or none per element) bit for bit.
interface LinalgRun extends ParityRun {
  values: Record<string, string>;
  bounds: Record<string, string>;
}

const run = (env: Record<string, string>): Promise<LinalgRun> => computeParity('parity_linalg.mjs', env) as Promise<LinalgRun>;
const f64 = (b64: string): Float64Array => {
  const bytes = Buffer.from(b64, 'base64');
  return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8);
};
const f32 = (b64: string): Float32Array => {
  const bytes = Buffer.from(b64, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
};

/** Cases where the two runs differ by more than the bound (GEMM, GEMV) or at all (the rest). */
function outsideBounds(a: LinalgRun, b: LinalgRun): string[] {
  const bad: string[] = [];
  for (const key of Object.keys(a.results)) {
    const va = a.values[key];
    if (va === undefined) {
      if (a.results[key] !== b.results[key]) bad.push(`${key}: ${a.results[key]} vs ${b.results[key]}`);
      continue;
    }
    const x = f64(va);
    const y = f64(b.values[key]!);
    const tol = f32(a.bounds[key]!);
    const i = x.findIndex((v, j) => !(Math.abs(v - y[j]!) <= tol[j]!));
    if (i !== -1 || x.length !== y.length) bad.push(`${key}[${i}]: ${x[i]} vs ${y[i]} (bound ${tol[i]})`);
  }
  return bad.slice(0, 20);
}

describe('linear algebra: parity across thread counts and backends', () => {
  const native = run({ COREPOOL_BACKEND: 'native', COREPOOL_THREADS: '2' });
  const fallback = run({ COREPOOL_BACKEND: 'fallback', COREPOOL_THREADS: '2' });
  native.catch(() => undefined); // every test awaits them and reports a failure
  fallback.catch(() => undefined);

  it('covers the whole grid', async () => {
    const ref = await native;
    expect(ref.backend).toBe('native');
    expect(Object.keys(ref.results).length).toBeGreaterThan(200);
  });

  it.each(['1', '3'])('native with COREPOOL_THREADS=%s matches native with 2 threads bit for bit', async (threads) => {
    const other = await run({ COREPOOL_BACKEND: 'native', COREPOOL_THREADS: threads });
    expect(other.threads).toBe(Number(threads));
    expect(parityDifferences(await native, other)).toEqual([]);
  });

  it.each(['1', '3'])('fallback with %s workers matches fallback with 2 bit for bit', async (threads) => {
    const other = await run({ COREPOOL_BACKEND: 'fallback', COREPOOL_THREADS: threads });
    expect(other.backend).toBe('fallback');
    expect(parityDifferences(await fallback, other)).toEqual([]);
  });

  it('fallback matches native within the rounding bound (transpose and outer exactly)', async () => {
    const fb = await fallback;
    expect(fb.backend).toBe('fallback');
    expect(outsideBounds(await native, fb)).toEqual([]);
  });
});
