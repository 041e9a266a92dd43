import { Barrier, BrokenBarrierError, ErrorCode } from 'corepool';
import { describe, expect, it } from 'vitest';
import { spawn, until } from './workers.js';

type BarrierResult = { ok?: number; code?: string; actionRuns: number };

describe('Barrier across threads', () => {
  it('3 workers and the main thread meet; indices are distinct; the action runs once, in the last arrival', async () => {
    let runs = 0;
    const barrier = new Barrier(4, { action: () => runs++ });
    const workers = Array.from({ length: 3 }, () => spawn('barrier', { barrier, timeout: 30_000 }));
    await until(() => barrier.nWaiting === 3, 'three workers at the barrier');
    expect(runs).toBe(0);
    expect(await barrier.wait()).toBe(3); // last to arrive
    expect(runs).toBe(1);
    const results = await Promise.all(workers.map((w) => w.next<BarrierResult>()));
    expect(results.map((r) => r.ok).sort()).toEqual([0, 1, 2]);
    expect(results.every((r) => r.actionRuns === 0)).toBe(true);
    expect(barrier.nWaiting).toBe(0);
    expect(barrier.broken).toBe(false);
  });

  it('a worker arriving last runs the action rebuilt from its source', async () => {
    const action = () => {
      const g = globalThis as { __barrierActionRuns?: number };
      g.__barrierActionRuns = (g.__barrierActionRuns ?? 0) + 1;
    };
    const barrier = new Barrier(2, { action });
    const first = barrier.wait(30_000);
    const w = spawn('barrier', { barrier, delay: 20 });
    expect(await first).toBe(0);
    expect(await w.next()).toEqual({ ok: 1, actionRuns: 1 });
    expect((globalThis as { __barrierActionRuns?: number }).__barrierActionRuns).toBeUndefined();
  });

  it('a timeout breaks the barrier for every waiter, until reset()', async () => {
    const barrier = new Barrier(3);
    const patient = spawn('barrier', { barrier, timeout: 30_000 });
    await until(() => barrier.nWaiting === 1, 'one waiter');
    const impatient = spawn('barrier', { barrier, timeout: 30 });
    expect(await impatient.next()).toMatchObject({ code: ErrorCode.BROKEN_BARRIER });
    expect(await patient.next()).toMatchObject({ code: ErrorCode.BROKEN_BARRIER });
    expect(barrier.broken).toBe(true);
    expect(barrier.nWaiting).toBe(0);
    await expect(barrier.wait()).rejects.toBeInstanceOf(BrokenBarrierError);
    barrier.reset();
    expect(barrier.broken).toBe(false);
    const a = barrier.wait();
    const b = barrier.wait();
    const c = spawn('barrier', { barrier, timeout: 30_000 });
    expect(await c.next()).toMatchObject({ ok: 2 });
    expect([await a, await b]).toEqual([0, 1]);
  });

  it("a waiter's timeout that passes while the action runs does not break the barrier", async () => {
    const TIMEOUT = 600;
    let seenAt = 0;
    const barrier = new Barrier(2, {
      // Runs on the main thread (the last arrival) until the worker's deadline has passed.
      action: () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.max(0, seenAt + TIMEOUT + 100 - performance.now())),
    });
    const w = spawn('barrier', { barrier, timeout: TIMEOUT });
    await until(() => barrier.nWaiting === 1, 'the worker at the barrier');
    seenAt = performance.now();
    expect(await barrier.wait()).toBe(1);
    expect(await w.next()).toMatchObject({ ok: 0 });
    expect(barrier.broken).toBe(false);
  });

  it('abort() breaks it for a blocked worker', async () => {
    const barrier = new Barrier(2);
    const w = spawn('barrier', { barrier, timeout: 30_000 });
    await until(() => barrier.nWaiting === 1, 'one waiter');
    barrier.abort();
    expect(await w.next()).toMatchObject({ code: ErrorCode.BROKEN_BARRIER });
    expect(barrier.broken).toBe(true);
  });

  it('reset() while a worker waits: it gets BrokenBarrierError, the barrier is fresh', async () => {
    const barrier = new Barrier(2);
    const w = spawn('barrier', { barrier, timeout: 30_000 });
    await until(() => barrier.nWaiting === 1, 'one waiter');
    barrier.reset();
    expect(await w.next()).toMatchObject({ code: ErrorCode.BROKEN_BARRIER });
    expect(barrier.broken).toBe(false);
    expect(barrier.nWaiting).toBe(0);
    const again = spawn('barrier', { barrier, timeout: 30_000 });
    await until(() => barrier.nWaiting === 1, 'the next waiter');
    expect(await barrier.wait()).toBe(1);
    expect(await again.next()).toMatchObject({ ok: 0 });
  });
});

describe('Barrier on one thread', () => {
  it('is reusable: generation after generation', async () => {
    const barrier = new Barrier(2);
    expect(barrier.parties).toBe(2);
    for (let round = 0; round < 3; round++) {
      expect(await Promise.all([barrier.wait(), barrier.wait()])).toEqual([0, 1]);
    }
  });

  it("an action that throws breaks the barrier: the last arrival gets the action's error, the others BrokenBarrierError", async () => {
    const boom = new Error('boom');
    const barrier = new Barrier(2, {
      action: () => {
        throw boom;
      },
    });
    const first = barrier.wait();
    const second = barrier.wait();
    await expect(second).rejects.toBe(boom);
    await expect(first).rejects.toMatchObject({ name: 'BrokenBarrierError', code: ErrorCode.BROKEN_BARRIER });
    expect(barrier.broken).toBe(true);
  });

  it('options.timeout is the default timeout of wait()', async () => {
    const barrier = new Barrier(2, { timeout: 10 });
    await expect(barrier.wait()).rejects.toBeInstanceOf(BrokenBarrierError);
  });

  it('validates parties and options; waitSync refuses the main thread', () => {
    expect(() => new Barrier(0)).toThrow(expect.objectContaining({ code: ErrorCode.OUT_OF_RANGE }));
    expect(() => new Barrier(2, { action: 5 as unknown as () => void })).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_OPTION }),
    );
    expect(() => new Barrier(2, { timeout: -1 })).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_OPTION }));
    expect(() => new Barrier(1).waitSync()).toThrow(expect.objectContaining({ code: ErrorCode.BLOCKING_ON_MAIN_THREAD }));
  });
});
