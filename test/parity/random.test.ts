import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, ROOT } from '../helpers/child.js';

interface Run {
  backend: string;
  threads: number;
  results: Record<string, string>;
}

// Asynchronous, unlike helpers/child.ts: a fallback child runs for tens of
// seconds, and a blocked event loop would starve vitest's own RPC.
function compute(env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fixture('parity_random.mjs')], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill(), 300_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      if (status === 0) resolve(JSON.parse(stdout) as Run);
      else reject(new Error(`random parity child failed (${JSON.stringify(env)}): ${stderr}`));
    });
  });
}

function differences(a: Run, b: Run): string[] {
  return Object.keys(a.results)
    .filter((key) => a.results[key] !== b.results[key])
    .slice(0, 20)
    .map((key) => `${key}: ${a.results[key]} vs ${b.results[key]}`);
}

// Every random kernel x dtype x parameter set (integer ranges that reject
// often, full 32-bit ranges, tiny ranges) x size (0..5, 15-17, block±1,
// inline threshold±1, odd) x stream offset (even, odd, off a quad, above 2^32
// pairs) x buffer kind (byteOffset != 0, ordinary and SharedArrayBuffer),
// async and sync.
describe('random: bit-for-bit parity across backends and thread counts', () => {
  let reference: Run;
  beforeAll(async () => {
    reference = await compute({ COREPOOL_BACKEND: 'native', COREPOOL_THREADS: '2' });
  });

  it('covers the whole grid', () => {
    expect(reference.backend).toBe('native');
    expect(Object.keys(reference.results).length).toBeGreaterThan(2400);
  });

  it.each(['1', '3'])('native with COREPOOL_THREADS=%s matches native with 2 threads', async (threads) => {
    const run = await compute({ COREPOOL_BACKEND: 'native', COREPOOL_THREADS: threads });
    expect(run.threads).toBe(Number(threads));
    expect(differences(reference, run)).toEqual([]);
  });

  it.each(['1', '3'])('fallback with %s workers matches native', async (threads) => {
    const run = await compute({ COREPOOL_BACKEND: 'fallback', COREPOOL_THREADS: threads });
    expect(run.backend).toBe('fallback');
    expect(run.threads).toBe(Number(threads));
    expect(differences(reference, run)).toEqual([]);
  });
});
