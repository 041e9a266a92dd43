// Shared objects passed as Pool task arguments arrive as the SAME shared
// object (issue 6): what a worker does to them is seen by the main thread.
import {
  Barrier,
  BoundedSemaphore,
  Condition,
  Event,
  JoinableQueue,
  Lock,
  Pipe,
  Pool,
  Queue,
  RLock,
  RawValue,
  Semaphore,
  SharedArray,
  Value,
} from 'corepool';
import { afterAll, describe, expect, it } from 'vitest';

const pool = new Pool({ processes: 2 });
afterAll(() => pool.terminate());

describe('shared objects in Pool tasks', () => {
  it('Value: increments under its own lock from every task give the exact total', async () => {
    const counter = Value('i', 0);
    const bump = (c: typeof counter, n: number): void => {
      const lock = c.getLock();
      for (let i = 0; i < n; i++) {
        lock.acquireSync();
        c.value += 1;
        lock.release();
      }
    };
    await pool.starmap(
      bump,
      [
        [counter, 5000],
        [counter, 5000],
        [counter, 5000],
        [counter, 5000],
      ],
      { chunksize: 1 },
    );
    expect(counter.value).toBe(20_000);
  });

  it('SharedArray: each task writes its slot of the same array', async () => {
    const arr = SharedArray('d', 4);
    await pool.starmap(
      (a: typeof arr, i: number) => {
        a[i] = i * 1.5;
      },
      [0, 1, 2, 3].map((i) => [arr, i] as [typeof arr, number]),
    );
    expect(Array.from(arr)).toEqual([0, 1.5, 3, 4.5]);
  });

  it('Lock and RLock passed explicitly guard a RawValue', async () => {
    for (const lock of [new Lock(), new RLock()]) {
      const raw = RawValue('i', 0);
      const bump = (v: typeof raw, l: Lock, n: number): void => {
        for (let i = 0; i < n; i++) {
          l.acquireSync();
          v.value += 1;
          l.release();
        }
      };
      await pool.starmap(
        bump,
        [
          [raw, lock, 3000],
          [raw, lock, 3000],
        ],
        { chunksize: 1 },
      );
      expect(raw.value).toBe(6000);
      expect(lock.locked()).toBe(false);
    }
  });

  it('Semaphore / BoundedSemaphore released in a task can be acquired by the main thread', async () => {
    for (const sem of [new Semaphore(0), new BoundedSemaphore(1)]) {
      if (sem instanceof BoundedSemaphore) expect(await sem.acquire()).toBe(true);
      expect(await sem.acquire({ block: false })).toBe(false);
      await pool.apply((s: Semaphore) => s.release(), [sem]);
      expect(await sem.acquire({ timeout: 10_000 })).toBe(true);
    }
  });

  it('Event set in a task wakes the main thread', async () => {
    const event = new Event();
    const done = pool.apply((e: Event) => e.set(), [event]);
    expect(await event.wait(10_000)).toBe(true);
    await done;
    expect(event.isSet()).toBe(true);
  });

  it('Condition: a task notifies the main thread waiting on a predicate', async () => {
    const flag = RawValue('i', 0);
    const cond = new Condition();
    expect(await cond.acquire()).toBe(true);
    const done = pool.apply(
      (c: Condition, f: typeof flag) => {
        c.acquireSync();
        f.value = 1;
        c.notifyAll();
        c.release();
      },
      [cond, flag],
    );
    expect(await cond.waitFor(() => flag.value === 1, 10_000)).toBe(true);
    cond.release();
    await done;
  });

  it('Barrier: two tasks and the main thread pass together', async () => {
    const barrier = new Barrier(3);
    const tasks = pool.starmap((b: Barrier) => b.waitSync(10_000), [[barrier], [barrier]], { chunksize: 1 });
    const mine = await barrier.wait(10_000);
    const theirs = await tasks;
    expect([mine, ...theirs].sort()).toEqual([0, 1, 2]);
  });

  it('Queue: items put by a task are received by the main thread, in order', async () => {
    const q = new Queue();
    await pool.apply(
      (queue: Queue, text: string) => {
        for (const ch of text) queue.putSync(ch);
      },
      [q, 'helloworld'],
    );
    const got: unknown[] = [];
    for (let i = 0; i < 10; i++) got.push(await q.get({ timeout: 10_000 }));
    expect(got.join('')).toBe('helloworld');
    expect(q.empty()).toBe(true);
  });

  it('JoinableQueue: a task consumes and marks items done; join() resolves', async () => {
    const q = new JoinableQueue();
    for (const n of [1, 2, 3]) await q.put(n);
    const sum = pool.apply(
      (queue: JoinableQueue) => {
        let total = 0;
        for (let i = 0; i < 3; i++) {
          total += queue.getSync({ timeout: 10_000 }) as number;
          queue.taskDone();
        }
        return total;
      },
      [q],
    );
    await q.join();
    expect(await sum).toBe(6);
    expect(q.unfinishedTasks).toBe(0);
  });

  it('Pipe: a task holding one end answers the main thread holding the other', async () => {
    const [mine, theirs] = Pipe();
    const echo = pool.apply(
      (conn: typeof theirs) => {
        const x = conn.recvSync() as number;
        conn.sendSync({ doubled: x * 2 });
      },
      [theirs],
    );
    await mine.send(21);
    expect(await mine.poll(10_000)).toBe(true);
    expect(await mine.recv()).toEqual({ doubled: 42 });
    await echo;
  });

  it('a shared object returned by a task is still the same memory', async () => {
    const v = Value('d', 1);
    const back = await pool.apply(
      (x: typeof v) => {
        x.value = 2;
        return x;
      },
      [v],
    );
    expect(back).not.toBe(v);
    back.value = 7;
    expect(v.value).toBe(7);
  });

  it('shared objects nested in plain objects and arrays are revived too', async () => {
    const v = Value('i', 0);
    const q = new Queue();
    await pool.apply(
      (o: { box: [typeof v]; q: Queue }) => {
        o.box[0].value = 5;
        o.q.putSync('ok');
      },
      [{ box: [v], q }],
    );
    expect(v.value).toBe(5);
    expect(await q.get({ timeout: 10_000 })).toBe('ok');
  });
});
