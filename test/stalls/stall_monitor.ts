/**
 * Setup file for scripts/stalls.mjs: records the longest event-loop stall of
 * each test in this vitest worker. A stall is what starves vitest's RPC: a
 * worker that cannot read its replies for 60 s fails with `Timeout calling
 * "onTaskUpdate"` (issue 10, finding 11), even when every test passes.
 */
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, afterEach, beforeEach, expect } from 'vitest';

const log = process.env.COREPOOL_STALL_LOG;
// 10 ms resolution: fine enough to see stalls that matter (seconds), cheap enough not to add any.
const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();
let worst = { ms: 0, test: '(setup)' };

// The histogram's timer records a stall only when it fires after it; a 1 ms
// timer of our own fires after it in the same timers phase (node:timers is
// never faked by vi.useFakeTimers).
const sample = async (test: string): Promise<void> => {
  await delay(1);
  const ms = histogram.max / 1e6;
  if (ms > worst.ms) worst = { ms, test };
  histogram.reset();
};

beforeEach(() => sample('(collection, beforeAll or hooks)'));
afterEach(() => sample(expect.getState().currentTestName ?? '(unnamed)'));
afterAll(async () => {
  await sample('(after all)');
  histogram.disable();
  if (log === undefined) return;
  const file = expect.getState().testPath ?? '(unknown)';
  appendFileSync(
    log,
    `${JSON.stringify({ file, project: process.env.COREPOOL_BACKEND, maxMs: Math.round(worst.ms), test: worst.test })}\n`,
  );
});
