import { beforeAll, describe, expect, it } from 'vitest';
import { computeParity, parityDifferences, type ParityRun } from '../helpers/parity_child.js';

// See test/fixtures/parity_expr.mjs for the grid: expressions and reductions
// x dtypes x layouts x sizes straddling the chunk, the block and the inline
// threshold x ordinary/shared memory, async and Sync.
describe('array expressions: bit-for-bit parity across backends and thread counts', () => {
  const run = (backend: string, threads: string): Promise<ParityRun> =>
    computeParity('parity_expr.mjs', { COREPOOL_BACKEND: backend, COREPOOL_THREADS: threads });
  const runs = {
    native1: run('native', '1'),
    native3: run('native', '3'),
    fallback1: run('fallback', '1'),
    fallback3: run('fallback', '3'),
  };
  for (const p of Object.values(runs)) p.catch(() => undefined); // each test awaits its run and reports a failure
  let reference: ParityRun;

  beforeAll(async () => {
    reference = await run('native', '2');
  });

  it('covers the whole grid', () => {
    expect(reference.backend).toBe('native');
    expect(Object.keys(reference.results).length).toBe(12 * 4 * 4 * 5);
    expect(Object.values(reference.results).filter((v) => v.startsWith('error')).length).toBe(0);
  });

  it.each(['1', '3'])('native with COREPOOL_THREADS=%s gives the bits of 2 threads', async (threads) => {
    const child = await runs[`native${threads as '1' | '3'}`];
    expect(child.backend).toBe('native');
    expect(child.threads).toBe(Number(threads));
    expect(parityDifferences(reference, child)).toEqual([]);
  });

  it.each(['1', '3'])('fallback with %s workers: bit for bit', async (threads) => {
    const child = await runs[`fallback${threads as '1' | '3'}`];
    expect(child.backend).toBe('fallback');
    expect(parityDifferences(reference, child)).toEqual([]);
  });
});
