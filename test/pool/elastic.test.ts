/**
 * Issue 14: minWorkers / maxWorkers / idleTimeout. An elastic pool starts
 * minWorkers, grows to maxWorkers while tasks wait with no free worker, and
 * stops the extra workers once idle for idleTimeout ms; both contexts. No
 * elapsed time is asserted: the tests wait for a state, boundedly.
 */
import { ErrorCode, Pool, type WorkerExitEvent } from 'corepool';
import { afterEach, describe, expect, it } from 'vitest';

const nap = (ms: number): Promise<number> => new Promise((r) => setTimeout(() => r(ms), ms));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** Waits (at most ~10 s) until `check()` holds. */
const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 500 && !check(); i++) await sleep(20);
};

describe.each(['thread', 'process'] as const)('elastic pool (%s context)', (context) => {
  let pool: Pool | undefined;
  afterEach(async () => {
    await pool?.terminate();
    pool = undefined;
  });

  it('starts minWorkers, grows to maxWorkers under load, shrinks back after idleTimeout', async () => {
    pool = new Pool({ minWorkers: 1, maxWorkers: 3, idleTimeout: 30, context });
    expect(pool.processes).toBe(3);
    expect(pool.stats().workers).toBe(1);
    const exits: WorkerExitEvent[] = [];
    pool.on('workerExit', (e) => void exits.push(e));
    let created = 0;
    pool.on('workerCreate', () => void created++);
    // Six tasks wait and the one worker is still starting: two more start at the first dispatch.
    const results = [1, 2, 3, 4, 5, 6].map((ms) => pool!.applyAsync(nap, [ms]));
    await Promise.resolve();
    expect(pool.stats().workers).toBe(3);
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4, 5, 6]);
    // Never more than maxWorkers (a worker done early may already be idling out).
    expect(created).toBe(3);
    await until(() => pool!.stats().workers === 1);
    expect(pool.stats().workers).toBe(1);
    expect(exits.map((e) => e.cause)).toEqual(['idle', 'idle']);
    // The last one stays: it is a minWorker.
    await sleep(150);
    expect(pool.stats().workers).toBe(1);
    // It grows again under load (a function not measured yet goes one task per worker).
    const snooze = (ms: number): Promise<string> => new Promise((r) => setTimeout(() => r(`slept ${ms}`), ms));
    const again = [1, 2, 3].map((ms) => pool!.applyAsync(snooze, [ms]));
    await Promise.resolve();
    expect(pool.stats().workers).toBe(3);
    expect(await Promise.all(again)).toEqual(['slept 1', 'slept 2', 'slept 3']);
  });

  it('minWorkers: 0 starts no worker until work comes, and grows one worker per waiting task', async () => {
    pool = new Pool({ minWorkers: 0, maxWorkers: 4, context });
    expect(pool.stats().workers).toBe(0);
    expect(await pool.apply((x: number) => x * 2, [21])).toBe(42);
    expect(pool.stats().workers).toBe(1);
    const two = [pool.applyAsync(nap, [5]), pool.applyAsync(nap, [6])];
    await Promise.resolve();
    // One task for the idle worker, one more worker for the other.
    expect(pool.stats().workers).toBe(2);
    expect(await Promise.all(two)).toEqual([5, 6]);
  });

  it('a crashed worker is replaced up to minWorkers only', async () => {
    pool = new Pool({ minWorkers: 1, maxWorkers: 2, context });
    await expect(pool.apply(() => process.exit(3))).rejects.toMatchObject({ code: ErrorCode.WORKER_CRASHED });
    await until(() => pool!.stats().workers === 1);
    expect(pool.stats().workers).toBe(1);
    expect(await pool.apply((x: number) => x + 1, [1])).toBe(2);
  });
});

describe('minWorkers and maxWorkers are validated', () => {
  it.each([
    [{ maxWorkers: 0 }, 'RangeError', 'options.maxWorkers must be an integer >= 1'],
    [{ maxWorkers: '2' }, 'TypeError', 'options.maxWorkers must be an integer >= 1'],
    [{ processes: 2, maxWorkers: 3 }, 'RangeError', 'options.maxWorkers must be equal to options.processes (2) when both are given'],
    [{ minWorkers: -1 }, 'RangeError', 'options.minWorkers must be an integer >= 0'],
    [{ minWorkers: 1.5 }, 'RangeError', 'options.minWorkers must be an integer >= 0'],
    [{ minWorkers: 3, maxWorkers: 2 }, 'RangeError', 'options.minWorkers must be an integer from 0 to maxWorkers (2)'],
  ])('%j is refused with a coded %s', (options, name, message) => {
    expect(() => new Pool(options as never)).toThrow(
      expect.objectContaining({ name, code: ErrorCode.INVALID_OPTION, message: expect.stringContaining(message) }),
    );
  });

  it('processes and maxWorkers name one option', async () => {
    const pool = new Pool({ processes: 2, maxWorkers: 2, minWorkers: 2 });
    expect(pool.processes).toBe(2);
    expect(pool.stats().workers).toBe(2);
    await pool.terminate();
    expect(() => new Pool({ minWorker: 1 } as never)).toThrow(
      expect.objectContaining({ message: expect.stringContaining('did you mean minWorkers?') }),
    );
  });
});
