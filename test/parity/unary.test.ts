import { beforeAll, describe, expect, it } from 'vitest';
import { computeParity, type ParityRun } from '../helpers/parity_child.js';

const isDerived = (key: string): boolean => key.endsWith('/ref') || key.endsWith('/ulp');

// Every unary kernel x dtype x size (0-2, 15-17, the 256-element SIMD pass ±1,
// the block ±1, the inline threshold + 1, a large odd size) x ordinary and
// shared memory, at non-zero byteOffsets, with NaN, ±0, ±Infinity,
// subnormals, overflow edges and huge trig arguments mixed into the data.
describe('unary kernels: native vs fallback parity', () => {
  let reference: ParityRun;
  let keys: string[];
  let kernelKeys: string[];
  let viaMath: string[];

  beforeAll(async () => {
    reference = await computeParity('parity_unary.mjs', { COREPOOL_BACKEND: 'native', COREPOOL_THREADS: '2' });
    keys = Object.keys(reference.results);
    kernelKeys = keys.filter((k) => !isDerived(k));
    viaMath = keys.filter((k) => k.endsWith('/ulp')).map((k) => k.slice(0, -'/ulp'.length));
  });

  it('covers the whole grid', () => {
    expect(reference.backend).toBe('native');
    expect(kernelKeys.length).toBe(29 * 9 * 13 * 2);
    expect(viaMath.length).toBe(13 * 9 * 13 * 2);
  });

  it.each(['1', '3'])('native with COREPOOL_THREADS=%s gives the bits of 2 threads', async (threads) => {
    const child = await computeParity('parity_unary.mjs', { COREPOOL_BACKEND: 'native', COREPOOL_THREADS: threads });
    expect(child.threads).toBe(Number(threads));
    expect(keys.filter((k) => child.results[k] !== reference.results[k]).slice(0, 20)).toEqual([]);
  });

  it('native stays within 2 ulp of V8 Math where the fallback uses it', () => {
    const far = viaMath.filter((k) => Number(reference.results[`${k}/ulp`]) > 2);
    expect(far.map((k) => `${k}: ${reference.results[`${k}/ulp`]} ulp`).slice(0, 20)).toEqual([]);
  });

  it.each(['1', '3'])('fallback with %s workers: exact kernels bit for bit, the rest exactly V8 Math', async (threads) => {
    const child = await computeParity('parity_unary.mjs', { COREPOOL_BACKEND: 'fallback', COREPOOL_THREADS: threads });
    expect(child.backend).toBe('fallback');
    const matched = new Set(viaMath);
    const differing = kernelKeys.filter((k) => !matched.has(k) && child.results[k] !== reference.results[k]);
    expect(differing.map((k) => `${k}: ${reference.results[k]} vs ${child.results[k]}`).slice(0, 20)).toEqual([]);
    // The fallback's result is V8's Math function itself, the same reference the native run measured against.
    const notMath = viaMath.filter(
      (k) => child.results[k] !== child.results[`${k}/ref`] || child.results[`${k}/ref`] !== reference.results[`${k}/ref`],
    );
    expect(notMath.slice(0, 20)).toEqual([]);
  });
});
