/**
 * Issue 14, Pool and Executor II: cancelPending() and priorities with aging,
 * in both contexts. No clock is read: with one worker, tasks run one at a
 * time in the order the queue hands them out, and results (so callbacks and
 * onProgress) arrive in that order. Tasks submitted in one synchronous block
 * are all queued before the first dispatch (a microtask), so the queue alone
 * decides the order.
 */
import { AbortError, CancelledError, ErrorCode, Executor, kernels, Pool } from 'corepool';
import { afterEach, describe, expect, it } from 'vitest';

const id = <T>(x: T): T => x;
const nap = (ms: number): Promise<number> => new Promise((r) => setTimeout(() => r(ms), ms));
/** Lets the dispatch microtask run, without letting any worker message in. */
const microtasks = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await Promise.resolve();
};
const settle = <T>(p: PromiseLike<T>): Promise<{ ok: boolean; value: unknown }> =>
  Promise.resolve(p).then(
    (value) => ({ ok: true, value }),
    (value: unknown) => ({ ok: false, value }),
  );

describe.each(['thread', 'process'] as const)('Pool scheduling (%s context)', (context) => {
  let pool: Pool | undefined;
  afterEach(async () => {
    await pool?.terminate();
    pool = undefined;
  });

  describe('cancelPending()', () => {
    it('rejects every queued task with AbortError and leaves the running one alone', async () => {
      pool = new Pool({ processes: 1, context });
      await pool.apply(id, [0]);
      const running = pool.applyAsync(nap, [30]);
      await microtasks();
      expect(pool.stats()).toMatchObject({ running: 1, queued: 0 });
      const queued = [1, 2, 3].map((x) => pool!.applyAsync((y: number) => y * 2, [x]));
      const mapped = settle(pool.map((y: number) => y + 1, [1, 2, 3, 4], { chunksize: 1 }));
      expect(pool.stats().queued).toBe(7);
      expect(pool.cancelPending()).toBe(7);
      expect(pool.stats().queued).toBe(0);
      expect(await running.get()).toBe(30);
      for (const r of queued) {
        const error = await settle(r);
        expect(error.ok).toBe(false);
        expect(error.value).toBeInstanceOf(AbortError);
        expect(error.value).toMatchObject({ name: 'AbortError', code: 'ABORT_ERR' });
      }
      expect(await mapped).toMatchObject({ ok: false, value: { name: 'AbortError' } });
      // The pool goes on.
      expect(pool.state).toBe('running');
      expect(await pool.map((y: number) => y * 3, [1, 2, 3])).toEqual([3, 6, 9]);
      expect(pool.cancelPending()).toBe(0);
    });

    it('an imap yields AbortError for its cancelled chunks and goes on', async () => {
      pool = new Pool({ processes: 1, context });
      await pool.apply(id, [0]);
      const blocker = pool.applyAsync(nap, [20]);
      await microtasks();
      const it = pool.imap((y: number) => y * 10, [1, 2, 3], { buffersize: 2 });
      const first = it.next();
      await microtasks();
      expect(pool.cancelPending()).toBe(2);
      expect(await settle(first)).toMatchObject({ ok: false, value: { name: 'AbortError' } });
      expect(await settle(it.next())).toMatchObject({ ok: false, value: { name: 'AbortError' } });
      expect(await it.next()).toEqual({ done: false, value: 30 });
      expect((await it.next()).done).toBe(true);
      await blocker;
    });

    it('reaches kernel-reference calls waiting for their turn', async () => {
      pool = new Pool({ processes: 1, context });
      const a = new Float64Array([1, 2]);
      const [first, ...rest] = [0, 1, 2].map(() => pool!.applyAsync(kernels.sum, [a]));
      expect(pool.cancelPending()).toBe(2);
      expect(await first).toBe(3);
      for (const r of rest) expect(await settle(r)).toMatchObject({ ok: false, value: { name: 'AbortError' } });
    });

    it('a closed pool still finishes after cancelPending()', async () => {
      pool = new Pool({ processes: 1, context });
      await pool.apply(id, [0]);
      const running = pool.applyAsync(nap, [20]);
      await microtasks();
      const queued = pool.applyAsync(id, [1]);
      pool.close();
      expect(pool.cancelPending()).toBe(1);
      await pool.join();
      expect(await running).toBe(20);
      expect(await settle(queued)).toMatchObject({ ok: false, value: { name: 'AbortError' } });
    });
  });

  describe('priority', () => {
    it('higher priority goes first, FIFO within a priority (every submitting call takes it)', async () => {
      for (const priorityAging of [Infinity, undefined]) {
        pool = new Pool({ processes: 1, context, priorityAging });
        await pool.apply(id, [0]);
        const order: string[] = [];
        const calls: Array<[string, number | undefined]> = [
          ['a0', undefined],
          ['b5', 5],
          ['c-1', -1],
          ['d5', 5],
          ['e0.5', 0.5],
          ['f0', 0],
          ['g9', 9],
          ['h-1', -1],
        ];
        const results = calls.map(([label, priority]) =>
          pool!.applyAsync((x: string) => x, [label], { priority, callback: (v) => void order.push(v) }),
        );
        await Promise.all(results);
        expect(order).toEqual(['g9', 'b5', 'd5', 'e0.5', 'a0', 'f0', 'c-1', 'h-1']);
        await pool.terminate();
      }
    });

    it('map, starmap, imap and parallelFor chunks take their call priority', async () => {
      pool = new Pool({ processes: 1, context, priorityAging: Infinity });
      await pool.apply(id, [0]);
      const order: string[] = [];
      const progress = (label: string) => (done: number) => void order.push(`${label}${done}`);
      const low = pool.map(id, [1, 2], { chunksize: 1, onProgress: progress('map') });
      const star = pool.starmap((a: number, b: number) => a + b, [[1, 2]], { priority: 1, onProgress: progress('star') });
      const high = pool.mapAsync(id, [1, 2], { chunksize: 1, priority: 3, onProgress: progress('mapAsync') });
      const blocks = pool.parallelFor(2, (s: number, e: number) => e - s, { blocks: 2, priority: 2, onProgress: progress('for') });
      expect(await Promise.all([low, star, high, blocks])).toEqual([[1, 2], [3], [1, 2], [1, 1]]);
      expect(order).toEqual(['mapAsync1', 'mapAsync2', 'for1', 'for2', 'star1', 'map1', 'map2']);
      const it = pool.imapUnordered((x: number) => x, [7, 8], { priority: 4 });
      const values: number[] = [];
      for await (const v of it) values.push(v);
      expect(values.sort()).toEqual([7, 8]);
    });

    it('kernel references queue by priority too (at most `processes` run at once)', async () => {
      pool = new Pool({ processes: 1, context, priorityAging: Infinity });
      const order: string[] = [];
      const a = new Float64Array([1, 2]);
      const calls = (
        [
          ['first', 0],
          ['low', 1],
          ['high', 5],
          ['mid', 2],
        ] as const
      ).map(([label, priority]) => pool!.applyAsync(kernels.sum, [a], { priority, callback: () => void order.push(label) }));
      expect(await Promise.all(calls)).toEqual([3, 3, 3, 3]);
      // The first starts at once; the others wait for it and go by priority.
      expect(order).toEqual(['first', 'high', 'mid', 'low']);
    });

    it('aging ends starvation: a low-priority task runs while higher-priority work keeps coming', async () => {
      // The stream keeps 16 priority-10 tasks out and stops at LIMIT or once the low task is done. Each task
      // spins for half a millisecond, so a worker holds only a few (see dispatch.ts) and the rest wait in the queue.
      const LIMIT = 20_000;
      const spin = (label: string): string => {
        const end = performance.now() + 0.5;
        while (performance.now() < end);
        return label;
      };
      const race = async (priorityAging: number, limit: number): Promise<number> => {
        const p = new Pool({ processes: 1, context, priorityAging });
        pool = p;
        await p.apply(spin, ['warm']);
        let submitted = 0;
        let highDone = 0;
        let lowDone = false;
        let stream!: () => void;
        const finished = new Promise<void>((resolve) => {
          stream = (): void => {
            if (lowDone || submitted >= limit) {
              if (highDone === submitted) resolve();
              return;
            }
            submitted++;
            p.applyAsync(spin, ['high'], {
              priority: 10,
              callback: () => {
                highDone++;
                stream();
              },
            });
          };
        });
        for (let i = 0; i < 16; i++) stream();
        const low = p.applyAsync(spin, ['low']);
        await low;
        const before = highDone;
        lowDone = true;
        stream();
        await finished;
        return before;
      };
      // Without aging the low task waits for the whole stream…
      expect(await race(Infinity, 200)).toBe(200);
      await pool?.terminate();
      // …with aging (one level per ms) it overtakes the stream once it has waited 10 ms (LIMIT tasks take 10 s).
      const overtaken = await race(1, LIMIT);
      expect(overtaken).toBeGreaterThan(0);
      expect(overtaken).toBeLessThan(LIMIT);
    });

    it('priority is validated: a finite number', async () => {
      pool = new Pool({ processes: 1, context });
      for (const [priority, name] of [
        ['1', 'TypeError'],
        [Number.NaN, 'RangeError'],
        [Infinity, 'RangeError'],
      ] as const) {
        expect(await settle(pool.apply(id, [1], { priority: priority as number }))).toMatchObject({
          ok: false,
          value: { name, code: ErrorCode.INVALID_OPTION, message: expect.stringContaining('options.priority must be a finite number') },
        });
      }
    });
  });
});

describe('Pool priorityAging option', () => {
  it('is a number of ms > 0 or Infinity', () => {
    expect(() => new Pool({ priorityAging: 0 })).toThrow(
      expect.objectContaining({
        name: 'RangeError',
        code: ErrorCode.INVALID_OPTION,
        message: expect.stringContaining('options.priorityAging must be'),
      }),
    );
    expect(() => new Pool({ priorityAging: '1s' as never })).toThrow(expect.objectContaining({ name: 'TypeError' }));
    expect(() => new Pool({ priorityAgeing: 5 } as never)).toThrow(
      expect.objectContaining({ message: expect.stringContaining('did you mean priorityAging?') }),
    );
  });
});

describe.each(['thread', 'process'] as const)('Executor.cancelPending() (%s context)', (context) => {
  it('cancels the futures no worker has taken; the running one finishes', async () => {
    const executor = new Executor({ maxWorkers: 1, context });
    try {
      await executor.submit(id, 0);
      const running = executor.submit(nap, 20);
      // Until it starts, the call is cancellable too (in a thread worker even once handed over).
      while (!running.running()) await new Promise((resolve) => setTimeout(resolve, 1));
      const queued = [1, 2, 3].map((x) => executor.submit((y: number) => y * 2, x));
      expect(executor.cancelPending()).toBe(3);
      for (const f of queued) {
        expect(f.cancelled()).toBe(true);
        await expect(f.result()).rejects.toBeInstanceOf(CancelledError);
      }
      expect(await running.result()).toBe(20);
      expect(await executor.submit(id, 5)).toBe(5);
    } finally {
      await executor.shutdown();
    }
  });
});
