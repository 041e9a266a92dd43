import { createRequire } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import { Condition, decodeShared, encodeShared, ErrorCode, Lock, RLock, Value } from 'corepool';
import { describe, expect, it } from 'vitest';
import { spawn, until } from './workers.js';

describe('Lock', () => {
  it('acquire/release on one thread, with non-blocking and timeout forms', async () => {
    const lock = new Lock();
    expect(lock.locked()).toBe(false);
    expect(lock.owner).toBe(null);
    expect(await lock.acquire()).toBe(true);
    expect(lock.locked()).toBe(true);
    expect(lock.owner).toBe(0); // the main thread's threadId
    expect(lock.acquireSync({ block: false })).toBe(false);
    expect(await lock.acquire({ block: false })).toBe(false);
    expect(await lock.acquire({ timeout: 20 })).toBe(false); // not reentrant
    lock.release();
    expect(lock.locked()).toBe(false);
    expect(lock.acquireSync({ block: false })).toBe(true);
    lock.release();
  });

  it('releasing an unlocked Lock throws ERR_LOCK_NOT_HELD', () => {
    const lock = new Lock();
    expect(() => lock.release()).toThrow(expect.objectContaining({ code: ErrorCode.LOCK_NOT_HELD }));
  });

  it('acquireSync refuses to block the main thread, but may try without blocking', () => {
    expect(isMainThread).toBe(true); // vitest's default 'forks' pool
    const lock = new Lock();
    expect(() => lock.acquireSync()).toThrow(expect.objectContaining({ code: ErrorCode.BLOCKING_ON_MAIN_THREAD }));
    expect(() => lock.acquireSync({ timeout: 5 })).toThrow(expect.objectContaining({ code: ErrorCode.BLOCKING_ON_MAIN_THREAD }));
    expect(lock.acquireSync({ timeout: 0 })).toBe(true);
    lock.release();
  });

  it('validates options; the async form rejects instead of throwing', async () => {
    const lock = new Lock();
    expect(() => lock.acquireSync({ timeout: -1 })).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_OPTION }));
    const pending = lock.acquire({ block: 'yes' as unknown as boolean });
    await expect(pending).rejects.toMatchObject({ code: ErrorCode.INVALID_OPTION });
    expect(lock.locked()).toBe(false);
  });

  it('arrives in a worker as the same lock (encodeShared/decodeShared)', async () => {
    const lock = new Lock();
    const copy = decodeShared(encodeShared(lock)) as Lock;
    expect(copy).toBeInstanceOf(Lock);
    expect(copy.acquireSync({ block: false })).toBe(true);
    expect(lock.locked()).toBe(true);
    lock.release(); // any thread, and any copy, may release a Lock
    expect(copy.locked()).toBe(false);
  });

  it('a worker blocked in acquireSync wakes when the main thread releases', async () => {
    const lock = new Lock();
    await lock.acquire();
    const w = spawn('acquire', { lock, options: { timeout: 20_000 } });
    await new Promise((r) => setTimeout(r, 50));
    lock.release();
    const result = await w.next<{ acquired: boolean; abandoned: boolean }>();
    expect(result).toMatchObject({ acquired: true, abandoned: false });
  });

  it('the main thread waits asynchronously for a worker holding the lock, and the event loop keeps running', async () => {
    const lock = new Lock();
    const w = spawn('hold', { lock, ms: 150, then: 'release' });
    expect(await w.next()).toMatchObject({ acquired: true });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const acquired = await lock.acquire({ timeout: 20_000 });
    clearInterval(timer);
    expect(acquired).toBe(true);
    expect(ticks).toBeGreaterThan(0); // timers ran while we waited
    lock.release();
  });

  it('a worker times out with false while another thread holds the lock', async () => {
    const lock = new Lock();
    await lock.acquire();
    const w = spawn('acquire', { lock, options: { timeout: 50 } });
    expect(await w.next()).toMatchObject({ acquired: false });
    const nb = spawn('acquire', { lock, options: { block: false } });
    expect(await nb.next()).toMatchObject({ acquired: false });
    lock.release();
  });

  it('blocking forms work inside workers', async () => {
    const w = spawn('mayBlock', { lock: new Lock() });
    expect(await w.next()).toEqual({ ok: true });
  });
});

describe('two copies of corepool in one thread (the ESM and the CommonJS build)', () => {
  it("accept each other's locks", async () => {
    const cjs = createRequire(import.meta.url)('../../dist/index.cjs') as typeof import('corepool');
    const lock = new cjs.Lock();
    const cond = new Condition(lock);
    await cond.acquire();
    expect(lock.locked()).toBe(true);
    expect(await cond.wait(5)).toBe(false);
    cond.release();
    expect(Value('i', 0, { lock: new cjs.RLock() }).getLock()).toBeInstanceOf(cjs.RLock);
    const back = decodeShared(cjs.encodeShared({ lock })) as { lock: Lock };
    expect(back.lock).toBeInstanceOf(Lock);
  });
});

describe('RLock', () => {
  it('the owner may acquire again and must release as many times', async () => {
    const lock = new RLock();
    expect(await lock.acquire()).toBe(true);
    expect(await lock.acquire()).toBe(true);
    expect(lock.acquireSync({ block: false })).toBe(true); // recursion never blocks
    lock.release();
    lock.release();
    expect(lock.locked()).toBe(true);
    lock.release();
    expect(lock.locked()).toBe(false);
    expect(() => lock.release()).toThrow(expect.objectContaining({ code: ErrorCode.LOCK_NOT_HELD }));
  });

  it('recursion inside a worker', async () => {
    const lock = new RLock();
    const w = spawn('recurse', { lock, depth: 5 });
    const held = await w.next<{ held: boolean; owner: number; threadId: number }>();
    expect(held.held).toBe(true);
    expect(held.owner).toBe(held.threadId);
    expect(await w.next()).toEqual({ held: false });
    expect(lock.locked()).toBe(false);
  });

  it('another thread may not release it', async () => {
    const lock = new RLock();
    await lock.acquire();
    const w = spawn('release', { lock });
    expect(await w.next()).toMatchObject({ code: ErrorCode.LOCK_NOT_HELD });
    expect(lock.locked()).toBe(true);
    lock.release();
  });

  it('excludes other threads while held (two levels deep)', async () => {
    const lock = new RLock();
    const w = spawn('recurse', { lock, depth: 2 });
    await w.next();
    await until(() => !lock.locked(), 'the worker to release');
    expect(await lock.acquire({ timeout: 5000 })).toBe(true);
    lock.release();
  });
});
