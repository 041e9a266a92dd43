import { beforeAll, describe, expect, it } from 'vitest';
import { computeParity, type ParityRun } from '../helpers/parity_child.js';

const isDerived = (key: string): boolean => key.endsWith('/ref') || key.endsWith('/ulp');

// See test/fixtures/parity_nd_map.mjs for the grid: elementwise kernels x
// dtypes x layouts (transposed, reversed, broadcast, offset with a transposed
// out) x sizes straddling the chunk, the block and the inline threshold x
// ordinary/shared memory, async and Sync. libm kernels (exp, atan2) follow
// unary.test.ts: the fallback is V8's Math exactly, native within 2 ulp of it.
describe('n-d elementwise kernels: bit-for-bit parity across backends and thread counts', () => {
  // All five children start at once: on two cores the grid's wall time is then about half its CPU time.
  const run = (backend: string, threads: string): Promise<ParityRun> =>
    computeParity('parity_nd_map.mjs', { COREPOOL_BACKEND: backend, COREPOOL_THREADS: threads });
  const runs = {
    native1: run('native', '1'),
    native3: run('native', '3'),
    fallback1: run('fallback', '1'),
    fallback3: run('fallback', '3'),
  };
  for (const p of Object.values(runs)) p.catch(() => undefined); // each test awaits its run and reports a failure
  let reference: ParityRun;
  let kernelKeys: string[];
  let viaMath: string[];

  beforeAll(async () => {
    reference = await run('native', '2');
    const keys = Object.keys(reference.results);
    kernelKeys = keys.filter((k) => !isDerived(k));
    viaMath = keys.filter((k) => k.endsWith('/ulp')).map((k) => k.slice(0, -'/ulp'.length));
  });

  it('covers the whole grid', () => {
    expect(reference.backend).toBe('native');
    expect(kernelKeys.length).toBe(15 * 3 * 4 * 7);
    expect(viaMath.length).toBe(2 * 3 * 4 * 7);
    expect(kernelKeys.filter((k) => k.endsWith('/sab')).length).toBeGreaterThan(kernelKeys.length / 3);
  });

  it.each(['1', '3'])('native with COREPOOL_THREADS=%s gives the bits of 2 threads', async (threads) => {
    const child = await runs[`native${threads as '1' | '3'}`];
    expect(child.threads).toBe(Number(threads));
    expect(kernelKeys.filter((k) => child.results[k] !== reference.results[k]).slice(0, 20)).toEqual([]);
  });

  it('native stays within 2 ulp of V8 Math on the libm kernels', () => {
    const far = viaMath.filter((k) => Number(reference.results[`${k}/ulp`]) > 2);
    expect(far.map((k) => `${k}: ${reference.results[`${k}/ulp`]} ulp`).slice(0, 20)).toEqual([]);
  });

  it.each(['1', '3'])('fallback with %s workers: bit for bit, libm kernels exactly V8 Math', async (threads) => {
    const child = await runs[`fallback${threads as '1' | '3'}`];
    expect(child.backend).toBe('fallback');
    const matched = new Set(viaMath);
    const differing = kernelKeys.filter((k) => !matched.has(k) && child.results[k] !== reference.results[k]);
    expect(differing.map((k) => `${k}: ${reference.results[k]} vs ${child.results[k]}`).slice(0, 20)).toEqual([]);
    const notMath = viaMath.filter(
      (k) => child.results[k] !== child.results[`${k}/ref`] || child.results[`${k}/ref`] !== reference.results[`${k}/ref`],
    );
    expect(notMath.slice(0, 20)).toEqual([]);
  });
});
