/**
 * An input iterable that throws: the error surfaces from the call at the
 * point it occurred, after the results before it, and the pool stays usable
 * (ISSUE10 finding 7; CPython raises the generator's exception from the
 * result iterator).
 */
import { Executor, Pool } from 'corepool';
import { afterAll, describe, expect, it } from 'vitest';

/** Yields 0…6, then throws, as the generator. */
function* sevenThenThrow(): Generator<number> {
  for (let i = 0; i < 7; i++) yield i;
  throw new Error('input broke after 7');
}

async function* sevenThenThrowAsync(): AsyncGenerator<number> {
  yield* sevenThenThrow();
}

/** Consumes `it`, returning what it yielded and the error that ended it. */
async function drain(it: AsyncIterable<unknown>): Promise<{ values: unknown[]; error: unknown }> {
  const values: unknown[] = [];
  try {
    for await (const v of it) values.push(v);
  } catch (error) {
    return { values, error };
  }
  return { values, error: undefined };
}

const times10 = (x: number): number => x * 10;
const EXPECTED = [0, 10, 20, 30, 40, 50, 60];

describe.each(['thread', 'process'] as const)('an input that throws, %s context', (context) => {
  const pool = new Pool({ processes: 2, context });
  const executor = new Executor({ maxWorkers: 2, context });
  afterAll(async () => {
    await pool.terminate();
    await executor.shutdown();
  });

  it.each([
    ['sync', sevenThenThrow],
    ['async', sevenThenThrowAsync],
  ] as const)('imap (%s input, chunksize 2) yields the results before the error, then raises it, then ends', async (_kind, source) => {
    const it = pool.imap(times10, source(), { chunksize: 2 });
    const { values, error } = await drain(it);
    expect(error).toMatchObject({ message: 'input broke after 7' });
    // CPython loses the partial chunk the error cut short; corepool yields every item pulled before it.
    expect(EXPECTED.slice(0, values.length)).toEqual(values);
    expect(values.length).toBeGreaterThanOrEqual(6);
    expect((await it.next()).done).toBe(true);
  });

  it('imapUnordered raises it after the results before it, in some order', async () => {
    const { values, error } = await drain(pool.imapUnordered(times10, sevenThenThrow(), { chunksize: 2 }));
    expect(error).toMatchObject({ message: 'input broke after 7' });
    expect([...values].sort((a, b) => (a as number) - (b as number))).toEqual(EXPECTED.slice(0, values.length));
  });

  it('map and starmap reject with it', async () => {
    await expect(pool.map(times10, sevenThenThrow(), { chunksize: 2 })).rejects.toThrow('input broke after 7');
    const tuples = (function* () {
      for (const x of sevenThenThrow()) yield [x] as [number];
    })();
    await expect(pool.starmap(times10, tuples, { chunksize: 2 })).rejects.toThrow('input broke after 7');
  });

  it('Executor.map yields the results before it, then raises it', async () => {
    const { values, error } = await drain(executor.map(times10, sevenThenThrow(), { chunksize: 2 }));
    expect(error).toMatchObject({ message: 'input broke after 7' });
    expect(values).toEqual(EXPECTED.slice(0, values.length));
    expect(values.length).toBeGreaterThanOrEqual(6);
  });

  it('the pool and the executor stay usable', async () => {
    expect(await pool.map(times10, [1, 2, 3])).toEqual([10, 20, 30]);
    expect(await executor.submit(times10, 4).result()).toBe(40);
    expect(pool.stats().crashes).toBe(0);
  });
});
