import { Closed, Empty, ErrorCode, Full, JoinableQueue, Queue, SimpleQueue, decodeShared, encodeShared } from 'corepool';
import { describe, expect, it } from 'vitest';

/** The error a sync call throws (fails the test if it does not throw). */
function thrown(fn: () => unknown): Error & { code?: string } {
  try {
    fn();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a throw');
}

describe('Queue on one thread', () => {
  it('is FIFO, and qsize/empty/full follow maxsize', async () => {
    const q = new Queue(3);
    expect(q.maxsize).toBe(3);
    expect(q.empty()).toBe(true);
    await q.put('a');
    q.putNowait(2);
    await q.put({ c: 3 });
    expect(q.qsize()).toBe(3);
    expect(q.full()).toBe(true);
    expect(await q.get()).toBe('a');
    expect(q.getNowait()).toBe(2);
    expect(await q.get()).toEqual({ c: 3 });
    expect(q.empty()).toBe(true);
    expect(q.full()).toBe(false);
  });

  it('raises Full and Empty with codes when it cannot wait', async () => {
    const q = new Queue(1);
    q.putNowait(1);
    const full = thrown(() => q.putNowait(2));
    expect(full).toBeInstanceOf(Full);
    expect(full.name).toBe('Full');
    expect(full.code).toBe(ErrorCode.QUEUE_FULL);
    await expect(q.put(2, { block: false })).rejects.toMatchObject({ name: 'Full', code: 'ERR_QUEUE_FULL' });
    expect(q.getNowait()).toBe(1);
    const empty = thrown(() => q.getNowait());
    expect(empty).toBeInstanceOf(Empty);
    expect(empty.code).toBe(ErrorCode.QUEUE_EMPTY);
    await expect(q.get({ block: false })).rejects.toMatchObject({ name: 'Empty', code: 'ERR_QUEUE_EMPTY' });
  });

  it('times out a get with Empty and a put with Full', async () => {
    const q = new Queue(1);
    await expect(q.get({ timeout: 30 })).rejects.toBeInstanceOf(Empty);
    await expect(q.get({ timeout: 0 })).rejects.toBeInstanceOf(Empty);
    await q.put('x');
    await expect(q.put('y', { timeout: 30 })).rejects.toBeInstanceOf(Full);
    // The failed put left nothing behind.
    expect(q.qsize()).toBe(1);
  });

  it('keeps the event loop running while a get waits, and the get ends with the later put', async () => {
    const q = new Queue();
    const order: string[] = [];
    const got = q.get().then((v) => order.push(`got ${String(v)}`));
    setTimeout(() => {
      order.push('timer');
      q.putNowait('late');
    }, 20);
    await got;
    expect(order).toEqual(['timer', 'got late']);
  });

  it('wakes a waiting put when a get makes room', async () => {
    const q = new Queue(1);
    q.putNowait(1);
    const put = q.put(2);
    expect(await q.get()).toBe(1);
    await put;
    expect(q.getNowait()).toBe(2);
  });

  it('refuses the blocking forms on the main thread unless they cannot wait', () => {
    const q = new Queue();
    for (const call of [() => q.getSync(), () => q.getSync({ timeout: 10 }), () => q.putSync(1)]) {
      expect(thrown(call).code).toBe(ErrorCode.BLOCKING_ON_MAIN_THREAD);
    }
    q.putSync(1, { block: false });
    q.putSync(2, { timeout: 0 });
    expect(q.getSync({ block: false })).toBe(1);
    expect(q.getSync({ timeout: 0 })).toBe(2);
    expect(thrown(() => q.getSync({ block: false })).code).toBe(ErrorCode.QUEUE_EMPTY);
    expect(thrown(() => new JoinableQueue().joinSync()).code).toBe(ErrorCode.BLOCKING_ON_MAIN_THREAD);
    expect(thrown(() => new SimpleQueue().getSync()).code).toBe(ErrorCode.BLOCKING_ON_MAIN_THREAD);
  });

  it('validates its arguments with codes', async () => {
    expect(thrown(() => new Queue(1.5)).code).toBe(ErrorCode.OUT_OF_RANGE);
    expect(thrown(() => new Queue('3' as unknown as number)).code).toBe(ErrorCode.INVALID_ARG_TYPE);
    expect(thrown(() => new Queue(0, { bufferBytes: 8 })).code).toBe(ErrorCode.INVALID_OPTION);
    expect(thrown(() => new Queue(0, { producers: 0 })).code).toBe(ErrorCode.INVALID_OPTION);
    const q = new Queue();
    await expect(q.get({ timeout: -1 })).rejects.toMatchObject({ code: ErrorCode.INVALID_OPTION });
    await expect(q.get({ block: 'no' as unknown as boolean })).rejects.toMatchObject({ code: ErrorCode.INVALID_OPTION });
    await expect(q.put(() => 1)).rejects.toMatchObject({ name: 'TypeError', code: ErrorCode.INVALID_ARG_TYPE });
    await expect(q.put(new Queue())).rejects.toMatchObject({ code: ErrorCode.INVALID_ARG_TYPE });
    // Promise forms reject rather than throw.
    const pending = q.put(Symbol('x'));
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).rejects.toMatchObject({ code: ErrorCode.INVALID_ARG_TYPE });
    expect(new Queue(-5).maxsize).toBe(0);
  });

  it('rejects an item larger than the ring with ERR_ITEM_TOO_LARGE, and takes one of exactly maxItemBytes', async () => {
    const q = new Queue(0, { bufferBytes: 1024 });
    expect(q.maxItemBytes).toBe(1016);
    const bytes = new Uint8Array(5000);
    await expect(q.put(bytes)).rejects.toMatchObject({ name: 'RangeError', code: ErrorCode.ITEM_TOO_LARGE });
    expect(thrown(() => q.putNowait(bytes)).code).toBe(ErrorCode.ITEM_TOO_LARGE);
    // A one-byte string of n ≤ 64 chars is stored as its n bytes.
    const pipe = new Queue(0, { bufferBytes: 72 });
    expect(pipe.maxItemBytes).toBe(64);
    const exact = 'x'.repeat(64);
    pipe.putNowait(exact);
    expect(pipe.full()).toBe(true);
    expect(pipe.getNowait()).toBe(exact);
  });

  it('wraps records around the end of a small ring without corrupting them', async () => {
    const q = new Queue(0, { bufferBytes: 200 });
    const sent: unknown[] = [];
    const got: unknown[] = [];
    for (let i = 0; i < 2000; i++) {
      // Sizes from 8 to ~120 bytes, so records straddle the end at every offset.
      const item =
        i % 4 === 0
          ? i * 1.5
          : i % 4 === 1
            ? 'w'.repeat(i % 50)
            : i % 4 === 2
              ? { i, s: 'é'.repeat(i % 7), d: [i, -0] }
              : new Map([[i, 'm']]);
      while (true) {
        try {
          q.putNowait(item);
          break;
        } catch (error) {
          expect(error).toBeInstanceOf(Full);
          got.push(q.getNowait());
        }
      }
      sent.push(item);
    }
    while (!q.empty()) got.push(q.getNowait());
    expect(got).toEqual(sent);
    expect(Object.is((got[2] as { d: number[] }).d[1], -0)).toBe(true);
  });

  it('iterates with for await until closed and drained', async () => {
    const q = new Queue();
    for (const x of [1, 2, 3]) await q.put(x);
    q.close();
    const seen: unknown[] = [];
    for await (const x of q) seen.push(x);
    expect(seen).toEqual([1, 2, 3]);
  });
});

describe('closing a Queue', () => {
  it('lets consumers take what was put, then raises Closed; puts raise Closed at once', async () => {
    const q = new Queue();
    await q.put(1);
    await q.put(2);
    q.close();
    expect(q.closed).toBe(true);
    await expect(q.put(3)).rejects.toMatchObject({ name: 'Closed', code: ErrorCode.QUEUE_CLOSED });
    expect(await q.get()).toBe(1);
    expect(q.getNowait()).toBe(2);
    await expect(q.get()).rejects.toBeInstanceOf(Closed);
    expect(thrown(() => q.getNowait())).toBeInstanceOf(Closed);
  });

  it('wakes a waiting get with Closed', async () => {
    const q = new Queue();
    const waiting = q.get();
    setTimeout(() => q.close(), 10);
    await expect(waiting).rejects.toBeInstanceOf(Closed);
  });

  it('closes only when `producers` handles have closed; a closed handle cannot put', async () => {
    const q = new Queue(0, { producers: 2 });
    const other = decodeShared(encodeShared(q)) as Queue;
    q.close();
    q.close(); // the same handle counts once
    expect(q.closed).toBe(false);
    await expect(q.put(1)).rejects.toBeInstanceOf(Closed);
    await other.put('still open');
    other.close();
    expect(q.closed).toBe(true);
    expect(await q.get()).toBe('still open');
    await expect(q.get()).rejects.toBeInstanceOf(Closed);
  });
});

describe('JoinableQueue and SimpleQueue on one thread', () => {
  it('join resolves once every item is marked done; taskDone past zero throws', async () => {
    const q = new JoinableQueue();
    await q.join(); // nothing put yet
    await q.put('a');
    await q.put('b');
    expect(q.unfinishedTasks).toBe(2);
    let joined = false;
    const join = q.join().then(() => {
      joined = true;
    });
    await q.get();
    q.taskDone();
    await new Promise((r) => setTimeout(r, 10));
    expect(joined).toBe(false);
    await q.get();
    q.taskDone();
    await join;
    expect(joined).toBe(true);
    expect(thrown(() => q.taskDone()).code).toBe(ErrorCode.TASK_DONE_TOO_MANY);
    expect(q.unfinishedTasks).toBe(0);
  });

  it('SimpleQueue puts, gets, reports empty and closes', async () => {
    const q = new SimpleQueue();
    expect(q.empty()).toBe(true);
    await q.put({ x: 1 });
    expect(q.empty()).toBe(false);
    expect(await q.get()).toEqual({ x: 1 });
    q.close();
    await expect(q.put(1)).rejects.toBeInstanceOf(Closed);
    await expect(q.get()).rejects.toBeInstanceOf(Closed);
  });

  it('revives from its descriptor as a handle on the same ring, of the same class', async () => {
    for (const q of [new Queue(), new JoinableQueue(), new SimpleQueue()]) {
      const twin = decodeShared(encodeShared(q)) as typeof q;
      expect(twin).not.toBe(q);
      expect(twin.constructor).toBe(q.constructor);
      await q.put(7);
      expect(await twin.get()).toBe(7);
    }
  });
});
