import { describe, expect, it } from 'vitest';
import { computeParity, type ParityRun, parityDifferences } from '../helpers/parity_child.js';

// See test/fixtures/parity_nd_linalg.mjs for the grid (batched matmul over
// NDArrays: broadcast batches, 1-D promotion, transposed and strided views).
// Each backend is bit-for-bit identical across thread counts, and each item
// of a batch has the bits of the flat matmul of that item (checked inside
// the fixture). Across backends the products agree within the rounding
// bound, as the flat matmul does (native uses SIMD lanes and FMA;
// parity/linalg.test.ts).
interface LinalgRun extends ParityRun {
  values: Record<string, string>;
  bounds: Record<string, string>;
}

const run = (env: Record<string, string>): Promise<LinalgRun> => computeParity('parity_nd_linalg.mjs', env) as Promise<LinalgRun>;
const f64 = (b64: string): Float64Array => {
  const bytes = Buffer.from(b64, 'base64');
  return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
};
const f32 = (b64: string): Float32Array => {
  const bytes = Buffer.from(b64, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
};

/** Cases where the two runs differ by more than the bound. */
function outsideBounds(a: LinalgRun, b: LinalgRun): string[] {
  const bad: string[] = [];
  for (const key of Object.keys(a.results)) {
    const x = f64(a.values[key]!);
    const y = f64(b.values[key]!);
    const tol = f32(a.bounds[key]!);
    const i = x.findIndex((v, j) => !(Math.abs(v - y[j]!) <= tol[j]!));
    if (i !== -1 || x.length !== y.length) bad.push(`${key}[${i}]: ${x[i]} vs ${y[i]} (bound ${tol[i]})`);
  }
  return bad.slice(0, 20);
}

describe('n-d matmul: parity across thread counts and backends', () => {
  const native = run({ COREPOOL_BACKEND: 'native', COREPOOL_THREADS: '2' });
  const fallback = run({ COREPOOL_BACKEND: 'fallback', COREPOOL_THREADS: '1' });
  native.catch(() => undefined); // every test awaits them and reports a failure
  fallback.catch(() => undefined);

  it('covers the whole grid', async () => {
    const ref = await native;
    expect(ref.backend).toBe('native');
    expect(Object.keys(ref.results).length).toBeGreaterThan(50);
  });

  it.each(['1', '3'])('native with COREPOOL_THREADS=%s matches native with 2 threads bit for bit', async (threads) => {
    const other = await run({ COREPOOL_BACKEND: 'native', COREPOOL_THREADS: threads });
    expect(other.threads).toBe(Number(threads));
    expect(parityDifferences(await native, other)).toEqual([]);
  });

  it('fallback with 3 workers matches fallback with 1 bit for bit', async () => {
    const other = await run({ COREPOOL_BACKEND: 'fallback', COREPOOL_THREADS: '3' });
    expect(other.backend).toBe('fallback');
    expect(parityDifferences(await fallback, other)).toEqual([]);
  });

  it('fallback matches native within the rounding bound', async () => {
    const fb = await fallback;
    expect(fb.backend).toBe('fallback');
    expect(outsideBounds(await native, fb)).toEqual([]);
  });
});
