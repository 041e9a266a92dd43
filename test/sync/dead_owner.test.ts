/**
 * The documented rule for a lock whose holder dies: waiters detect the dead
 * owner (Linux: /proc/self/task) and take the lock over, with `abandoned`
 * set; a live holder is never robbed; forceRelease() is the manual recovery.
 */
import { existsSync } from 'node:fs';
import { Lock, OWNER_CHECK_INTERVAL_MS, RLock } from 'corepool';
import { describe, expect, it } from 'vitest';
import { spawn } from './workers.js';

const linux = existsSync('/proc/thread-self');

describe.skipIf(!linux)('a holder that dies', () => {
  it('process.exit() while holding: an async waiter with a timeout takes the lock over', async () => {
    const lock = new Lock();
    const w = spawn('hold', { lock, then: 'exit' });
    expect(await w.next()).toMatchObject({ acquired: true });
    expect(await w.exited).toBe(7);
    expect(lock.locked()).toBe(true); // nobody released it
    expect(await lock.acquire({ timeout: 10_000 })).toBe(true);
    expect(lock.abandoned).toBe(true);
    expect(lock.owner).toBe(0);
    lock.release();
    expect(lock.abandoned).toBe(false);
    expect(lock.locked()).toBe(false);
  });

  it('worker.terminate() while holding: a worker blocked in acquireSync takes it over', async () => {
    const lock = new RLock();
    const holder = spawn('hold', { lock, then: 'hang' });
    expect(await holder.next()).toMatchObject({ acquired: true });
    const waiter = spawn('acquire', { lock, options: { timeout: 10_000 } });
    await new Promise((r) => setTimeout(r, 2 * OWNER_CHECK_INTERVAL_MS)); // waiting on a live owner meanwhile
    await holder.worker.terminate();
    const result = await waiter.next<{ acquired: boolean; abandoned: boolean }>();
    expect(result).toMatchObject({ acquired: true, abandoned: true });
    expect(lock.locked()).toBe(false); // the waiter released it
  });

  it('an infinite wait is not stuck forever either', async () => {
    const lock = new Lock();
    const holder = spawn('hold', { lock, then: 'exit' });
    await holder.next();
    await holder.exited;
    expect(await lock.acquire()).toBe(true);
    expect(lock.abandoned).toBe(true);
    lock.release();
  });
});

describe('a live holder', () => {
  it('is never robbed: waiters time out with false', async () => {
    const lock = new Lock();
    const holder = spawn('hold', { lock, then: 'hang' });
    expect(await holder.next()).toMatchObject({ acquired: true });
    expect(await lock.acquire({ timeout: 3 * OWNER_CHECK_INTERVAL_MS })).toBe(false);
    const waiter = spawn('acquire', { lock, options: { timeout: 3 * OWNER_CHECK_INTERVAL_MS } });
    expect(await waiter.next()).toMatchObject({ acquired: false });
    expect(lock.locked()).toBe(true);
  });

  it('forceRelease() frees a stuck lock and wakes a waiter', async () => {
    const lock = new Lock();
    const holder = spawn('hold', { lock, then: 'hang' });
    await holder.next();
    const waiter = spawn('acquire', { lock, options: { timeout: 10_000 } });
    await new Promise((r) => setTimeout(r, 50));
    expect(lock.forceRelease()).toBe(true);
    expect(await waiter.next()).toMatchObject({ acquired: true, abandoned: false });
    expect(lock.forceRelease()).toBe(false); // already free
  });
});
