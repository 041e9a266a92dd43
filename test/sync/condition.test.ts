import { existsSync } from 'node:fs';
import { Condition, ErrorCode, Lock, RawArray, RawValue, RLock } from 'corepool';
import { describe, expect, it } from 'vitest';
import { spawn, until } from './workers.js';

describe('Condition across threads', () => {
  it('notify() wakes exactly one of three waiting workers, notifyAll() the rest', async () => {
    const cond = new Condition();
    const waiting = RawValue('i', 0);
    const woken = RawValue('i', 0);
    const runs = Array.from({ length: 3 }, () => spawn('condWait', { cond, waiting, woken, timeout: 30_000 }));
    await until(() => waiting.value === 3, 'three waiters');
    await cond.acquire(); // every waiter got past wait()'s lock release by now
    cond.notify();
    cond.release();
    const first = await Promise.race(runs.map((r) => r.next()));
    expect(first).toEqual({ notified: true });
    await new Promise((r) => setTimeout(r, 100));
    expect(woken.value).toBe(1); // a second wake-up would have come within that time
    await cond.acquire();
    cond.notifyAll();
    cond.release();
    await Promise.all(runs.map((r) => r.exited));
    expect(woken.value).toBe(3);
  });

  it('notify(2) wakes two', async () => {
    const cond = new Condition(new Lock());
    const waiting = RawValue('i', 0);
    const woken = RawValue('i', 0);
    const runs = Array.from({ length: 3 }, () => spawn('condWait', { cond, waiting, woken, timeout: 30_000 }));
    await until(() => waiting.value === 3, 'three waiters');
    await cond.acquire();
    cond.notify(2);
    cond.release();
    await until(() => woken.value === 2, 'two wake-ups');
    await new Promise((r) => setTimeout(r, 100));
    expect(woken.value).toBe(2);
    await cond.acquire();
    cond.notify(5); // more than are waiting is fine
    cond.release();
    await Promise.all(runs.map((r) => r.exited));
    expect(woken.value).toBe(3);
  });

  it('a worker wait times out with false and takes no later notification with it', async () => {
    const cond = new Condition();
    const waiting = RawValue('i', 0);
    const woken = RawValue('i', 0);
    const w = spawn('condWait', { cond, waiting, woken, timeout: 30 });
    expect(await w.next()).toEqual({ notified: false });
    // The timed-out waiter's slot is gone: the next notify goes to a live waiter.
    const pending = (async () => {
      await cond.acquire();
      const notified = await cond.wait(20_000);
      cond.release();
      return notified;
    })();
    const n = spawn('condNotify', { cond, ms: 20, n: 1 });
    expect(await pending).toBe(true);
    await n.next();
  });

  it.skipIf(!existsSync('/proc/thread-self'))('a waiter that died does not swallow a notify(1)', async () => {
    const cond = new Condition();
    const waiting = RawValue('i', 0);
    const woken = RawValue('i', 0);
    const doomed = spawn('condWait', { cond, waiting, woken, timeout: 60_000 });
    await until(() => waiting.value === 1, 'the first waiter');
    await doomed.worker.terminate(); // its slot is older than ours
    await cond.acquire();
    const pending = cond.wait(20_000);
    const n = spawn('condNotify', { cond, ms: 0, n: 1 });
    expect(await pending).toBe(true);
    cond.release();
    await n.next();
  });

  it('producer on the main thread, consumers in workers with waitForSync', async () => {
    const cond = new Condition();
    const stack = RawArray('i', 100);
    const top = RawValue('i', 0);
    const sum = RawValue('d', 0);
    const consumers = [
      spawn('condConsume', { cond, stack, top, sum, count: 50 }),
      spawn('condConsume', { cond, stack, top, sum, count: 50 }),
    ];
    for (let i = 1; i <= 100; i++) {
      await cond.acquire();
      stack[top.value] = i;
      top.value += 1;
      cond.notifyAll();
      cond.release();
      if (i % 10 === 0) await new Promise((r) => setImmediate(r));
    }
    await Promise.all(consumers.map((c) => c.next()));
    expect(sum.value).toBe(5050);
    expect(top.value).toBe(0);
  });

  it('an async wait on the main thread wakes on a worker notifyAll', async () => {
    const cond = new Condition();
    const flag = RawValue('i', 0);
    await cond.acquire();
    spawn('condNotify', { cond, ms: 30, flag });
    const result = await cond.waitFor(() => flag.value === 1, 20_000);
    expect(result).toBe(true);
    cond.release();
  });
});

describe('Condition on one thread', () => {
  it('wait and notify need the lock held', async () => {
    const cond = new Condition();
    expect(() => cond.notify()).toThrow(expect.objectContaining({ code: ErrorCode.LOCK_NOT_HELD }));
    expect(() => cond.notifyAll()).toThrow(expect.objectContaining({ code: ErrorCode.LOCK_NOT_HELD }));
    await expect(cond.wait(10)).rejects.toMatchObject({ code: ErrorCode.LOCK_NOT_HELD });
    expect(() => cond.waitSync(10)).toThrow(expect.objectContaining({ code: ErrorCode.BLOCKING_ON_MAIN_THREAD }));
  });

  it('a timed-out wait returns false with an RLock held as deep as before', async () => {
    const lock = new RLock();
    const cond = new Condition(lock);
    expect(cond.getLock()).toBe(lock);
    await cond.acquire();
    await cond.acquire();
    expect(await cond.wait(10)).toBe(false);
    cond.release();
    expect(lock.locked()).toBe(true);
    cond.release();
    expect(lock.locked()).toBe(false);
  });

  it('waitFor returns the predicate value: at once when true, falsy after a timeout', async () => {
    const cond = new Condition();
    await cond.acquire();
    expect(await cond.waitFor(() => 42)).toBe(42);
    expect(await cond.waitFor(() => 0, 10)).toBe(0);
    cond.release();
    await expect(cond.waitFor('x' as unknown as () => boolean)).rejects.toMatchObject({ code: ErrorCode.INVALID_ARG_TYPE });
  });

  it('async waiters on one thread are woken oldest first; maxWaiters bounds them', async () => {
    // A plain Lock: RLock ownership is per thread, so async tasks of one thread would share it.
    const cond = new Condition(new Lock(), { maxWaiters: 2 });
    const order: number[] = [];
    const waiter = async (id: number) => {
      await cond.acquire();
      await cond.wait();
      order.push(id);
      cond.release();
    };
    const a = waiter(1);
    const b = waiter(2);
    await until(() => !cond.getLock().locked(), 'both waiting');
    await new Promise((r) => setTimeout(r, 10));
    await cond.acquire();
    await expect(cond.wait()).rejects.toMatchObject({ code: ErrorCode.TOO_MANY_WAITERS });
    cond.notify();
    cond.release();
    await a;
    expect(order).toEqual([1]);
    await cond.acquire();
    cond.notify();
    cond.release();
    await b;
    expect(order).toEqual([1, 2]);
  });

  it('rejects a lock that is not a Lock or RLock, and a bad maxWaiters', () => {
    expect(() => new Condition({} as Lock)).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARG_TYPE }));
    expect(() => new Condition(null, { maxWaiters: 0 })).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_OPTION }));
  });
});
