/**
 * Chaos for a thread Pool: at moments drawn from a seeded PRNG, the main
 * thread arms a kill switch in shared memory and the first task that sees it
 * calls process.exit inside its worker. Under every kill: each item's result
 * is delivered exactly once or its call rejects with WorkerCrashedError, no
 * task runs twice (a shared run counter per item), nothing hangs, and the
 * pool keeps working (README, Pool crash contract).
 */
import { ErrorCode, Pool } from 'corepool';
import { afterAll, describe, expect, it } from 'vitest';
import { between, checkOrdered, checkUnordered, drain, expectCrashError, noHang, prng } from './chaos.js';

// ctl[0]: kills still to do (armed), ctl[1]: kills done, ctl[RUNS + id]: times item `id` ran.
const RUNS = 2;
const MAX_ITEMS = 4096;
const f = (g: number): number => 2 * g + 1;

/** Runs in the worker: counts its run, spins a while polling the kill switch, returns 2g + 1. */
function work(g: number): number {
  const ctl = (globalThis as unknown as { chaosCtl: Int32Array }).chaosCtl;
  Atomics.add(ctl, 2 + g, 1);
  // Tasks of varying length (about 0.1 to 1 ms), so kills land in the middle of batches.
  const rounds = 20 + ((g * 7919) % 100);
  let s = 0;
  for (let k = 0; k < rounds; k++) {
    const armed = Atomics.load(ctl, 0);
    if (armed > 0 && Atomics.compareExchange(ctl, 0, armed, armed - 1) === armed) {
      Atomics.add(ctl, 1, 1);
      process.exit(86);
    }
    for (let j = 0; j < 2000; j++) s += Math.sqrt(j);
  }
  return s < 0 ? -1 : 2 * g + 1;
}

const workPair = (g: number): [number, number] => {
  const w = (globalThis as unknown as { chaosWork: (g: number) => number }).chaosWork;
  return [g, w(g)];
};

interface Round {
  pool: Pool;
  ctl: Int32Array;
  rand: () => number;
  /** Next unused item id: each call's items are fresh, so run counts never mix. */
  next: number;
}

function startRound(seed: number): Round {
  const ctl = new Int32Array(new SharedArrayBuffer(4 * (RUNS + MAX_ITEMS)));
  const rand = prng(seed);
  const maxTasksPerChild = rand() < 0.3 ? 5 : undefined;
  const pool = new Pool({
    processes: 2,
    maxTasksPerChild,
    initializer: (c: Int32Array, src: string) => {
      const g = globalThis as unknown as { chaosCtl: Int32Array; chaosWork: unknown };
      g.chaosCtl = c;
      g.chaosWork = new Function(`return (${src})`)();
    },
    initargs: [ctl, work.toString()],
  });
  return { pool, ctl, rand, next: 0 };
}

function items(round: Round, n: number): number[] {
  const out = Array.from({ length: n }, (_, i) => round.next + i);
  round.next += n;
  return out;
}

/** Arms 1 to 3 kills at seeded moments (a count, so that arms close together still kill several workers); returns a stop function. */
function scheduleKills(round: Round): () => void {
  const timers = Array.from({ length: between(round.rand, 1, 4) }, () =>
    setTimeout(() => Atomics.add(round.ctl, 0, 1), between(round.rand, 0, 60)),
  );
  return () => {
    for (const t of timers) clearTimeout(t);
    Atomics.store(round.ctl, 0, 0);
  };
}

/** The pool still works, then drains; afterwards no item ever ran twice. */
async function finishRound(round: Round): Promise<void> {
  const check = items(round, 8);
  expect(await noHang(round.pool.map(work, check, { chunksize: 1 }), 'follow-up map')).toEqual(check.map(f));
  round.pool.close();
  await noHang(round.pool.join(), 'join');
  for (let g = 0; g < round.next; g++) expect(round.ctl[RUNS + g], `item ${g} ran twice`).toBeLessThanOrEqual(1);
  expect(round.pool.stats().crashes).toBe(round.ctl[1]);
  tally.rounds++;
  tally.kills += round.ctl[1]!;
}

const tally = { rounds: 0, kills: 0 };
afterAll(() => {
  // Not vacuous: across all rounds some kills must have landed (the first arms come within ms of a call's start).
  console.log(`thread pool chaos: ${tally.rounds} rounds, ${tally.kills} workers killed`);
  if (tally.rounds === 24) expect(tally.kills).toBeGreaterThan(0);
});

const SEEDS = [1, 2, 3, 4, 5, 6];

describe('thread Pool under random process.exit in its workers', () => {
  it.each(SEEDS)('map (seed %i): the exact results, or WorkerCrashedError after a kill', async (seed) => {
    const round = startRound(seed);
    const xs = items(round, 120);
    const chunksize = [1, 3, 8][between(round.rand, 0, 3)];
    const stop = scheduleKills(round);
    const result = await noHang(
      round.pool.map(work, xs, { chunksize }).then(
        (v) => ({ ok: true as const, v }),
        (e: unknown) => ({ ok: false as const, e }),
      ),
      'map',
    );
    stop();
    if (result.ok) {
      expect(result.v).toEqual(xs.map(f));
      for (const g of xs) expect(round.ctl[RUNS + g]).toBe(1);
    } else {
      expectCrashError(result.e, [ErrorCode.WORKER_CRASHED]);
      expect(round.ctl[1]).toBeGreaterThan(0);
    }
    await finishRound(round);
  });

  it.each(SEEDS)('applyAsync x120 (seed %i): each task resolves once or rejects once; rejected ones ran', async (seed) => {
    const round = startRound(seed);
    const xs = items(round, 120);
    const stop = scheduleKills(round);
    const settled = await noHang(Promise.allSettled(xs.map((g) => round.pool.apply(work, [g]))), 'applyAsync');
    stop();
    let rejected = 0;
    settled.forEach((s, i) => {
      const g = xs[i]!;
      if (s.status === 'fulfilled') {
        expect(s.value).toBe(f(g));
        expect(round.ctl[RUNS + g]).toBe(1);
      } else {
        expectCrashError(s.reason, [ErrorCode.WORKER_CRASHED]);
        // Unstarted tasks are re-queued, so a rejected task is one that ran (blamed, or its result was lost).
        expect(round.ctl[RUNS + g], `rejected item ${g} never ran`).toBe(1);
        rejected++;
      }
    });
    // Each kill blames the task that ran it; lost finished results may add more.
    expect(rejected).toBeGreaterThanOrEqual(round.ctl[1]!);
    await finishRound(round);
  });

  it.each(SEEDS)('imap (seed %i): input order, each chunk whole or one rejected next()', async (seed) => {
    const round = startRound(seed);
    const xs = items(round, 120);
    const chunksize = [1, 2, 5][between(round.rand, 0, 3)]!;
    const stop = scheduleKills(round);
    const outcomes = await noHang(drain(round.pool.imap(work, xs, { chunksize }), xs.length), 'imap');
    stop();
    const failed = checkOrdered(outcomes, xs.length, chunksize, (i) => f(xs[i]!));
    if (round.ctl[1] === 0) expect(failed).toBe(0);
    await finishRound(round);
  });

  it.each(SEEDS)('imapUnordered (seed %i): no index twice, missing ones are whole failed chunks', async (seed) => {
    const round = startRound(seed);
    const xs = items(round, 120);
    const chunksize = [1, 2, 5][between(round.rand, 0, 3)]!;
    const stop = scheduleKills(round);
    const outcomes = await noHang(drain(round.pool.imapUnordered(workPair, xs, { chunksize }), xs.length), 'imapUnordered');
    stop();
    const local = outcomes.map((o) => (o.ok ? { ok: true as const, value: [o.value[0] - xs[0]!, o.value[1]] as [number, number] } : o));
    const failed = checkUnordered(local, xs.length, chunksize, (i) => f(xs[i]!));
    if (round.ctl[1] === 0) expect(failed).toBe(0);
    await finishRound(round);
  });
});
