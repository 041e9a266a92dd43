/**
 * A light soak (1e4 kernel calls, 1e4 Pool tasks; `npm run soak` does 1e5
 * each): RSS after a full GC must stay flat. It runs bench/soak.mjs in a
 * child process, which needs --expose-gc and should not share its heap (or
 * block the event loop) of this vitest worker.
 */
import { describe, expect, it } from 'vitest';
import { runNodeAsync } from '../helpers/child.js';

interface Phase {
  name: string;
  total: number;
  rss: { first: number; last: number; growth: number };
  limit: number;
  flat: boolean;
  rssSamples: number[];
}

describe('soak', () => {
  it('1e4 kernel calls and 1e4 Pool tasks leave RSS flat', async () => {
    // A longer warm-up than the full run's tenth: at 1e4 the allocator is still settling early on.
    const run = await runNodeAsync('bench/soak.mjs', ['--calls=10000', '--tasks=10000', '--samples=20', '--warmup=0.3', '--json']);
    const line = run.stdout.trim().split('\n').at(-1) ?? '';
    expect(line.startsWith('{'), `no report: ${run.stderr}`).toBe(true);
    const { phases } = JSON.parse(line) as { phases: Phase[] };
    expect(phases.map((p) => [p.name, p.total])).toEqual([
      ['kernel calls', 10_000],
      ['Pool tasks', 10_000],
    ]);
    for (const p of phases)
      expect(p.rss.growth, `${p.name}: RSS MB ${p.rssSamples.map((x) => x.toFixed(0)).join(' ')}`).toBeLessThanOrEqual(p.limit);
    expect(run.status).toBe(0);
  });
});
