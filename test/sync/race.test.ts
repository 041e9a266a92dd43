/**
 * The shared counter of python-reference.md program 9: `v.value += 1` is a
 * read then a write, so without the lock concurrent increments get lost.
 */
import { Lock, SharedArray, Value } from 'corepool';
import { describe, expect, it } from 'vitest';
import { spawn } from './workers.js';

const WORKERS = 4;
const N = 100_000;

async function race(data: Record<string, unknown>): Promise<void> {
  const runs = Array.from({ length: WORKERS }, () => spawn('increment', data));
  await Promise.all(runs.map((r) => r.next()));
}

describe('shared counter race', () => {
  it(`4 workers × ${N} increments under the lock give the exact total`, async () => {
    const counter = Value('i', 0);
    await race({ value: counter, n: N, useLock: true });
    expect(counter.value).toBe(WORKERS * N);
    expect(counter.getLock().locked()).toBe(false);
  });

  it('without the lock the total never exceeds it (and usually falls short)', async () => {
    const counter = Value('i', 0, { lock: false });
    await race({ value: counter, n: N, useLock: false });
    expect(counter.value).toBeGreaterThan(0);
    expect(counter.value).toBeLessThanOrEqual(WORKERS * N);
  });

  it('a Lock passed as options.lock guards the Value the same way', async () => {
    const counter = Value('d', 0, { lock: new Lock() });
    await race({ value: counter, n: N / 4, useLock: true });
    expect(counter.value).toBe((WORKERS * N) / 4);
  });

  it('SharedArray elements updated under getLock() from 4 workers are exact', async () => {
    const array = SharedArray('i', [0, 10, -5]);
    await race({ array, n: N / 10, useLock: true });
    expect([...array]).toEqual([0, 10, -5].map((x) => x + (WORKERS * N) / 10));
  });
});
