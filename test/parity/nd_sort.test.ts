import { describe, expect, it } from 'vitest';
import { computeParity, parityDifferences } from '../helpers/parity_child.js';

// See test/fixtures/parity_nd_sort.mjs for the grid: scans and the sort
// family along axes of NDArrays (long lines past one block, many short
// lines, views) x dtype x ordinary/shared memory x special values.
describe('n-D scans and sorts: bit-for-bit parity across backends and thread counts', () => {
  const reference = computeParity('parity_nd_sort.mjs', { COREPOOL_BACKEND: 'native', COREPOOL_THREADS: '2' });
  reference.catch(() => undefined); // every test awaits it and reports a failure

  it('covers the whole grid', async () => {
    const ref = await reference;
    expect(ref.backend).toBe('native');
    expect(Object.keys(ref.results).length).toBeGreaterThan(1_000);
  });

  it.each(['1', '3'])('native with COREPOOL_THREADS=%s matches native with 2 threads', async (threads) => {
    const run = await computeParity('parity_nd_sort.mjs', { COREPOOL_BACKEND: 'native', COREPOOL_THREADS: threads });
    expect(run.threads).toBe(Number(threads));
    expect(parityDifferences(await reference, run)).toEqual([]);
  });

  it.each(['1', '3'])('fallback with %s workers matches native', async (threads) => {
    const run = await computeParity('parity_nd_sort.mjs', { COREPOOL_BACKEND: 'fallback', COREPOOL_THREADS: threads });
    expect(run.backend).toBe('fallback');
    expect(parityDifferences(await reference, run)).toEqual([]);
  });
});
