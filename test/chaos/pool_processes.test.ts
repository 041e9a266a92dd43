/**
 * Chaos for a process Pool: at moments drawn from a seeded PRNG, the test
 * SIGKILLs one of the pool's child processes (its pid is stats().perWorker[].osId),
 * as `kill -9` would. Under every kill: each result is delivered once and
 * right, or its call rejects with WorkerCrashedError (signal SIGKILL); a kill
 * that keeps landing on fresh workers may break the pool, which then rejects
 * with BrokenPoolError (README: three workers in a row dying before a task).
 * Nothing hangs. Children share no memory, so run counts are not checked here
 * (pool_threads.test.ts does that).
 */
import { ErrorCode, Pool, WorkerCrashedError } from 'corepool';
import { afterAll, describe, expect, it } from 'vitest';
import { between, checkOrdered, checkUnordered, drain, expectCrashError, noHang, prng } from './chaos.js';

const f = (g: number): number => 2 * g + 1;

/** About 1 to 3 ms of work, so kills land mid-task. */
function work(g: number): number {
  let s = 0;
  const rounds = 50 + ((g * 7919) % 150);
  for (let k = 0; k < rounds; k++) for (let j = 0; j < 2000; j++) s += Math.sqrt(j);
  return s < 0 ? -1 : 2 * g + 1;
}
const workPair = (g: number): [number, number] => {
  let s = 0;
  for (let k = 0; k < 100; k++) for (let j = 0; j < 2000; j++) s += Math.sqrt(j);
  return [g, s < 0 ? -1 : 2 * g + 1];
};

const tally = { rounds: 0, kills: 0, broken: 0 };

/** SIGKILLs 1 or 2 workers at seeded moments, preferring one that holds tasks. */
function scheduleKills(pool: Pool, rand: () => number): () => void {
  const timers = Array.from({ length: between(rand, 1, 3) }, () => {
    const pick = rand();
    return setTimeout(
      () => {
        const workers = pool.stats().perWorker.filter((w) => w.osId > 0);
        const busy = workers.filter((w) => w.held > 0);
        const from = busy.length > 0 ? busy : workers;
        const victim = from[Math.floor(pick * from.length)];
        if (victim === undefined) return;
        try {
          process.kill(victim.osId, 'SIGKILL');
          tally.kills++;
        } catch {
          // Already gone (retired or replaced between stats() and kill): nothing was killed.
        }
      },
      between(rand, 5, 120),
    );
  });
  return () => timers.forEach(clearTimeout);
}

function expectKillError(error: unknown): void {
  expectCrashError(error);
  if (error instanceof WorkerCrashedError) expect(error.signal).toBe('SIGKILL');
}

/** A working pool computes a follow-up right; a broken one rejects it with BrokenPoolError. */
async function finish(pool: Pool): Promise<void> {
  const follow = pool.map(work, [1, 2, 3], { chunksize: 1 });
  const r = await noHang(
    follow.then(
      (v) => ({ ok: true as const, v }),
      (e: unknown) => ({ ok: false as const, e }),
    ),
    'follow-up',
  );
  if (r.ok) expect(r.v).toEqual([3, 5, 7]);
  else {
    expect(r.e).toMatchObject({ code: ErrorCode.POOL_BROKEN });
    tally.broken++;
  }
  await noHang(pool.terminate(), 'terminate');
  tally.rounds++;
}

type Mode = 'map' | 'apply' | 'imap' | 'imapUnordered';
const CASES: Array<[Mode, number]> = (['map', 'apply', 'imap', 'imapUnordered'] as const).flatMap((m) =>
  [11, 12, 13].map((s) => [m, s] as [Mode, number]),
);

describe('process Pool under random SIGKILL of its children', () => {
  it.each(CASES)('%s (seed %i): nothing lost, nothing duplicated, nothing hangs', async (mode, seed) => {
    const rand = prng(seed);
    const pool = new Pool({ processes: 2, context: 'process' });
    const xs = Array.from({ length: 60 }, (_, i) => i);
    const chunksize = [1, 2, 4][between(rand, 0, 3)]!;
    // Start the workers first: kills then hit running tasks, not start-up.
    await noHang(pool.map(work, [0, 1], { chunksize: 1 }), 'warm-up');
    const stop = scheduleKills(pool, rand);
    if (mode === 'map') {
      const r = await noHang(
        pool.map(work, xs, { chunksize }).then(
          (v) => ({ ok: true as const, v }),
          (e: unknown) => ({ ok: false as const, e }),
        ),
        'map',
      );
      if (r.ok) expect(r.v).toEqual(xs.map(f));
      else expectKillError(r.e);
    } else if (mode === 'apply') {
      const settled = await noHang(Promise.allSettled(xs.map((g) => pool.apply(work, [g]))), 'apply');
      settled.forEach((s, i) => {
        if (s.status === 'fulfilled') expect(s.value).toBe(f(i));
        else expectKillError(s.reason);
      });
    } else if (mode === 'imap') {
      checkOrdered(await noHang(drain(pool.imap(work, xs, { chunksize }), xs.length), 'imap'), xs.length, chunksize, f);
    } else {
      checkUnordered(
        await noHang(drain(pool.imapUnordered(workPair, xs, { chunksize }), xs.length), 'imapUnordered'),
        xs.length,
        chunksize,
        f,
      );
    }
    stop();
    await finish(pool);
  });
});

afterAll(() => {
  console.log(`process pool chaos: ${tally.rounds} rounds, ${tally.kills} SIGKILLs, ${tally.broken} pools broken`);
  if (tally.rounds === CASES.length) expect(tally.kills).toBeGreaterThan(0);
});
