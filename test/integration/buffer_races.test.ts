// What JS can do to an array while a call on it runs (issue 10, findings 1
// and 2): write into it concurrently, or transfer its buffer away and collect
// it. Each case runs in a child process, so a crash shows up here as a signal
// or a non-zero status instead of killing the test worker.
import { describe, expect, it } from 'vitest';
import { fixture, runNodeAsync } from '../helpers/child.js';

const backend = process.env.COREPOOL_BACKEND ?? 'native';

describe(`buffers changed under a running call on the ${backend} backend`, () => {
  it.each([
    ['exp and neg with out: a on the main thread', 'main'],
    ['a worker writing random values into a SharedArrayBuffer', 'worker'],
  ])('sort, partition and topk survive concurrent writes: %s', async (_label, mode) => {
    const result = await runNodeAsync(fixture('sort_race_during_kernel.mjs'), [mode, '3']);
    expect(result.signal).toBeNull();
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toMatch(/^ok \d+$/);
    expect(result.status).toBe(0);
  });

  it('a buffer transferred away and collected while the call runs: each call resolves or rejects with ERR_DETACHED_BUFFER', async () => {
    // 2e7 elements keep a native call running for a while; the fallback's
    // JavaScript kernels get a smaller array for the same effect.
    const n = backend === 'native' ? '20000000' : '4000000';
    const result = await runNodeAsync(fixture('detach_during_kernel.mjs'), ['2', n], {}, 300_000, ['--expose-gc']);
    expect(result.signal).toBeNull();
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toMatch(/^ok \d+ \d+$/);
    expect(result.status).toBe(0);
  });
});
