// The bounded run of the kernel argument fuzzer (scripts/fuzz): a fixed seed
// and a few thousand cases over every kernel corepool exports and its
// corepool/sync twin, in a child process, so that a native crash fails this
// test with its signal and case instead of killing the test runner.
// Invariant: a result or a TypeError / RangeError / AbortError with a code
// from ErrorCode; never a crash, hang, uncoded error or synchronous throw
// from a Promise call. `npm run fuzz` is the long run.
//
// A second run detaches and resizes the arguments while the async calls run
// (big arrays, resizable and growable buffers, transfers): the memory under a
// running kernel must stay valid (issue 10, findings 2 and 3).
import * as cp from 'corepool';
import * as sync from 'corepool/sync';
import { describe, expect, it } from 'vitest';
import { runFuzzChild } from '../../scripts/fuzz/parent.mjs';

const backend = process.env.COREPOOL_BACKEND ?? 'native';
const SEED = 20261207;

describe(`kernel argument fuzzing on the ${backend} backend`, () => {
  for (const [during, runs] of [
    [false, 2500],
    [true, 1000],
  ] as const) {
    it(`${runs} cases (seed ${SEED}${during ? ', detach and resize during calls' : ''}): coded errors or results only`, async () => {
      // The child is killed (and reported with its last case) before the test itself times out.
      const run = await runFuzzChild({ backend, seed: SEED, runs, during, timeoutMs: 240_000 });
      console.log(`fuzz ${backend}: ${run.summary}`);
      expect(run.problems.slice(0, 10)).toEqual([]);
      expect(run.report?.cases).toBe(runs);
    }, 300_000);
  }

  it('covers every kernel of corepool/sync and its async twin', async () => {
    const run = await runFuzzChild({ backend, seed: 1, runs: 1, timeoutMs: 120_000 });
    const names = new Set(run.report?.names);
    for (const [name, value] of Object.entries(sync)) {
      if (typeof value === 'function') expect(names.has(name.replace(/Sync$/, ''))).toBe(true);
    }
    for (const method of ['uniform', 'normal', 'integers']) expect(names.has(`random.${method}`)).toBe(true);
    expect(typeof cp.sum).toBe('function');
    expect(names.size).toBeGreaterThanOrEqual(87);
  });
});
