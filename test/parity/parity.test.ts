import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, runNodeAsync } from '../helpers/child.js';

interface Run {
  backend: string;
  threads: number;
  results: Record<string, string>;
}

async function compute(env: Record<string, string>): Promise<Run> {
  const result = await runNodeAsync(fixture('parity_compute.mjs'), [], env);
  if (result.status !== 0) throw new Error(`parity child failed (${JSON.stringify(env)}): ${result.stderr}`);
  return JSON.parse(result.stdout) as Run;
}

function differences(a: Run, b: Run): string[] {
  return Object.keys(a.results)
    .filter((key) => a.results[key] !== b.results[key])
    .slice(0, 20)
    .map((key) => `${key}: ${a.results[key]} vs ${b.results[key]}`);
}

// Every kernel x dtype x size (0, 1, 2, 7-9, 15-17, block±1, inline threshold±1,
// odd) x byteOffset (0, 3 elements) x buffer kind x special values (NaN, ±0, ±Inf),
// plus every elementwise op over same-dtype and mixed pairs, arrays and scalars.
describe('bit-for-bit parity', () => {
  let reference: Run;
  beforeAll(async () => {
    reference = await compute({ COREPOOL_BACKEND: 'native', COREPOOL_THREADS: '2' });
  });

  it('covers the whole grid', () => {
    expect(reference.backend).toBe('native');
    expect(Object.keys(reference.results).length).toBeGreaterThan(12_000);
  });

  it.each(['1', '3'])('native with COREPOOL_THREADS=%s matches native with 2 threads', async (threads) => {
    const run = await compute({ COREPOOL_BACKEND: 'native', COREPOOL_THREADS: threads });
    expect(run.threads).toBe(Number(threads));
    expect(differences(reference, run)).toEqual([]);
  });

  it.each(['1', '3'])('fallback with %s workers matches native', async (threads) => {
    const run = await compute({ COREPOOL_BACKEND: 'fallback', COREPOOL_THREADS: threads });
    expect(run.backend).toBe('fallback');
    expect(differences(reference, run)).toEqual([]);
  });
});
