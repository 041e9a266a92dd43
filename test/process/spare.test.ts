/**
 * Issue 14 point 6: after a thread Process starts, the next one's worker is
 * started ahead of need (src/process/spare.ts). These check that a Process
 * on such a worker is still a fresh, separate one, and that the waiting
 * spare never keeps a program alive.
 */
import { Process, Value } from 'corepool';
import { describe, expect, it } from 'vitest';
import { ROOT, run } from '../helpers/child.js';

/** Starts `count` Processes one after another, each joined before the next starts. */
async function inTurn(count: number, make: (i: number) => Process): Promise<Process[]> {
  const done: Process[] = [];
  for (let i = 0; i < count; i++) {
    const p = make(i);
    p.start();
    await p.join();
    done.push(p);
  }
  return done;
}

describe('thread Processes on workers started ahead of need', () => {
  it('each one runs in fresh globals, with its own args, name and ident', async () => {
    const seen = Value('i', 0);
    const processes = await inTurn(6, (i) => {
      return new Process({
        name: `spare-${i}`,
        // Exit code 3 if a previous Process's global is visible here.
        target: (v: { value: number }, n: number) => {
          const g = globalThis as { leftover?: number };
          if (g.leftover !== undefined) process.exit(3);
          g.leftover = n;
          v.value += n;
        },
        args: [seen, i + 1],
      });
    });
    expect(processes.map((p) => p.exitCode)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(seen.value).toBe(21);
    expect(new Set(processes.map((p) => p.ident)).size).toBe(6);
  });

  it('errors and exit codes reach the parent as on a cold start', async () => {
    const [ok, threw, exited] = await inTurn(
      3,
      (i) =>
        new Process({
          target: (k: number) => {
            if (k === 1) throw new Error('boom');
            if (k === 2) process.exit(7);
          },
          args: [i],
        }),
    );
    expect([ok!.exitCode, threw!.exitCode, exited!.exitCode]).toEqual([0, 1, 7]);
  });

  it('a program that started Processes ends by itself while a spare waits', async () => {
    const script = `
      import { Process } from 'corepool';
      for (let i = 0; i < 3; i++) { const p = new Process({ target: () => {} }); p.start(); await p.join(); }
      console.log('done');
    `;
    const result = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, timeoutMs: 60_000 });
    expect(result).toMatchObject({ status: 0, signal: null, stdout: 'done\n' });
  });
});
