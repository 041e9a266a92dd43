/**
 * Issue 11 point 3 for Pool and Executor: every options object is checked by
 * src/validate.ts's rules. A non-object is ERR_INVALID_ARG_TYPE naming
 * `options`; an unknown key or a bad value is ERR_INVALID_OPTION naming
 * `options.X` (an unknown key also names the nearest valid one). Calls that
 * return a Promise, an AsyncResult or an iterator fail that way and never
 * throw; constructors throw.
 */
import { ErrorCode, Executor, kernels, Pool, wait, type PoolFn } from 'corepool';
import { afterAll, describe, expect, it } from 'vitest';

const double = (x: number): number => x * 2;
const add = (a: number, b: number): number => a + b;

/** Runs `call` (which must not throw) and returns what its outcome rejects with. */
async function rejection(call: () => PromiseLike<unknown> | AsyncIterator<unknown>): Promise<unknown> {
  let outcome: PromiseLike<unknown> | AsyncIterator<unknown> | undefined;
  expect(() => (outcome = call())).not.toThrow();
  const settled =
    typeof (outcome as AsyncIterator<unknown>).next === 'function'
      ? (outcome as AsyncIterator<unknown>).next()
      : (outcome as PromiseLike<unknown>);
  return Promise.resolve(settled).then(
    () => expect.unreachable('the call should have failed'),
    (error: unknown) => error,
  );
}

const unknownKey = (key: string, owner: string): object => ({
  name: 'TypeError',
  code: ErrorCode.INVALID_OPTION,
  message: expect.stringContaining(`options.${key} is not an option of ${owner}`),
});
const notAnObject = { name: 'TypeError', code: ErrorCode.INVALID_ARG_TYPE, message: expect.stringContaining('options must be an object') };
const badValue = (key: string): object => ({ code: ErrorCode.INVALID_OPTION, message: expect.stringContaining(`options.${key} must be`) });

describe("the issue's examples fail loudly", () => {
  const pool = new Pool({ processes: 1 });
  afterAll(() => pool.terminate());

  it('new Pool({ taskTimout: 100 }) throws, naming the nearest option', () => {
    expect(() => new Pool({ taskTimout: 100 } as never)).toThrow(
      expect.objectContaining({
        code: ErrorCode.INVALID_OPTION,
        message: 'options.taskTimout is not an option of Pool; did you mean taskTimeout?',
      }),
    );
  });

  it('pool.map(fn, xs, { chunkSize: 8 }) rejects: did you mean chunksize?', async () => {
    expect(await rejection(() => pool.map(double, [1, 2], { chunkSize: 8 } as never))).toMatchObject({
      code: ErrorCode.INVALID_OPTION,
      message: 'options.chunkSize is not an option of Pool.map; did you mean chunksize?',
    });
  });

  it('pool.apply(fn, [], { weight: 1 }) rejects, listing the valid options', async () => {
    expect(await rejection(() => pool.apply(() => 1, [], { weight: 1 } as never))).toMatchObject({
      code: ErrorCode.INVALID_OPTION,
      message: 'options.weight is not an option of Pool.apply; valid options: signal, timeout, priority, callback, errorCallback, transfer',
    });
  });
});

describe.each(['thread', 'process'] as const)('every Pool call checks its options (%s context)', (context) => {
  const pool = new Pool({ processes: 1, context });
  afterAll(() => pool.terminate());
  const fn = double as PoolFn;

  // [call name, the call with the given options, a key that call does not take]
  const calls: Array<[string, (options: unknown) => PromiseLike<unknown> | AsyncIterator<unknown>, string]> = [
    ['Pool.apply', (o) => pool.apply(fn, [1], o as never), 'chunksize'],
    ['Pool.applyAsync', (o) => pool.applyAsync(fn, [1], o as never), 'chunksize'],
    ['Pool.map', (o) => pool.map(fn, [1, 2], o as never), 'callback'],
    ['Pool.mapAsync', (o) => pool.mapAsync(fn, [1, 2], o as never), 'transfer'],
    ['Pool.starmap', (o) => pool.starmap(add as PoolFn, [[1, 2]], o as never), 'errorCallback'],
    ['Pool.starmapAsync', (o) => pool.starmapAsync(add as PoolFn, [[1, 2]], o as never), 'buffersize'],
    ['Pool.imap', (o) => pool.imap(fn, [1, 2], o as never), 'callback'],
    ['Pool.imapUnordered', (o) => pool.imapUnordered(fn, [1, 2], o as never), 'blocks'],
    ['Pool.parallelFor', (o) => pool.parallelFor(4, (() => 0) as PoolFn, o as never), 'chunksize'],
  ];

  it.each(calls)('%s rejects an unknown key, a key of another call, a non-object and a bad signal', async (owner, call, otherKey) => {
    expect(await rejection(() => call({ sginal: undefined }))).toMatchObject({
      ...unknownKey('sginal', owner),
      message: expect.stringContaining('did you mean signal?'),
    });
    expect(await rejection(() => call({ [otherKey]: undefined }))).toMatchObject(unknownKey(otherKey, owner));
    expect(await rejection(() => call(5))).toMatchObject(notAnObject);
    expect(await rejection(() => call(null))).toMatchObject(notAnObject);
    expect(await rejection(() => call({ signal: 'stop' }))).toMatchObject({ name: 'TypeError', ...badValue('signal') });
  });

  it('bad values are ERR_INVALID_OPTION naming the option', async () => {
    expect(await rejection(() => pool.map(fn, [1], { chunksize: 1.5 }))).toMatchObject({ name: 'RangeError', ...badValue('chunksize') });
    expect(await rejection(() => pool.imap(fn, [1], { buffersize: 0 }))).toMatchObject({ name: 'RangeError', ...badValue('buffersize') });
    expect(await rejection(() => pool.parallelFor(4, (() => 0) as PoolFn, { blocks: 'two' as never }))).toMatchObject({
      name: 'TypeError',
      ...badValue('blocks'),
    });
    expect(await rejection(() => pool.mapAsync(fn, [1], { errorCallback: 1 as never }))).toMatchObject(badValue('errorCallback'));
    expect(await rejection(() => pool.apply(fn, [1], { transfer: 'buf' as never }))).toMatchObject(badValue('transfer'));
  });

  it('the pool stays usable after refused calls', async () => {
    expect(await pool.map(fn, [1, 2, 3], { chunksize: 2 })).toEqual([2, 4, 6]);
  });
});

describe('options edge cases', () => {
  const pool = new Pool({ processes: 1 });
  afterAll(() => pool.terminate());

  it('a refused call runs neither its callback nor its errorCallback', async () => {
    const seen: string[] = [];
    const callbacks = { callback: () => seen.push('callback'), errorCallback: () => seen.push('errorCallback') };
    expect(await rejection(() => pool.mapAsync(double, [1], { ...callbacks, chunkSize: 1 } as never))).toMatchObject(
      unknownKey('chunkSize', 'Pool.mapAsync'),
    );
    expect(await rejection(() => pool.applyAsync(double, [1], { ...callbacks, signal: 1 } as never))).toMatchObject(badValue('signal'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toEqual([]);
  });

  it('explicit undefined values of known keys and symbol keys are accepted', async () => {
    expect(await pool.map(double, [1, 2], { chunksize: undefined, signal: undefined, onProgress: undefined })).toEqual([2, 4]);
    expect(await pool.apply(double, [4], { [Symbol('tag')]: 1 } as never)).toBe(8);
  });

  it('Pool constructor: unknown keys throw before any worker starts; bad values keep their messages', () => {
    expect(() => new Pool({ processes: 1, maxTaskPerChild: 2 } as never)).toThrow(
      expect.objectContaining({
        code: ErrorCode.INVALID_OPTION,
        message: 'options.maxTaskPerChild is not an option of Pool; did you mean maxTasksPerChild?',
      }),
    );
    expect(() => new Pool({ processes: 1, context: 'worker' as never })).toThrow(expect.objectContaining(badValue('context')));
    // Neither a plain object nor a kernel reference can run in a worker.
    for (const initializer of [{}, kernels.sum])
      expect(() => new Pool({ processes: 1, initializer: initializer as never })).toThrow(expect.objectContaining(badValue('initializer')));
  });
});

describe('Executor checks its options', () => {
  const executor = new Executor({ maxWorkers: 1 });
  afterAll(() => executor.shutdown());

  it('constructor: unknown keys, non-objects and bad values throw', () => {
    expect(() => new Executor({ maxWorker: 2 } as never)).toThrow(
      expect.objectContaining({
        code: ErrorCode.INVALID_OPTION,
        message: 'options.maxWorker is not an option of Executor; did you mean maxWorkers?',
      }),
    );
    expect(() => new Executor(3 as never)).toThrow(expect.objectContaining(notAnObject));
    expect(() => new Executor({ maxWorkers: '2' as never })).toThrow(
      expect.objectContaining({ name: 'TypeError', ...badValue('maxWorkers') }),
    );
    expect(() => new Executor({ maxWorkers: 1, initargs: 'x' as never })).toThrow(expect.objectContaining(badValue('initargs')));
  });

  it('map: an unknown key or a bad value fails its first next()', async () => {
    expect(await rejection(() => executor.map(double, [1], { chunkSize: 2 } as never))).toMatchObject({
      ...unknownKey('chunkSize', 'Executor.map'),
      message: expect.stringContaining('did you mean chunksize?'),
    });
    expect(await rejection(() => executor.map(double, [1], { buffersize: 'x' } as never))).toMatchObject({
      name: 'TypeError',
      ...badValue('buffersize'),
    });
  });

  it('wait: an unknown key, a non-object or a bad value rejects', async () => {
    const future = executor.submit(double, 2);
    expect(await rejection(() => wait([future], { timeOut: 10 } as never))).toMatchObject({
      ...unknownKey('timeOut', 'wait'),
      message: expect.stringContaining('did you mean timeout?'),
    });
    expect(await rejection(() => wait([future], 'ALL_COMPLETED' as never))).toMatchObject(notAnObject);
    expect(await rejection(() => wait([future], { timeout: 'soon' } as never))).toMatchObject(badValue('timeout'));
    expect((await wait([future], { returnWhen: undefined, timeout: undefined })).done.has(future)).toBe(true);
  });

  it('shutdown: bad options reject and shut nothing down', async () => {
    const other = new Executor({ maxWorkers: 1 });
    expect(await rejection(() => other.shutdown({ cancelFuture: true } as never))).toMatchObject({
      ...unknownKey('cancelFuture', 'Executor.shutdown'),
      message: expect.stringContaining('did you mean cancelFutures?'),
    });
    expect(await rejection(() => other.shutdown({ wait: 'yes' } as never))).toMatchObject(badValue('wait'));
    expect(await rejection(() => other.shutdown(0 as never))).toMatchObject(notAnObject);
    expect(await other.submit(double, 21).result()).toBe(42);
    await other.shutdown({ wait: true, cancelFutures: false });
  });
});
