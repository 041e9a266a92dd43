import { beforeAll, describe, expect, it } from 'vitest';
import { computeParity, parityDifferences, type ParityRun } from '../helpers/parity_child.js';

// Every random kernel x dtype x parameter set (integer ranges that reject
// often, full 32-bit ranges, tiny ranges) x size (0..5, 15-17, block±1,
// inline threshold±1, odd) x stream offset (even, odd, off a quad, above 2^32
// pairs) x buffer kind (byteOffset != 0, ordinary and SharedArrayBuffer),
// async and sync.
describe('random: bit-for-bit parity across backends and thread counts', () => {
  let reference: ParityRun;
  beforeAll(async () => {
    reference = await computeParity('parity_random.mjs', { COREPOOL_BACKEND: 'native', COREPOOL_THREADS: '2' });
  });

  it('covers the whole grid', () => {
    expect(reference.backend).toBe('native');
    expect(Object.keys(reference.results).length).toBeGreaterThan(2400);
  });

  it.each(['1', '3'])('native with COREPOOL_THREADS=%s matches native with 2 threads', async (threads) => {
    const run = await computeParity('parity_random.mjs', { COREPOOL_BACKEND: 'native', COREPOOL_THREADS: threads });
    expect(run.threads).toBe(Number(threads));
    expect(parityDifferences(reference, run)).toEqual([]);
  });

  it.each(['1', '3'])('fallback with %s workers matches native', async (threads) => {
    const run = await computeParity('parity_random.mjs', { COREPOOL_BACKEND: 'fallback', COREPOOL_THREADS: threads });
    expect(run.backend).toBe('fallback');
    expect(run.threads).toBe(Number(threads));
    expect(parityDifferences(reference, run)).toEqual([]);
  });
});
