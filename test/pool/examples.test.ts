import { describe, expect, it } from 'vitest';
import { runNode } from '../helpers/child.js';

/** Runs examples/<name>.ts under the tsx loader (workers inherit it). */
async function runExample(name: string, args: string[] = []): Promise<string> {
  const r = await runNode(`examples/${name}.ts`, args, {}, ['--import', 'tsx'], 60_000);
  expect(r.signal, r.stderr).toBeNull();
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe('python-reference.md programs 2–5', () => {
  it('2: Pool.map, in the `await using` form and the close()/join() form', async () => {
    const out = await runExample('pool_map');
    expect(out).toContain('with: [ 1, 4, 9, 16, 25 ]');
    expect(out).toContain('close/join: [ 1, 4, 9, 16, 25 ]');
  });

  // Python's point: workers are reused, so at most 3 distinct ids appear. With
  // short random sleeps on a loaded machine one worker may get no task, so
  // the test does not demand exactly 3.
  it('3: ten tasks on Pool(3) reuse its workers: at most 3 distinct worker ids', async () => {
    const out = await runExample('pool_reuse', ['1']);
    const finished = [...out.matchAll(/task (\d+) finished on worker (\d+)/g)];
    expect(finished.map((m) => Number(m[1])).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const distinct = new Set(finished.map((m) => m[2])).size;
    expect(distinct).toBeGreaterThanOrEqual(1);
    expect(distinct).toBeLessThanOrEqual(3);
    expect(out).toContain(`distinct workers: ${distinct}`);
    expect(out.match(/task \d+ started on worker \d+/g)?.length).toBe(10);
  });

  it('4: get(timeout) raises TimeoutError and the pool stays usable', async () => {
    const out = await runExample('pool_timeout', ['600', '50']);
    expect(out).toContain('TimeoutError after 50 ms');
    expect(out).toContain('ready: false');
    expect(out).toContain('still usable: [ 2, 3, 4 ]');
    expect(out).toContain('the slow work completes: [ 0, 1, 4, 9 ]');
  });

  it('5: an error marker keeps the other results; an uncaught error arrives with its class, message and stack', async () => {
    const out = await runExample('pool_errors');
    expect(out).toMatch(/item 1: 10\n\s+item 2: 5\n\s+item 3: error marker \(cannot handle 3\)\n\s+item 4: 2\.5/);
    expect(out).toContain('caught ValueError: cannot handle 3');
    expect(out).toMatch(/worker stack: at .*corepool-fn-\d+\.js/);
    expect(out).toContain('pool still works: 5');
  });

  it('a task() reference to a TypeScript module works under a TS loader', async () => {
    const r = await runNode('test/fixtures/pool_ts_main.ts', [], {}, ['--import', 'tsx'], 60_000);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('[3,6,9]');
  });
});
