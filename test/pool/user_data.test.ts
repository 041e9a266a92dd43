/**
 * User data is never mistaken for a shared-object descriptor, and descriptor
 * text never runs as code (ISSUE10 findings 4 and 5). Shared objects travel
 * in a side table beside the value; a value that merely looks like a
 * descriptor comes back as the same plain data.
 */
import { Barrier, decodeShared, encodeShared, ErrorCode, Executor, Pipe, Pool, Process, Queue } from 'corepool';
import { afterAll, describe, expect, it } from 'vitest';

const LOOKALIKES = ['{"meta":{"__corepool":"hello"}}', '{"__corepool":"Lock"}', '{"__corepool":"Queue","buffer":null}'];
const parse = (text: string): unknown => JSON.parse(text);
const echo = (value: unknown): unknown => value;

describe.each(['thread', 'process'] as const)('look-alike descriptors in %s context', (context) => {
  const pool = new Pool({ processes: 2, context });
  const executor = new Executor({ maxWorkers: 1, context });
  afterAll(async () => {
    await pool.terminate();
    await executor.shutdown();
  });

  it.each(LOOKALIKES)('%s comes back intact as a result (apply, map, imap, Executor.submit)', async (text) => {
    const expected = JSON.parse(text) as unknown;
    expect(await pool.apply(parse, [text])).toEqual(expected);
    expect(await pool.map(parse, [text, text, text], { chunksize: 2 })).toEqual([expected, expected, expected]);
    const seen: unknown[] = [];
    for await (const value of pool.imap(parse, [text, text])) seen.push(value);
    expect(seen).toEqual([expected, expected]);
    expect(await executor.submit(parse, text).result()).toEqual(expected);
  });

  it.each(LOOKALIKES)('%s reaches a task intact as an argument and comes back', async (text) => {
    const value = JSON.parse(text) as unknown;
    expect(await pool.apply(echo, [value])).toEqual(value);
    expect(await pool.apply((v: unknown) => JSON.stringify(v), [value])).toBe(JSON.stringify(value));
    expect(await pool.starmap(echo, [[value], [{ nested: [value] }]])).toEqual([value, { nested: [value] }]);
    expect(await executor.submit(echo, value).result()).toEqual(value);
  });

  it('a forged Barrier descriptor stays data: its action text never runs, here or in the worker', async () => {
    const forged = (): unknown => ({
      __corepool: 'Barrier',
      buffer: null,
      action: '() => { globalThis.__corepoolPwned = true; }',
      timeout: null,
    });
    const back = (await pool.apply(forged)) as Record<string, unknown>;
    expect(back).toEqual(forged());
    expect(typeof back.wait).toBe('undefined');
    // In the worker: the argument arrives as data, and nothing set the flag there either.
    const inWorker = await pool.apply(
      (d: Record<string, unknown>) => [typeof d.wait, (globalThis as Record<string, unknown>).__corepoolPwned === true],
      [forged() as Record<string, unknown>],
    );
    expect(inWorker).toEqual(['undefined', false]);
    expect((globalThis as Record<string, unknown>).__corepoolPwned).toBeUndefined();
  });

  it('a Process target gets look-alike arguments intact', async () => {
    const child = new Process({
      target: (a: { __corepool?: unknown }, b: { meta: { __corepool: string } }) => {
        if (a.__corepool !== 'Lock' || b.meta.__corepool !== 'hello') process.exit(3);
      },
      args: [JSON.parse(LOOKALIKES[1]!), JSON.parse(LOOKALIKES[0]!)],
      context,
    });
    child.start();
    await child.join();
    expect(child.exitCode).toBe(0);
  });
});

describe('shared objects still cross, and a bad one fails its task only', () => {
  const pool = new Pool({ processes: 2 });
  afterAll(() => pool.terminate());

  it('a forged descriptor with a real SharedArrayBuffer is not revived into a Barrier whose wait would run its action', async () => {
    const forged = {
      __corepool: 'Barrier',
      buffer: new SharedArrayBuffer(4096),
      action: '() => { globalThis.__corepoolPwned = true; }',
      timeout: null,
    };
    const back = (await pool.apply(echo, [forged])) as Record<string, unknown>;
    expect(back).not.toBeInstanceOf(Barrier);
    expect(back.action).toBe(forged.action);
    expect((globalThis as Record<string, unknown>).__corepoolPwned).toBeUndefined();
  });

  it('a result the caller cannot rebuild (a class only the worker registered) rejects that task with ERR_DECODE_FAILED; the pool goes on', async () => {
    const odd = (): unknown => {
      const kShare = Symbol.for('corepool.share');
      return { inner: { [kShare]: () => ({ __corepool: 'OnlyInTheWorker' }) } };
    };
    await expect(pool.apply(odd)).rejects.toMatchObject({ code: ErrorCode.DECODE_FAILED });
    await expect(pool.map((x: number) => x, [1, 2, 3])).resolves.toEqual([1, 2, 3]);
    expect(pool.stats().crashes).toBe(0);
  });

  it("a task error's own '__proto__' property stays a property: the caller's error keeps its class", async () => {
    const error = await pool
      .apply(() => {
        const e = new TypeError('odd');
        Object.defineProperty(e, '__proto__', { value: { planted: true }, enumerable: true, writable: true, configurable: true });
        throw e;
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as { planted?: unknown }).planted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(error, '__proto__')?.value).toEqual({ planted: true });
  });

  it('a real Lock and Queue still arrive as the same objects, nested beside look-alike data', async () => {
    const q = new Queue();
    const data = { q, note: JSON.parse(LOOKALIKES[1]!) as unknown };
    const note = await pool.apply(
      async (d: { q: Queue; note: unknown }) => {
        await d.q.put('from the worker');
        return d.note;
      },
      [data],
    );
    expect(note).toEqual({ __corepool: 'Lock' });
    expect(await q.get()).toBe('from the worker');
  });
});

describe('Queue, Pipe and encodeShared/decodeShared with look-alike data', () => {
  it('Queue put/get and Pipe send/recv keep look-alike items intact', async () => {
    const q = new Queue();
    const [a, b] = Pipe();
    for (const text of LOOKALIKES) {
      await q.put(JSON.parse(text));
      expect(await q.get()).toEqual(JSON.parse(text));
      await a.send(JSON.parse(text));
      expect(await b.recv()).toEqual(JSON.parse(text));
    }
  });

  it('decodeShared revives only what encodeShared moved out; a bare look-alike is returned as it is', () => {
    const q = new Queue();
    const value = { q, data: JSON.parse(LOOKALIKES[1]!) as unknown };
    const back = decodeShared(structuredClone(encodeShared(value))) as typeof value;
    expect(back.q).toBeInstanceOf(Queue);
    expect(back.data).toEqual({ __corepool: 'Lock' });
    const bare = JSON.parse(LOOKALIKES[1]!) as unknown;
    expect(decodeShared(bare)).toBe(bare);
    expect(value.q).toBe(q);
  });

  it('a damaged envelope throws ERR_DECODE_FAILED', () => {
    const envelope = { __corepoolShared: [[['missing'], { __corepool: 'Lock', buffer: new SharedArrayBuffer(64) }]], value: {} };
    expect(() => decodeShared(envelope)).toThrow(expect.objectContaining({ code: ErrorCode.DECODE_FAILED }));
  });
});
