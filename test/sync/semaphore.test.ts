import { BoundedSemaphore, decodeShared, encodeShared, ErrorCode, RawArray, Semaphore } from 'corepool';
import { describe, expect, it } from 'vitest';
import { spawn } from './workers.js';

describe('Semaphore', () => {
  it('counts permits: acquire takes one, release gives back n', async () => {
    const sem = new Semaphore(2);
    expect(sem.getValue()).toBe(2);
    expect(await sem.acquire()).toBe(true);
    expect(sem.acquireSync({ block: false })).toBe(true);
    expect(sem.getValue()).toBe(0);
    expect(await sem.acquire({ block: false })).toBe(false);
    expect(await sem.acquire({ timeout: 20 })).toBe(false);
    sem.release(2);
    expect(sem.getValue()).toBe(2);
    sem.release(); // an unbounded Semaphore may grow past its initial value
    expect(sem.getValue()).toBe(3);
  });

  it('defaults to one permit and validates its arguments', () => {
    expect(new Semaphore().getValue()).toBe(1);
    expect(new Semaphore(0).getValue()).toBe(0);
    expect(() => new Semaphore(-1)).toThrow(expect.objectContaining({ code: ErrorCode.OUT_OF_RANGE }));
    expect(() => new Semaphore(1.5)).toThrow(expect.objectContaining({ code: ErrorCode.OUT_OF_RANGE }));
    expect(() => new Semaphore().release(0)).toThrow(expect.objectContaining({ code: ErrorCode.OUT_OF_RANGE }));
  });

  it('a waiting acquire wakes on release', async () => {
    const sem = new Semaphore(0);
    const pending = sem.acquire({ timeout: 10_000 });
    setTimeout(() => sem.release(), 20);
    expect(await pending).toBe(true);
    expect(sem.getValue()).toBe(0);
  });

  it('Semaphore(2) never lets more than 2 of 4 workers in at once', async () => {
    const sem = new Semaphore(2);
    const counters = RawArray('i', 2); // [holders now, most at once]
    const runs = Array.from({ length: 4 }, () => spawn('semaphore', { sem, counters, rounds: 25 }));
    await Promise.all(runs.map((r) => r.next()));
    expect(counters[0]).toBe(0);
    expect(counters[1]).toBeLessThanOrEqual(2);
    expect(counters[1]).toBeGreaterThanOrEqual(1);
    expect(sem.getValue()).toBe(2);
  });

  it('crosses threads as the same semaphore', () => {
    const sem = new BoundedSemaphore(3);
    const copy = decodeShared(encodeShared(sem)) as BoundedSemaphore;
    expect(copy).toBeInstanceOf(BoundedSemaphore);
    copy.acquireSync({ block: false });
    expect(sem.getValue()).toBe(2);
    expect(() => copy.release(2)).toThrow(expect.objectContaining({ code: ErrorCode.SEMAPHORE_OVER_RELEASE }));
  });
});

describe('BoundedSemaphore', () => {
  it('throws ERR_SEMAPHORE_OVER_RELEASE beyond its initial value, and stays usable', async () => {
    const sem = new BoundedSemaphore(2);
    expect(() => sem.release()).toThrow(expect.objectContaining({ code: ErrorCode.SEMAPHORE_OVER_RELEASE }));
    expect(sem.getValue()).toBe(2);
    await sem.acquire();
    sem.release();
    expect(() => sem.release()).toThrow(expect.objectContaining({ code: ErrorCode.SEMAPHORE_OVER_RELEASE }));
    expect(sem).toBeInstanceOf(Semaphore);
  });
});
