/** python-reference.md programs 1, 7, 8 (and 10, Manager) run as examples and print what Python's do. */
import { describe, expect, it } from 'vitest';
import { runNode } from '../helpers/child.js';

/** Runs examples/<name>.ts under the tsx loader (workers inherit it). */
async function runExample(name: string, args: string[] = []): Promise<string> {
  const r = await runNode(`examples/${name}.ts`, args, {}, ['--import', 'tsx'], 60_000);
  expect(r.signal, r.stderr).toBeNull();
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe('python-reference.md programs 1, 7, 8, 9, 10', () => {
  it('1: five processes run in parallel: all five start before any finishes', async () => {
    // Parallelism is shown by the order of events, not by elapsed time, which
    // a busy machine stretches: a process that slept 3 s before the last one
    // even started would mean they ran one after another.
    const sleep = 3;
    const out = await runExample('processes', [String(sleep)]);
    const lines = out.trim().split('\n');
    for (let i = 0; i < 5; i++) {
      expect(lines).toContain(`Worker ${i} starting`);
      expect(lines).toContain(`Worker ${i} finished`);
    }
    expect(lines.filter((l) => l.startsWith('Worker')).length).toBe(10);
    const lastStart = Math.max(...lines.map((l, i) => (l.endsWith(' starting') ? i : -1)));
    const firstFinish = lines.findIndex((l) => l.endsWith(' finished'));
    expect(lastStart).toBeLessThan(firstFinish);
    expect(lines.indexOf('All workers finished')).toBe(10);
    const elapsed = Number(/elapsed: ([\d.]+) s/.exec(out)?.[1]);
    expect(elapsed).toBeGreaterThanOrEqual(sleep);
  });

  it('7: queue producer/consumer in FIFO order, Full/Empty on timeouts, and the Pool variant', async () => {
    const out = await runExample('queue', ['6']);
    expect(out).toContain('consumed in order: ["item 0","item 1","item 2","item 3","item 4","item 5"]');
    expect(out.match(/produced item \d/g)?.length).toBe(6);
    expect(out).toContain('put timed out: Full');
    expect(out).toContain('get timed out: Empty');
    expect(out).toContain('pool reader got: helloworld');
  });

  it('8: Pipe between two processes with send, recv and poll(timeout)', async () => {
    const out = await runExample('pipe', ['4']);
    for (let i = 0; i < 4; i++) expect(out).toContain(`ping got {"pong":${i},"squared":${i * i}}`);
    expect(out).toContain('pong done');
    expect(out).toContain('poll after the last answer: false');
    expect(out).toContain('exit codes: 0, 0');
  });

  it('10: a Manager dict and list mutated by pool workers end in the expected state', async () => {
    const out = await runExample('manager', ['6']);
    expect(out).toContain('dict: {"0":0,"1":1,"2":4,"3":9,"4":16,"5":25}');
    expect(out).toContain('list (sorted): [0,1,2,3,4,5]');
    expect(out).toContain('list length: 6');
    expect(out).toContain('after mutating the copy: 1');
    expect(out).toContain('after setting it back: 5');
    expect(out).toContain('namespace x: 42');
  });

  it('9: the shared counter with Process: exact under the lock, never more without it', async () => {
    const out = await runExample('shared_counter', ['4', '50000']);
    const unlocked = Number(/without the lock: (\d+) \(expected 200000; \d+ updates lost\)/.exec(out)?.[1]);
    expect(unlocked).toBeGreaterThan(0);
    expect(unlocked).toBeLessThanOrEqual(200_000);
    expect(out).toContain('with the lock: 200000 (expected 200000)');
    expect(out).toContain('SharedArray under its lock: [200000, 200000, 200000]');
  });
});
