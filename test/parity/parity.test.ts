import { beforeAll, describe, expect, it } from 'vitest';
import { computeParity, parityDifferences, type ParityRun } from '../helpers/parity_child.js';

// Every kernel x dtype x size (0, 1, 2, 7-9, 15-17, block±1, inline threshold±1,
// odd) x byteOffset (0, 3 elements) x buffer kind x special values (NaN, ±0, ±Inf),
// plus every elementwise op over same-dtype and mixed pairs, arrays and scalars.
describe('bit-for-bit parity', () => {
  let reference: ParityRun;
  beforeAll(async () => {
    reference = await computeParity('parity_compute.mjs', { COREPOOL_BACKEND: 'native', COREPOOL_THREADS: '2' });
  });

  it('covers the whole grid', () => {
    expect(reference.backend).toBe('native');
    expect(Object.keys(reference.results).length).toBeGreaterThan(12_000);
  });

  it.each(['1', '3'])('native with COREPOOL_THREADS=%s matches native with 2 threads', async (threads) => {
    const run = await computeParity('parity_compute.mjs', { COREPOOL_BACKEND: 'native', COREPOOL_THREADS: threads });
    expect(run.threads).toBe(Number(threads));
    expect(parityDifferences(reference, run)).toEqual([]);
  });

  it.each(['1', '3'])('fallback with %s workers matches native', async (threads) => {
    const run = await computeParity('parity_compute.mjs', { COREPOOL_BACKEND: 'fallback', COREPOOL_THREADS: threads });
    expect(run.backend).toBe('fallback');
    expect(parityDifferences(reference, run)).toEqual([]);
  });
});
