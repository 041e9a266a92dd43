/**
 * Issue 14: maxMemoryPerChild replaces a worker whose V8 heap, measured after
 * a task, passed the limit (as maxTasksPerChild does by count), in both
 * contexts. No clock is read.
 */
import { ErrorCode, Pool, type WorkerExitEvent } from 'corepool';
import { afterEach, describe, expect, it } from 'vitest';

/** Keeps about 80 MB of JS heap alive in the worker (a double array: 8 bytes an element, on the V8 heap). */
const hoard = (): number => {
  const g = globalThis as { kept?: number[] };
  g.kept = new Array(10_000_000).fill(1.5);
  return g.kept.length;
};
/** Whether this worker still holds the hoard. */
const hoarding = (): boolean => (globalThis as { kept?: number[] }).kept !== undefined;

describe.each(['thread', 'process'] as const)('maxMemoryPerChild (%s context)', (context) => {
  let pool: Pool | undefined;
  afterEach(async () => {
    await pool?.terminate();
    pool = undefined;
  });

  it('a worker over the limit after a task is replaced (workerExit cause maxMemoryPerChild)', async () => {
    pool = new Pool({ processes: 1, context, maxMemoryPerChild: 40 });
    const exits: WorkerExitEvent[] = [];
    pool.on('workerExit', (e) => void exits.push(e));
    const replaced = new Promise<WorkerExitEvent>((resolve) => pool!.once('workerExit', resolve));
    expect(await pool.apply(hoard)).toBe(10_000_000);
    expect(await replaced).toMatchObject({ workerId: 1, cause: 'maxMemoryPerChild', error: undefined });
    // The next task runs in a fresh worker.
    expect(await pool.apply(hoarding)).toBe(false);
    expect(pool.stats().perWorker.map((w) => w.id)).toEqual([2]);
  });

  it('a worker under the limit is kept', async () => {
    pool = new Pool({ processes: 1, context, maxMemoryPerChild: 40 });
    const exits: WorkerExitEvent[] = [];
    pool.on('workerExit', (e) => void exits.push(e));
    for (let i = 0; i < 5; i++) expect(await pool.apply(hoarding)).toBe(false);
    expect(
      await pool.map(
        (x: number) => x + 1,
        Array.from({ length: 1000 }, (_, i) => i),
      ),
    ).toHaveLength(1000);
    expect(exits).toEqual([]);
    expect(pool.stats().perWorker.map((w) => w.id)).toEqual([1]);
  });
});

describe('maxMemoryPerChild is validated', () => {
  it.each([
    [0, 'RangeError'],
    [-5, 'RangeError'],
    [Number.NaN, 'RangeError'],
    ['64MB', 'TypeError'],
  ])('%j is refused with a coded %s', (value, name) => {
    expect(() => new Pool({ maxMemoryPerChild: value as number })).toThrow(
      expect.objectContaining({
        name,
        code: ErrorCode.INVALID_OPTION,
        message: expect.stringContaining('options.maxMemoryPerChild must be a number of MB > 0'),
      }),
    );
  });
});
