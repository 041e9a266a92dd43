/**
 * Issue 14: `retries` and `retryDelay` send a task again when its worker
 * crashed or it timed out, never when it threw or was aborted; stats()
 * counts them. Each task counts its runs in a file (no shared memory in the
 * process context); no clock is read.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, Pool, type WorkerExitEvent } from 'corepool';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'corepool-retries-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const counter = (): string => join(dir, `runs-${files++}`);
const runs = (path: string): number => Number(readFileSync(path, 'utf8'));
const until = async (check: () => boolean): Promise<void> => {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
};

/** Counts its runs in `path`; the first `crashes` runs exit the worker, the next `hangs` never return. */
const flaky = (path: string, crashes: number, hangs: number): number => {
  const fs = require('node:fs');
  const n = fs.existsSync(path) ? Number(fs.readFileSync(path, 'utf8')) : 0;
  fs.writeFileSync(path, String(n + 1));
  if (n < crashes) process.exit(7);
  if (n < crashes + hangs) for (;;);
  return n + 1;
};
const throwing = (path: string): never => {
  const fs = require('node:fs');
  fs.writeFileSync(path, String((fs.existsSync(path) ? Number(fs.readFileSync(path, 'utf8')) : 0) + 1));
  throw new RangeError('my own error');
};

describe.each(['thread', 'process'] as const)('retries (%s context)', (context) => {
  let pool: Pool | undefined;
  afterEach(async () => {
    await pool?.terminate();
    pool = undefined;
  });

  it('a task whose worker crashed runs again; stats() counts the retry; taskError only for a final failure', async () => {
    pool = new Pool({ processes: 1, context, retries: 1 });
    const errors: unknown[] = [];
    pool.on('taskError', ({ error }) => void errors.push(error));
    const path = counter();
    expect(await pool.apply(flaky, [path, 1, 0])).toBe(2);
    expect(pool.stats()).toMatchObject({ retries: 1, crashes: 1, completed: 1, failed: 0 });
    expect(errors).toEqual([]);
    // Out of retries: the crash reaches the caller.
    const always = counter();
    await expect(pool.apply(flaky, [always, 5, 0])).rejects.toMatchObject({ code: ErrorCode.WORKER_CRASHED, exitCode: 7 });
    expect(runs(always)).toBe(2);
    expect(pool.stats()).toMatchObject({ retries: 2, crashes: 3, failed: 1 });
    expect(errors).toHaveLength(1);
  });

  it('retries: 0 (the default) fails at once', async () => {
    pool = new Pool({ processes: 1, context });
    const path = counter();
    await expect(pool.apply(flaky, [path, 1, 0])).rejects.toMatchObject({ code: ErrorCode.WORKER_CRASHED });
    expect(runs(path)).toBe(1);
    expect(pool.stats().retries).toBe(0);
  });

  it('a task that passed taskTimeout runs again', async () => {
    pool = new Pool({ processes: 1, context, taskTimeout: 200, retries: 2 });
    const path = counter();
    expect(await pool.apply(flaky, [path, 0, 1])).toBe(2);
    expect(pool.stats()).toMatchObject({ retries: 1, completed: 1 });
  });

  it('never retries a task that threw or was aborted', async () => {
    pool = new Pool({ processes: 1, context, retries: 3 });
    const path = counter();
    await expect(pool.apply(throwing, [path])).rejects.toMatchObject({ name: 'RangeError', message: 'my own error' });
    expect(runs(path)).toBe(1);
    const hanging = counter();
    const controller = new AbortController();
    const aborted = pool.apply(flaky, [hanging, 0, 1], { signal: controller.signal });
    // Abort once the task runs (it has counted its run).
    await until(() => existsSync(hanging));
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(runs(hanging)).toBe(1);
    expect(pool.stats().retries).toBe(0);
  });

  it('retryDelay: the retry waits (cancelPending() rejects it meanwhile), then runs', async () => {
    pool = new Pool({ processes: 1, context, retries: 1, retryDelay: 60_000 });
    const crashed = new Promise<WorkerExitEvent>((resolve) => pool!.once('workerExit', resolve));
    const path = counter();
    const waiting = pool.apply(flaky, [path, 1, 0]);
    expect(await crashed).toMatchObject({ cause: 'crash', exitCode: 7 });
    expect(pool.stats()).toMatchObject({ retries: 1, queued: 1 });
    expect(pool.cancelPending()).toBe(1);
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(runs(path)).toBe(1);
    await pool.terminate();

    pool = new Pool({ processes: 1, context, retries: 1, retryDelay: 5 });
    const again = counter();
    expect(await pool.apply(flaky, [again, 1, 0])).toBe(2);
    expect(pool.stats().retries).toBe(1);
  });
});

describe('retries and retryDelay are validated', () => {
  it.each([
    ['retries', -1, 'RangeError', 'options.retries must be an integer >= 0'],
    ['retries', 1.5, 'RangeError', 'options.retries must be an integer >= 0'],
    ['retries', '2', 'TypeError', 'options.retries must be an integer >= 0'],
    ['retryDelay', -1, 'RangeError', 'options.retryDelay must be a finite number of milliseconds >= 0'],
    ['retryDelay', Infinity, 'RangeError', 'options.retryDelay must be a finite number of milliseconds >= 0'],
    ['retryDelay', '5ms', 'TypeError', 'options.retryDelay must be a finite number of milliseconds >= 0'],
  ])('options.%s = %j is refused with a coded %s', (key, value, name, message) => {
    expect(() => new Pool({ [key]: value })).toThrow(
      expect.objectContaining({ name, code: ErrorCode.INVALID_OPTION, message: expect.stringContaining(message) }),
    );
  });

  it('an unknown key names the nearest option', () => {
    expect(() => new Pool({ retrys: 1 } as never)).toThrow(
      expect.objectContaining({ message: expect.stringContaining('did you mean retries?') }),
    );
  });
});
