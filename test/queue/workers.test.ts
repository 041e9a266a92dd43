import { existsSync } from 'node:fs';
import { Closed, ErrorCode, JoinableQueue, Queue, SimpleQueue, kShare } from 'corepool';
import { describe, expect, it } from 'vitest';
import { itemOf, spawn, until } from './workers.js';

interface Consumed {
  count: number;
  sum: number;
  fifo: boolean;
  overfull: boolean;
}

/** n(n−1)/2: the sum of the items 0 … n−1. */
const triangle = (n: number): number => (n * (n - 1)) / 2;

describe('Queue across workers', () => {
  it('moves 1e6 items from 4 producers to 4 consumers: none lost, none duplicated, FIFO per producer', async () => {
    const producers = 4;
    const perProducer = 250_000;
    const total = producers * perProducer;
    const q = new Queue(1000, { producers });
    const seen = new Uint8Array(new SharedArrayBuffer(total));
    const modes = ['sync', 'async', 'sync', 'async'];
    const consumers = modes.map((mode) => spawn('consume', { queue: q, mode, seen, perProducer }));
    const makers = modes.map((mode, p) => spawn('produce', { queue: q, first: p * perProducer, count: perProducer, mode, close: true }));
    await Promise.all(makers.map((w) => w.next()));
    const results = await Promise.all(consumers.map((w) => w.next<Consumed>()));
    expect(results.reduce((s, r) => s + r.count, 0)).toBe(total);
    expect(results.reduce((s, r) => s + r.sum, 0)).toBe(triangle(total));
    expect(results.map((r) => r.fifo)).toEqual([true, true, true, true]);
    // Every item exactly once (a lost one reads 0, a duplicate 2).
    expect(seen.every((x) => x === 1)).toBe(true);
    expect(q.empty()).toBe(true);
  });

  it('feeds the main thread, which consumes with await get() while workers produce', async () => {
    const perProducer = 30_000;
    const q = new Queue(64, { producers: 2 });
    for (const p of [0, 1])
      spawn('produce', { queue: q, first: p * perProducer, count: perProducer, mode: p === 0 ? 'sync' : 'async', close: true });
    let count = 0;
    let sum = 0;
    const last = [-1, -1];
    let fifo = true;
    for await (const item of q) {
      const n = typeof item === 'number' ? item : typeof item === 'string' ? Number(item.slice(1)) : (item as { n: number }).n;
      const p = Math.floor(n / perProducer);
      if ((last[p] as number) >= n) fifo = false;
      last[p] = n;
      count += 1;
      sum += n;
    }
    expect(count).toBe(2 * perProducer);
    expect(sum).toBe(triangle(2 * perProducer));
    expect(fifo).toBe(true);
  });

  it('serves several concurrent await get() loops on the main thread, each item to exactly one', async () => {
    const perProducer = 20_000;
    const q = new Queue(16, { producers: 2 });
    for (const p of [0, 1]) spawn('produce', { queue: q, first: p * perProducer, count: perProducer, mode: 'sync', close: true });
    const seen = new Uint8Array(2 * perProducer);
    const loop = async (): Promise<number> => {
      let count = 0;
      for await (const item of q) {
        const n = typeof item === 'number' ? item : typeof item === 'string' ? Number(item.slice(1)) : (item as { n: number }).n;
        seen[n] = (seen[n] as number) + 1;
        count += 1;
      }
      return count;
    };
    const counts = await Promise.all([loop(), loop(), loop(), loop()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2 * perProducer);
    expect(seen.every((x) => x === 1)).toBe(true);
  });

  it('blocks producers at a tiny maxsize (backpressure) and never holds more than maxsize', async () => {
    const maxsize = 2;
    const q = new Queue(maxsize);
    const progress = new Int32Array(new SharedArrayBuffer(4));
    const producer = spawn('produce', { queue: q, first: 0, count: 200, mode: 'sync', progress });
    let taken = 0;
    while (taken < 200) {
      // Give the producer time to run ahead if it could.
      if (taken % 50 === 0) await new Promise((r) => setTimeout(r, 20));
      expect(q.qsize()).toBeLessThanOrEqual(maxsize);
      // At most maxsize items put and not yet taken, plus one in flight.
      expect(Atomics.load(progress, 0)).toBeLessThanOrEqual(taken + maxsize + 1);
      expect(await q.get()).toEqual(itemOf(taken));
      taken += 1;
    }
    await producer.next();
    expect(q.empty()).toBe(true);
  });

  it('times out blocking gets and puts in a worker with Empty and Full', async () => {
    const q = new Queue(1);
    for (const mode of ['sync', 'async']) {
      const getter = spawn('tryGet', { queue: q, mode, options: { timeout: 50 } });
      expect(await getter.next()).toMatchObject({ name: 'Empty', code: ErrorCode.QUEUE_EMPTY });
    }
    await q.put('filler');
    for (const mode of ['sync', 'async']) {
      const putter = spawn('tryPut', { queue: q, mode, item: 'more', options: { timeout: 50 } });
      expect(await putter.next()).toMatchObject({ name: 'Full', code: ErrorCode.QUEUE_FULL });
    }
    const nowait = spawn('tryGet', { queue: q, mode: 'sync', options: { block: false } });
    expect(await nowait.next()).toEqual({ value: 'filler' });
  });

  it('wakes blocked consumers in workers with Closed once the last producer closes and the queue drains', async () => {
    const q = new Queue(0, { producers: 2 });
    const blocked = ['sync', 'async', 'sync'].map((mode) => spawn('blockedGet', { queue: q, mode }));
    await Promise.all(blocked.map((w) => w.next()));
    const outcomes = blocked.map((w) => w.next<{ value?: unknown; code?: string }>());
    await q.put('one');
    expect(await Promise.race(outcomes)).toEqual({ value: 'one' });
    const closer = spawn('produce', { queue: q, first: 0, count: 0, mode: 'sync', close: true });
    await closer.next();
    expect(q.closed).toBe(false);
    q.close();
    expect(q.closed).toBe(true);
    const all = await Promise.all(outcomes);
    expect(all.filter((o) => o.value === 'one')).toHaveLength(1);
    expect(all.filter((o) => o.code === ErrorCode.QUEUE_CLOSED)).toHaveLength(2);
    await expect(q.get()).rejects.toBeInstanceOf(Closed);
  });

  it('JoinableQueue: join returns, in workers and on the main thread, once workers mark every item done', async () => {
    const q = new JoinableQueue(10);
    const joiners = ['sync', 'async'].map((mode) => spawn('join', { queue: q, mode }));
    const n = 300;
    const workers = [spawn('work', { queue: q, count: n / 2, mode: 'sync' }), spawn('work', { queue: q, count: n / 2, mode: 'async' })];
    for (let i = 0; i < n; i++) await q.put(i * 3);
    await q.join();
    expect(q.unfinishedTasks).toBe(0);
    const sums = await Promise.all(workers.map((w) => w.next<{ sum: number }>()));
    expect(sums[0]!.sum + sums[1]!.sum).toBe(3 * triangle(n));
    expect(await Promise.all(joiners.map((w) => w.next()))).toEqual([{ joined: true }, { joined: true }]);
  });

  it('SimpleQueue works between threads in both directions', async () => {
    const input = new SimpleQueue();
    const output = new SimpleQueue();
    const worker = spawn('double', { input, output, count: 1000 });
    for (let i = 0; i < 1000; i++) await input.put(i);
    let sum = 0;
    for (let i = 0; i < 1000; i++) sum += (await output.get()) as number;
    await worker.next();
    expect(sum).toBe(2 * triangle(1000));
  });

  it('a waiting get keeps the process alive until a worker puts (no silent exit)', async () => {
    const q = new Queue();
    const progress = new Int32Array(new SharedArrayBuffer(4));
    spawn('produce', { queue: q, first: 0, count: 1, mode: 'sync', progress });
    await until(() => Atomics.load(progress, 0) === 1, 'the put');
    expect(await q.get()).toBe(0);
  });
});

describe('a thread that ends inside a put or get', () => {
  it.skipIf(!existsSync('/proc/thread-self'))(
    'breaks the queue: every waiter and every later call gets ERR_QUEUE_BROKEN, none hangs',
    async () => {
      const q = new JoinableQueue();
      const waiting = spawn('blockedGet', { queue: q, mode: 'sync' });
      await waiting.next();
      await q.put('unfinished');
      // Waits for a taskDone that will never come; settled as data so the rejection is handled at once.
      const joined = q.join().then(
        () => 'joined',
        (error: { code?: string }) => error.code,
      );
      expect(await waiting.next()).toEqual({ value: 'unfinished' });
      const sleeper = spawn('blockedGet', { queue: q, mode: 'async' });
      await sleeper.next();
      // A thread that has ended, recorded as the ring lock's holder, as if it died mid-put:
      // header slot 0 is the lock word, which holds the holder's OS thread id.
      const dead = spawn('tid');
      const { tid } = await dead.next<{ tid: number }>();
      await new Promise((resolve) => dead.worker.once('exit', resolve));
      const header = new Int32Array((q[kShare]() as unknown as { buffer: SharedArrayBuffer }).buffer, 0, 32);
      expect(Atomics.compareExchange(header, 0, 0, tid)).toBe(0);
      await expect(q.get()).rejects.toMatchObject({ code: ErrorCode.QUEUE_BROKEN });
      expect(await sleeper.next()).toMatchObject({ code: ErrorCode.QUEUE_BROKEN });
      expect(await joined).toBe(ErrorCode.QUEUE_BROKEN);
      expect(() => q.putNowait(1)).toThrow(expect.objectContaining({ code: ErrorCode.QUEUE_BROKEN }));
      await expect(q.put(1, { timeout: 10 })).rejects.toMatchObject({ code: ErrorCode.QUEUE_BROKEN });
    },
  );

  it('never leaves the others hanging when a busy worker is terminated', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < 20; round++) {
      const q = new Queue(4);
      const churn = spawn('churn', { queue: q });
      await churn.next();
      await new Promise((resolve) => setTimeout(resolve, 3 + (round % 7)));
      await churn.worker.terminate();
      // Either it died outside the lock and the queue works, or inside it and the queue is broken.
      const outcome = await q.put('after', { timeout: 5_000 }).then(
        () => 'ok',
        (error: { code?: string }) => error.code,
      );
      outcomes.push(outcome as string);
    }
    // ERR_QUEUE_FULL would mean a put waited 5 s on a queue with room: a hang cut short.
    expect(outcomes.filter((o) => o !== 'ok' && o !== ErrorCode.QUEUE_BROKEN)).toEqual([]);
  });
});
