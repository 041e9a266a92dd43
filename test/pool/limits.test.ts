/**
 * Issue 14, point 2: per-call `timeout` (counted from the task's start, not
 * from submission), `currentTask().signal` inside a task, and `abortGrace`
 * (a task that winds down in time keeps its worker). Tasks report through
 * files (no shared memory in the process context); no clock is asserted on.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentTask, ErrorCode, Pool, type WorkerExitEvent } from 'corepool';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'corepool-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const file = (): string => join(dir, `f-${files++}`);
const until = async (check: () => boolean): Promise<void> => {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
};

/** Shipped functions name `currentTask` as written here (the worker provides it); see README. */
const ct = 'currentTask';
/** Writes its worker id to `started`, waits for its signal, writes the reason's name to `done` and returns. */
const cooperative = new Function(
  'started',
  'done',
  `return (async () => {
    const fs = require('node:fs');
    const task = ${ct}();
    // Written then renamed: the test polls for the file, and must never read it half written (one CI run read '').
    const put = (file, text) => { fs.writeFileSync(file + '.tmp', text); fs.renameSync(file + '.tmp', file); };
    put(started, String(task.workerId));
    await new Promise((resolve) => task.signal.addEventListener('abort', resolve, { once: true }));
    put(done, task.signal.reason.name);
    return 'wound down';
  })();`,
) as (started: string, done: string) => Promise<string>;
/** Writes `started`, then never settles and ignores its signal. */
const stubborn = (started: string): Promise<never> => {
  require('node:fs').writeFileSync(started, 'x');
  return new Promise<never>(() => {});
};
const workerId = new Function(`return ${ct}().workerId;`) as () => number;
const sleep = (ms: number): Promise<number> => new Promise((r) => setTimeout(() => r(ms), ms));

/** The next workerExit event. */
const nextExit = (pool: Pool): Promise<WorkerExitEvent> => new Promise((resolve) => pool.once('workerExit', resolve));

describe('currentTask outside a pool task', () => {
  it('returns undefined on the main thread', () => {
    expect(currentTask()).toBeUndefined();
  });
});

describe.each(['thread', 'process'] as const)('per-call limits (%s context)', (context) => {
  let pool: Pool | undefined;
  afterEach(async () => {
    await pool?.terminate();
    pool = undefined;
  });

  it('timeout counts from the task start: a task queued behind a slow one does not time out', async () => {
    pool = new Pool({ processes: 1, context });
    const slow = pool.apply(sleep, [300]);
    const quick = pool.apply((x: number) => x + 1, [1], { timeout: 100 });
    expect(await quick).toBe(2);
    expect(await slow).toBe(300);
  });

  it('an overdue task rejects with TimeoutError ERR_TASK_TIMEOUT and its worker is replaced', async () => {
    pool = new Pool({ processes: 1, context, taskTimeout: 60_000 });
    const exit = nextExit(pool);
    const error = await pool.apply(() => new Promise(() => {}), [], { timeout: 50 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TimeoutError', code: ErrorCode.TASK_TIMEOUT });
    expect((error as Error).message).toMatch(/its timeout \(50 ms\)/);
    expect(await exit).toMatchObject({ cause: 'taskTimeout' });
    expect(await pool.apply((x: number) => x * 2, [21])).toBe(42);
  });

  it('a per-call timeout overrides taskTimeout (Infinity lifts it)', async () => {
    pool = new Pool({ processes: 1, context, taskTimeout: 40 });
    expect(await pool.apply(sleep, [120], { timeout: Infinity })).toBe(120);
    await expect(pool.apply(sleep, [120])).rejects.toMatchObject({ code: ErrorCode.TASK_TIMEOUT });
  });

  it('map, starmap and imap apply the timeout per task (chunk)', async () => {
    pool = new Pool({ processes: 2, context });
    const hangOn3 = (x: number): Promise<number> | number => (x === 3 ? new Promise<number>(() => {}) : x);
    await expect(pool.map(hangOn3, [1, 2, 3, 4], { chunksize: 1, timeout: 50 })).rejects.toMatchObject({ code: ErrorCode.TASK_TIMEOUT });
    await expect(
      pool.starmap((a: number, b: number) => (a + b === 3 ? new Promise(() => {}) : 0), [[1, 2]], { timeout: 50 }),
    ).rejects.toMatchObject({
      code: ErrorCode.TASK_TIMEOUT,
    });
    // Each chunk gets the whole timeout, whatever the call's total time.
    expect(await pool.map(sleep, [30, 30, 30, 30], { chunksize: 1, timeout: 1000 })).toEqual([30, 30, 30, 30]);
    const out: unknown[] = [];
    const it = pool.imap(hangOn3, [1, 3, 5], { timeout: 50 });
    out.push(await it.next());
    out.push(await it.next().catch((e: { code: string }) => e.code));
    out.push(await it.next());
    expect(out).toEqual([{ done: false, value: 1 }, ErrorCode.TASK_TIMEOUT, { done: false, value: 5 }]);
  });

  it('currentTask() inside a task gives its signal, not aborted, and its worker id', async () => {
    pool = new Pool({ processes: 1, context });
    const fn = new Function(
      `return (() => { const t = ${ct}(); return [t.signal instanceof AbortSignal, t.signal.aborted, t.workerId]; })();`,
    );
    expect(await pool.apply(fn as () => unknown[])).toEqual([true, false, 1]);
  });

  it('abortGrace: an aborted task sees its signal, winds down and keeps its worker; the call rejects with AbortError', async () => {
    pool = new Pool({ processes: 1, context, abortGrace: 10_000 });
    const exits: WorkerExitEvent[] = [];
    pool.on('workerExit', (e) => exits.push(e));
    const [started, done] = [file(), file()];
    const controller = new AbortController();
    const call = pool.apply(cooperative, [started, done], { signal: controller.signal });
    await until(() => existsSync(started));
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    await until(() => existsSync(done));
    expect(readFileSync(done, 'utf8')).toBe('AbortError');
    expect(await pool.apply(workerId)).toBe(Number(readFileSync(started, 'utf8')));
    expect(exits).toEqual([]);
  });

  it('abortGrace: a timed-out task that winds down keeps its worker; the call rejects with TimeoutError', async () => {
    pool = new Pool({ processes: 1, context, abortGrace: 10_000 });
    const exits: WorkerExitEvent[] = [];
    pool.on('workerExit', (e) => exits.push(e));
    const [started, done] = [file(), file()];
    await expect(pool.apply(cooperative, [started, done], { timeout: 50 })).rejects.toMatchObject({ code: ErrorCode.TASK_TIMEOUT });
    expect(readFileSync(done, 'utf8')).toBe('TimeoutError');
    expect(await pool.apply(workerId)).toBe(Number(readFileSync(started, 'utf8')));
    expect(exits).toEqual([]);
  });

  it('abortGrace with retries: a timed-out run that wound down is sent again on the same worker', async () => {
    pool = new Pool({ processes: 1, context, abortGrace: 10_000, retries: 1 });
    const exits: WorkerExitEvent[] = [];
    pool.on('workerExit', (e) => exits.push(e));
    const runs = file();
    // The first run waits for its signal (the timeout) and returns; the second returns at once.
    const twice = new Function(
      'path',
      `return (async () => {
        const fs = require('node:fs');
        const n = fs.existsSync(path) ? Number(fs.readFileSync(path, 'utf8')) : 0;
        fs.writeFileSync(path, String(n + 1));
        if (n === 0) await new Promise((resolve) => ${ct}().signal.addEventListener('abort', resolve, { once: true }));
        return 'run ' + (n + 1);
      })();`,
    ) as (path: string) => Promise<string>;
    expect(await pool.apply(twice, [runs], { timeout: 50 })).toBe('run 2');
    expect(pool.stats().retries).toBe(1);
    expect(exits).toEqual([]);
  });

  it('abortGrace: a task that ignores its signal is stopped when the grace ends', async () => {
    pool = new Pool({ processes: 1, context, abortGrace: 50 });
    const started = file();
    const controller = new AbortController();
    const call = pool.apply(stubborn, [started], { signal: controller.signal });
    await until(() => existsSync(started));
    const exit = nextExit(pool);
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect(await exit).toMatchObject({ cause: 'abort' });
    const exit2 = nextExit(pool);
    await expect(pool.apply(() => new Promise(() => {}), [], { timeout: 30 })).rejects.toMatchObject({ code: ErrorCode.TASK_TIMEOUT });
    expect(await exit2).toMatchObject({ cause: 'taskTimeout' });
  });

  it('abortGrace: a CPU-bound task cannot see its signal and is stopped when the grace ends', async () => {
    pool = new Pool({ processes: 1, context, abortGrace: 30 });
    const exit = nextExit(pool);
    await expect(
      pool.apply(
        () => {
          for (;;);
        },
        [],
        { timeout: 30 },
      ),
    ).rejects.toMatchObject({ code: ErrorCode.TASK_TIMEOUT });
    expect(await exit).toMatchObject({ cause: 'taskTimeout' });
  });
});

describe('limits options are validated', () => {
  it('timeout must be a number > 0; unknown keys name the nearest option', async () => {
    const pool = new Pool({ processes: 1 });
    try {
      for (const bad of [0, -1, Number.NaN, '5']) {
        await expect(pool.apply(() => 1, [], { timeout: bad as number })).rejects.toMatchObject({
          code: ErrorCode.INVALID_OPTION,
          message: expect.stringMatching(/^options\.timeout must be a number of milliseconds > 0/),
        });
        await expect(pool.map((x: number) => x, [1], { timeout: bad as number })).rejects.toMatchObject({ code: ErrorCode.INVALID_OPTION });
      }
      await expect(pool.apply(() => 1, [], { timout: 5 } as never)).rejects.toThrow(/did you mean timeout\?/);
      await expect(pool.imap((x: number) => x, [1], { timeout: -1 }).next()).rejects.toMatchObject({ code: ErrorCode.INVALID_OPTION });
    } finally {
      await pool.terminate();
    }
  });

  it('abortGrace must be a finite number >= 0', () => {
    for (const bad of [-1, Infinity, Number.NaN, '5'])
      expect(() => new Pool({ processes: 1, abortGrace: bad as number })).toThrow(/options\.abortGrace must be a finite number/);
    expect(() => new Pool({ processes: 1, abortGrace: 1, abortGrase: 1 } as never)).toThrow(/did you mean abortGrace\?/);
  });
});

describe.each(['thread', 'process'] as const)('terminate() and abortGrace (%s context)', (context) => {
  it("fires the running task's signal and stops the worker once the task has wound down", async () => {
    const pool = new Pool({ processes: 1, context, abortGrace: 10_000 });
    const exits: WorkerExitEvent[] = [];
    pool.on('workerExit', (e) => exits.push(e));
    const [started, done] = [file(), file()];
    const call = pool.apply(cooperative, [started, done]).catch((e: unknown) => e);
    const queued = pool.apply((x: number) => x, [1]).catch((e: unknown) => e);
    await until(() => existsSync(started));
    await pool.terminate();
    expect(readFileSync(done, 'utf8')).toBe('AbortError');
    expect(await call).toMatchObject({ code: ErrorCode.POOL_TERMINATED });
    expect(await queued).toMatchObject({ code: ErrorCode.POOL_TERMINATED });
    expect(exits.map((e) => e.cause)).toEqual(['terminate']);
  });

  it('stops a task that ignores its signal when the grace ends', async () => {
    const pool = new Pool({ processes: 1, context, abortGrace: 50 });
    const started = file();
    const call = pool.apply(stubborn, [started]).catch((e: unknown) => e);
    await until(() => existsSync(started));
    await pool.terminate();
    expect(await call).toMatchObject({ code: ErrorCode.POOL_TERMINATED });
  });
});
