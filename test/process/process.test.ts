import { ErrorCode, Event, Process, Queue, Value, activeChildren, cpuCount, currentProcess, task } from 'corepool';
import { availableParallelism } from 'node:os';
import { threadId } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { fixture, runNode } from '../helpers/child.js';

const work = (name: string) => task(new URL('../fixtures/process_work.mjs', import.meta.url), name);

describe('Process (thread context)', () => {
  it('runs a function target with its args and ends with exitCode 0', async () => {
    const v = Value('i', 0);
    const p = new Process({
      target: (x: typeof v, n: number) => {
        x.value = n;
      },
      args: [v, 42],
    });
    expect(p.exitCode).toBeNull();
    expect(p.isAlive()).toBe(false);
    expect(p.ident).toBeNull();
    p.start();
    expect(typeof p.ident).toBe('number');
    expect(p.ident).not.toBe(threadId);
    await p.join();
    expect(v.value).toBe(42);
    expect(p.exitCode).toBe(0);
    expect(p.isAlive()).toBe(false);
  });

  it('gives default names Process-<n> and keeps a given name', () => {
    const a = new Process({});
    const b = new Process({});
    expect(a.name).toMatch(/^Process-\d+$/);
    expect(Number(b.name.split('-')[1])).toBe(Number(a.name.split('-')[1]) + 1);
    expect(new Process({ name: 'mine' }).name).toBe('mine');
  });

  it('rejects a closure target synchronously, naming the free variable', () => {
    const offset = 3;
    let error: unknown;
    try {
      new Process({ target: (x: number) => x + offset });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: 'TypeError', code: ErrorCode.FN_NOT_SELF_CONTAINED });
    expect((error as Error).message).toContain("'offset'");
  });

  it('validates options with options.X messages', () => {
    expect(() => new Process({ args: 5 as never })).toThrow(/options\.args must be/);
    expect(() => new Process({ context: 'fiber' as never })).toThrow(/options\.context must be/);
    expect(() => new Process({ daemon: 'yes' as never })).toThrow(/options\.daemon must be/);
  });

  it('exitCode is 1 for an error in the target, printed as "Process <name>:" with the stack', async () => {
    const writes: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      const p = new Process({ target: work('failAsync'), args: ['boom here'], name: 'failing' });
      p.start();
      await p.join();
      expect(p.exitCode).toBe(1);
    } finally {
      spy.mockRestore();
    }
    const text = writes.join('');
    expect(text).toContain('Process failing:');
    expect(text).toContain('RangeError: boom here');
    expect(text).toMatch(/at failAsync/);
  });

  it('an error thrown later by a timer the target left behind is also exitCode 1 and reported', async () => {
    const writes: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      const p = new Process({
        target: () =>
          void setTimeout(() => {
            throw new TypeError('late failure');
          }, 5),
        name: 'late',
      });
      p.start();
      await p.join();
      expect(p.exitCode).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(writes.join('')).toContain('Process late:');
    expect(writes.join('')).toContain('late failure');
  });

  it('exitCode is n after process.exit(n) in the target', async () => {
    const p = new Process({ target: () => process.exit(7) });
    p.start();
    await p.join();
    expect(p.exitCode).toBe(7);
  });

  it('join(timeout) resolves undefined while still running; terminate() gives -15, kill() -9', async () => {
    for (const [stop, code] of [
      ['terminate', -15],
      ['kill', -9],
    ] as const) {
      const p = new Process({ target: () => new Promise((r) => setTimeout(r, 60_000)) });
      p.start();
      expect(await p.join(20)).toBeUndefined();
      expect(p.isAlive()).toBe(true);
      expect(p.exitCode).toBeNull();
      expect(activeChildren()).toContain(p);
      p[stop]();
      await p.join();
      expect(p.exitCode).toBe(code);
      expect(p.isAlive()).toBe(false);
      expect(activeChildren()).not.toContain(p);
    }
  });

  it('start twice, join before start and use after close are ERR_PROCESS_STATE', async () => {
    const p = new Process({});
    await expect(p.join()).rejects.toMatchObject({ code: ErrorCode.PROCESS_STATE });
    p.start();
    expect(() => p.start()).toThrow(expect.objectContaining({ code: ErrorCode.PROCESS_STATE }));
    await p.join();
    p.close();
    expect(() => p.isAlive()).toThrow(expect.objectContaining({ code: ErrorCode.PROCESS_STATE }));
    await expect(p.join()).rejects.toMatchObject({ code: ErrorCode.PROCESS_STATE });
  });

  it('start() with arguments that cannot be cloned throws and leaves the process unstarted', async () => {
    const p = new Process({ target: () => 0, args: [() => 1] });
    expect(() => p.start()).toThrow(/could not be cloned/);
    expect(p.isAlive()).toBe(false);
    await expect(p.join()).rejects.toMatchObject({ code: ErrorCode.PROCESS_STATE });
  });

  it('close() while running throws', async () => {
    const e = new Event();
    const p = new Process({ target: (ev: Event) => ev.waitSync(60), args: [e] });
    p.start();
    expect(() => p.close()).toThrow(expect.objectContaining({ code: ErrorCode.PROCESS_STATE }));
    e.set();
    await p.join();
    expect(p.exitCode).toBe(0);
    p.close();
  });

  it('currentProcess() inside gives the name and ident; MainProcess outside', async () => {
    const q = new Queue();
    const p = new Process({ target: work('identify'), args: [q, 'x'], name: 'worker-A', daemon: true });
    p.start();
    await p.join();
    const seen = (await q.get({ timeout: 10_000 })) as { name: string; ident: number; pid: number; daemon: boolean; extra: string };
    expect(seen).toEqual({ name: 'worker-A', ident: p.ident, pid: process.pid, daemon: true, extra: 'x' });
    expect(currentProcess()).toMatchObject({ name: 'MainProcess', ident: process.pid, pid: process.pid });
  });

  it('activeChildren() lists running children only; cpuCount() is availableParallelism()', async () => {
    const e = new Event();
    const ps = [0, 1].map(() => new Process({ target: (ev: Event) => ev.waitSync(60), args: [e] }));
    for (const p of ps) p.start();
    const active = activeChildren();
    expect(active).toEqual(expect.arrayContaining(ps));
    e.set();
    await Promise.all(ps.map((p) => p.join()));
    expect(activeChildren().filter((p) => ps.includes(p as Process))).toEqual([]);
    expect(cpuCount()).toBe(availableParallelism());
  });
});

describe("Process (context 'process')", () => {
  it('runs in a child process with its own pid', async () => {
    const p = new Process({ target: (n: number) => process.exit(n === 3 ? 0 : 5), args: [3], context: 'process' });
    p.start();
    expect(p.ident).not.toBe(process.pid);
    await p.join();
    expect(p.exitCode).toBe(0);
  });

  it('kill() gives -9 and terminate() -15, from the real signal', async () => {
    for (const [stop, code] of [
      ['terminate', -15],
      ['kill', -9],
    ] as const) {
      const p = new Process({ target: () => new Promise((r) => setTimeout(r, 60_000)), context: 'process' });
      p.start();
      expect(await p.join(50)).toBeUndefined();
      expect(p.isAlive()).toBe(true);
      p[stop]();
      await p.join();
      expect(p.exitCode).toBe(code);
    }
  });

  it('refuses shared objects with a coded error', () => {
    expect(() => new Process({ target: () => 0, args: [{ v: Value('i', 0) }], context: 'process' })).toThrow(
      expect.objectContaining({ code: ErrorCode.SHARED_MEMORY_UNAVAILABLE }),
    );
  });

  it('reports the name and pid through currentProcess(), and exit code 1 for an error', async () => {
    const r = await runNode(fixture('process_context.mjs'));
    expect(r.status).toBe(0);
    const line = JSON.parse(r.stdout.trim().split('\n')[0]!) as { name: string; ident: number; pid: number };
    expect(line.name).toBe('child-P');
    expect(line.ident).toBe(line.pid);
    expect(r.stdout).toContain(`child pid matches ident: true`);
    expect(r.stdout).toContain('failing exitCode: 1');
    expect(r.stderr).toContain('Process failer:');
    expect(r.stderr).toContain('RangeError: child boom');
  });
});

describe('daemon', () => {
  for (const context of ['thread', 'process']) {
    it(`${context}: a non-daemon child keeps the parent alive; a daemon child is stopped at exit`, async () => {
      const r = await runNode(fixture('process_daemon.mjs'), [context], {}, [], 30_000);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('parent done');
      expect(r.stdout).toContain('non-daemon finished');
      expect(r.stdout.split('\n')).not.toContain('daemon finished');
    });
  }
});
