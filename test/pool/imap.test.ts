import { ErrorCode, Pool } from 'corepool';
import { afterAll, describe, expect, it } from 'vitest';

const pool = new Pool({ processes: 2 });
afterAll(() => pool.terminate());

const tick = (ms = 20): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function drain<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of it) out.push(v);
  return out;
}

/** Item 0 blocks until the main thread opens `gate`; the others return at once. */
const gated = ([i, gate]: [number, Int32Array]): number => {
  if (i === 0) while (Atomics.load(gate, 0) === 0) Atomics.wait(gate, 0, 0, 50);
  return i;
};
const newGate = (): Int32Array => new Int32Array(new SharedArrayBuffer(4));
const open = (gate: Int32Array): void => {
  Atomics.store(gate, 0, 1);
  Atomics.notify(gate, 0);
};

describe('imap and imapUnordered', () => {
  it('imapUnordered yields results as they complete; imap keeps input order', async () => {
    const gate = newGate();
    const unordered = pool.imapUnordered(
      gated,
      [0, 1, 2].map((i) => [i, gate] as [number, Int32Array]),
    );
    const first = await unordered.next();
    const second = await unordered.next();
    open(gate);
    const rest = await drain(unordered);
    expect([first.value, second.value, ...rest]).toEqual([1, 2, 0]);

    // Item 0 finishes last (it waits for the other two) yet comes out first.
    const order = new Int32Array(new SharedArrayBuffer(8));
    const ranked = pool.imap(
      ([i, o]: [number, Int32Array]) => {
        if (i === 0) while (Atomics.load(o, 1) < 2) Atomics.wait(o, 1, Atomics.load(o, 1), 50);
        const rank = Atomics.add(o, 0, 1);
        if (i !== 0) {
          Atomics.add(o, 1, 1);
          Atomics.notify(o, 1);
        }
        return [i, rank];
      },
      [0, 1, 2].map((i) => [i, order] as [number, Int32Array]),
    );
    const results = await drain(ranked);
    expect(results.map(([i]) => i)).toEqual([0, 1, 2]);
    expect(results[0]![1]).toBe(2);
  });

  it('pulls input lazily: at most buffersize chunks out, and return() closes the input', async () => {
    const gate = newGate();
    let pulled = 0;
    let closed = false;
    function* endless(): Generator<[number, Int32Array]> {
      try {
        for (let i = 0; ; i++) {
          pulled++;
          yield [i, gate];
        }
      } finally {
        closed = true;
      }
    }
    const it = pool.imap(gated, endless(), { buffersize: 3 });
    await tick(200);
    expect(pulled).toBe(3);
    open(gate);
    const seen: number[] = [];
    for (let k = 0; k < 10; k++) seen.push((await it.next()).value as number);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(pulled).toBeLessThanOrEqual(10 + 3);
    await it.return();
    expect(closed).toBe(true);
    expect(await it.next()).toEqual({ done: true, value: undefined });
  });

  it('next(timeout) rejects with TimeoutError and the result stays for the next call', async () => {
    const it = pool.imap((ms: number) => new Promise((r) => setTimeout(() => r(ms), ms)), [300]);
    await expect(it.next(10)).rejects.toMatchObject({ name: 'TimeoutError', code: ErrorCode.TIMEOUT });
    expect(await it.next()).toEqual({ done: false, value: 300 });
    expect(await it.next()).toEqual({ done: true, value: undefined });
  });

  it('a failing item rejects one next() at its position and iteration goes on (as in Python)', async () => {
    const it = pool.imap(
      (x: number) => {
        if (x === 2) throw new Error(`bad ${x}`);
        return x;
      },
      [1, 2, 3],
    );
    expect(await it.next()).toEqual({ done: false, value: 1 });
    await expect(it.next()).rejects.toMatchObject({ message: 'bad 2' });
    expect(await it.next()).toEqual({ done: false, value: 3 });
    expect((await it.next()).done).toBe(true);
  });

  it('an input that throws ends the iteration with its error after the results before it', async () => {
    function* broken(): Generator<number> {
      yield 1;
      yield 2;
      throw new Error('input broke');
    }
    const it = pool.imapUnordered((x: number) => x * 10, broken(), { chunksize: 2 });
    expect(await it.next()).toEqual({ done: false, value: 10 });
    expect(await it.next()).toEqual({ done: false, value: 20 });
    await expect(it.next()).rejects.toThrow('input broke');
    expect((await it.next()).done).toBe(true);
  });

  it('takes async iterables, reports progress, and an aborted signal rejects', async () => {
    async function* source(): AsyncGenerator<number> {
      for (let i = 0; i < 5; i++) yield i;
    }
    const progress: Array<number | undefined> = [];
    expect(await drain(pool.imap((x: number) => x + 1, source(), { chunksize: 2, onProgress: (_d, t) => progress.push(t) }))).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(progress.at(-1)).toBe(5);
    const controller = new AbortController();
    const gate = newGate();
    const it = pool.imap(gated, [[0, gate] as [number, Int32Array]], { signal: controller.signal });
    const pending = it.next();
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toMatchObject({ name: 'AbortError', cause: expect.objectContaining({ message: 'stop' }) });
    expect((await it.next()).done).toBe(true);
  });

  it('reports bad arguments from next(), never by throwing', async () => {
    const it = pool.imap((x: number) => x, 42 as never);
    await expect(it.next()).rejects.toMatchObject({ code: ErrorCode.INVALID_ARG_TYPE });
    const y = 1;
    await expect(pool.imapUnordered((x: number) => x + y, [1]).next()).rejects.toMatchObject({ code: ErrorCode.FN_NOT_SELF_CONTAINED });
  });
});
