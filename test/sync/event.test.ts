import { decodeShared, encodeShared, ErrorCode, Event } from 'corepool';
import { describe, expect, it } from 'vitest';
import { spawn } from './workers.js';

describe('Event', () => {
  it('set, clear, isSet and wait on one thread', async () => {
    const event = new Event();
    expect(event.isSet()).toBe(false);
    expect(await event.wait(10)).toBe(false);
    expect(await event.wait(0)).toBe(false);
    event.set();
    expect(event.isSet()).toBe(true);
    expect(await event.wait()).toBe(true);
    expect(event.waitSync(0)).toBe(true);
    event.clear();
    expect(event.isSet()).toBe(false);
    expect(() => event.waitSync()).toThrow(expect.objectContaining({ code: ErrorCode.BLOCKING_ON_MAIN_THREAD }));
  });

  it('set() on the main thread wakes every worker blocked in waitSync', async () => {
    const event = new Event();
    const waiters = Array.from({ length: 3 }, () => spawn('eventWait', { event, timeout: 20_000 }));
    await Promise.all(waiters.map((w) => w.next()));
    event.set();
    for (const w of waiters) expect(await w.next()).toEqual({ result: true });
  });

  it('a worker times out with false when nobody sets it', async () => {
    const event = new Event();
    const w = spawn('eventWait', { event, timeout: 30 });
    await w.next();
    expect(await w.next()).toEqual({ result: false });
  });

  it('a worker setting it wakes an async wait on the main thread', async () => {
    const event = decodeShared(encodeShared(new Event())) as Event;
    const w = spawn('eventSet', { event, ms: 30 });
    expect(await event.wait(20_000)).toBe(true);
    await w.next();
  });

  it('validates the timeout', async () => {
    await expect(new Event().wait(-5)).rejects.toMatchObject({ code: ErrorCode.INVALID_OPTION });
    await expect(new Event().wait(Number.NaN)).rejects.toMatchObject({ code: ErrorCode.INVALID_OPTION });
  });
});
