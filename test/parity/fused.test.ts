import { beforeAll, describe, expect, it } from 'vitest';
import { differences, parityRun, type ParityRun } from '../helpers/parity_fused_runner.js';

// A child runs for up to a minute on a busy 2-core machine.
const RUN_TIMEOUT_MS = 600_000;
const FIXTURE = 'parity_fused.mjs';

// Bit for bit: every thread count, both backends.
describe('fma, clip, lerp, where, axpy: bit-for-bit parity across backends and thread counts', () => {
  let reference: ParityRun;
  beforeAll(async () => {
    reference = await parityRun(FIXTURE, { COREPOOL_BACKEND: 'native', COREPOOL_THREADS: '2' });
  }, RUN_TIMEOUT_MS);

  it('covers the whole grid', () => {
    expect(reference.backend).toBe('native');
    expect(Object.keys(reference.results).length).toBeGreaterThan(5000);
  });

  it.each(['1', '3'])(
    'native with COREPOOL_THREADS=%s matches native with 2 threads',
    async (threads) => {
      const run = await parityRun(FIXTURE, { COREPOOL_BACKEND: 'native', COREPOOL_THREADS: threads });
      expect(run.threads).toBe(Number(threads));
      expect(differences(reference, run)).toEqual([]);
    },
    RUN_TIMEOUT_MS,
  );

  it.each(['1', '3'])(
    'fallback with %s workers matches native',
    async (threads) => {
      const run = await parityRun(FIXTURE, { COREPOOL_BACKEND: 'fallback', COREPOOL_THREADS: threads });
      expect(run.backend).toBe('fallback');
      expect(differences(reference, run)).toEqual([]);
    },
    RUN_TIMEOUT_MS,
  );
});
