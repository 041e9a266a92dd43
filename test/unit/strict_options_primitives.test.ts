/**
 * Issue 11, rule 13 for the multiprocessing side (queues, pipes, locks,
 * shared values, Process, Manager): every call that takes an options object
 * refuses an unknown key with ERR_INVALID_OPTION naming the key and the
 * nearest valid one, a non-object options with ERR_INVALID_ARG_TYPE, and a
 * bad value with ERR_INVALID_OPTION naming `options.X`. Promise-returning
 * calls reject; constructors and sync calls throw.
 */
import {
  Barrier,
  BoundedSemaphore,
  Condition,
  ErrorCode,
  Event,
  JoinableQueue,
  Lock,
  Manager,
  Pipe,
  Process,
  Queue,
  RLock,
  Semaphore,
  SharedArray,
  SimpleQueue,
  Value,
} from 'corepool';
import { afterAll, describe, expect, it } from 'vitest';

type Call = (options: never) => unknown;

interface Row {
  /** The owner as messages name it. */
  readonly owner: string;
  readonly call: Call;
  /** true: the call returns a Promise, which must reject rather than throw. */
  readonly async?: boolean;
  /** A misspelled key and the valid one the message suggests (undefined: the call takes no options). */
  readonly typo: readonly [string, string | undefined];
}

const manager = Manager();
afterAll(() => manager.shutdown());

const rows: Row[] = [
  { owner: 'Queue', call: (o) => new Queue(0, o), typo: ['bufferBites', 'bufferBytes'] },
  { owner: 'Queue.put', call: (o) => new Queue().put(1, o), async: true, typo: ['timout', 'timeout'] },
  { owner: 'Queue.putSync', call: (o) => new Queue().putSync(1, o), typo: ['blok', 'block'] },
  { owner: 'Queue.get', call: (o) => new Queue().get(o), async: true, typo: ['timout', 'timeout'] },
  { owner: 'Queue.getSync', call: (o) => new Queue().getSync(o), typo: ['timeOut', 'timeout'] },
  { owner: 'JoinableQueue', call: (o) => new JoinableQueue(0, o), typo: ['producer', 'producers'] },
  { owner: 'JoinableQueue.put', call: (o) => new JoinableQueue().put(1, o), async: true, typo: ['timout', 'timeout'] },
  { owner: 'JoinableQueue.putSync', call: (o) => new JoinableQueue().putSync(1, o), typo: ['timout', 'timeout'] },
  { owner: 'JoinableQueue.get', call: (o) => new JoinableQueue().get(o), async: true, typo: ['timout', 'timeout'] },
  { owner: 'JoinableQueue.getSync', call: (o) => new JoinableQueue().getSync(o), typo: ['timout', 'timeout'] },
  { owner: 'SimpleQueue', call: (o) => new SimpleQueue(o), typo: ['bufferbytes', 'bufferBytes'] },
  { owner: 'SimpleQueue.put', call: (o) => new SimpleQueue().put(1, o), async: true, typo: ['timeout', undefined] },
  { owner: 'SimpleQueue.putSync', call: (o) => new SimpleQueue().putSync(1, o), typo: ['timeout', undefined] },
  { owner: 'SimpleQueue.get', call: (o) => new SimpleQueue().get(o), async: true, typo: ['timeout', undefined] },
  { owner: 'SimpleQueue.getSync', call: (o) => new SimpleQueue().getSync(o), typo: ['block', undefined] },
  { owner: 'Pipe', call: (o) => Pipe(o), typo: ['duplx', 'duplex'] },
  { owner: 'Lock', call: (o) => new Lock(o), typo: ['timeout', undefined] },
  { owner: 'Lock.acquire', call: (o) => new Lock().acquire(o), async: true, typo: ['timout', 'timeout'] },
  { owner: 'Lock.acquireSync', call: (o) => new Lock().acquireSync(o), typo: ['timout', 'timeout'] },
  { owner: 'RLock', call: (o) => new RLock(o), typo: ['timeout', undefined] },
  { owner: 'RLock.acquire', call: (o) => new RLock().acquire(o), async: true, typo: ['timout', 'timeout'] },
  { owner: 'RLock.acquireSync', call: (o) => new RLock().acquireSync(o), typo: ['timout', 'timeout'] },
  { owner: 'Semaphore.acquire', call: (o) => new Semaphore().acquire(o), async: true, typo: ['timout', 'timeout'] },
  { owner: 'Semaphore.acquireSync', call: (o) => new Semaphore().acquireSync(o), typo: ['timout', 'timeout'] },
  { owner: 'BoundedSemaphore.acquire', call: (o) => new BoundedSemaphore().acquire(o), async: true, typo: ['timout', 'timeout'] },
  { owner: 'BoundedSemaphore.acquireSync', call: (o) => new BoundedSemaphore().acquireSync(o), typo: ['timout', 'timeout'] },
  { owner: 'Condition', call: (o) => new Condition(null, o), typo: ['maxWaiter', 'maxWaiters'] },
  { owner: 'Condition.acquire', call: (o) => new Condition().acquire(o), async: true, typo: ['timout', 'timeout'] },
  { owner: 'Condition.acquireSync', call: (o) => new Condition().acquireSync(o), typo: ['timout', 'timeout'] },
  { owner: 'Event', call: (o) => new Event(o), typo: ['timeout', undefined] },
  { owner: 'Barrier', call: (o) => new Barrier(2, o), typo: ['timout', 'timeout'] },
  { owner: 'Value', call: (o) => Value('i', 0, o), typo: ['lok', 'lock'] },
  { owner: 'SharedArray', call: (o) => SharedArray('d', 4, o), typo: ['locks', 'lock'] },
  { owner: 'Process', call: (o) => new Process(o), typo: ['targt', 'target'] },
  { owner: 'Manager', call: (o) => Manager(o), typo: ['authkey', undefined] },
  { owner: 'Queue', call: (o) => manager.Queue(0, o), typo: ['producer', 'producers'] },
  { owner: 'Value', call: (o) => manager.Value('i', 0, o), typo: ['Lock', 'lock'] },
];

/** The error `row.call(options)` throws, or its Promise rejects with; fails if a Promise form throws. */
async function failure(row: Row, options: unknown): Promise<Error & { code?: string }> {
  let result: unknown;
  try {
    result = row.call(options as never);
  } catch (error) {
    if (row.async === true) throw new Error(`${row.owner} threw synchronously instead of rejecting: ${String(error)}`);
    return error as Error & { code?: string };
  }
  if (row.async !== true) throw new Error(`${row.owner} did not throw`);
  expect(result).toBeInstanceOf(Promise);
  try {
    await result;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error(`${row.owner} did not reject`);
}

describe('strict options: queues, pipes, locks, shared values, Process, Manager', () => {
  it.each(rows)('$owner refuses an unknown key, naming it and the nearest valid one', async (row) => {
    const [key, near] = row.typo;
    const error = await failure(row, { [key]: 1 });
    expect(error).toMatchObject({ name: 'TypeError', code: ErrorCode.INVALID_OPTION });
    const hint = near === undefined ? 'it takes no options' : `did you mean ${near}?`;
    expect(error.message).toBe(`options.${key} is not an option of ${row.owner}; ${hint}`);
  });

  it.each(rows)('$owner refuses a non-object options with ERR_INVALID_ARG_TYPE naming options', async (row) => {
    for (const bad of [5, 'fast', null, [1]]) {
      const error = await failure(row, bad);
      expect(error).toMatchObject({ name: 'TypeError', code: ErrorCode.INVALID_ARG_TYPE });
      expect(error.message).toMatch(/^options must be an object or undefined; got /);
    }
  });

  it('lists the valid options when nothing is close', async () => {
    // The example: queues take no signal, and used to ignore it.
    const signal = new AbortController().signal;
    await expect(new Queue().get({ signal } as never)).rejects.toMatchObject({
      code: ErrorCode.INVALID_OPTION,
      message: 'options.signal is not an option of Queue.get; valid options: block, timeout',
    });
    // Python's threading spells it `blocking`; multiprocessing and corepool say `block`.
    expect(() => new Lock().acquireSync({ blocking: false } as never)).toThrow(
      'options.blocking is not an option of Lock.acquireSync; valid options: block, timeout',
    );
    // A SimpleQueue has no producers count.
    expect(() => new SimpleQueue({ producers: 2 } as never)).toThrow(
      'options.producers is not an option of SimpleQueue; valid options: bufferBytes',
    );
    expect(() => new Process({ kwargs: {} } as never)).toThrow('options.kwargs is not an option of Process; did you mean args?');
  });

  it('accepts every documented key', async () => {
    const q = new Queue(0, { bufferBytes: 4096, producers: 2 });
    await q.put(1, { block: true, timeout: 100 });
    q.putSync(2, { block: false, timeout: null });
    expect(await q.get({ block: true, timeout: 100 })).toBe(1);
    expect(q.getSync({ block: false })).toBe(2);
    const sq = new SimpleQueue({ bufferBytes: 4096 });
    await sq.put(3, {});
    expect(await sq.get({})).toBe(3);
    Pipe({ duplex: false, bufferBytes: 4096 });
    const lock = new Lock({});
    expect(await lock.acquire({ block: true, timeout: 10 })).toBe(true);
    lock.release();
    expect(new RLock().acquireSync({ block: false })).toBe(true);
    expect(await new Semaphore(1).acquire({ timeout: 0 })).toBe(true);
    new Condition(null, { maxWaiters: 4 });
    new Barrier(2, { action: null, timeout: 50 });
    new Event({});
    Value('i', 0, { lock: false });
    SharedArray('i', 2, { lock: new Lock() });
    new Process({ target: () => 0, args: [], name: 'p', daemon: true, context: 'thread' });
    await Manager({}).shutdown();
  });

  it('refuses a bad value with ERR_INVALID_OPTION naming options.X', async () => {
    const bad = (fn: () => unknown, message: string): void => {
      expect(fn).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_OPTION, message: expect.stringContaining(message) }));
    };
    bad(() => new Queue(0, { bufferBytes: 8 }), 'options.bufferBytes must be an integer from');
    bad(() => new Queue(0, { producers: 'two' as never }), 'options.producers must be an integer from 1 to');
    bad(() => new Queue().getSync({ block: 'no' as never }), 'options.block must be a boolean; got no');
    bad(() => new Queue().putSync(1, { timeout: -1 }), 'options.timeout must be a non-negative number of milliseconds');
    await expect(new Queue().get({ timeout: Number.NaN })).rejects.toMatchObject({
      code: ErrorCode.INVALID_OPTION,
      message: expect.stringContaining('options.timeout'),
    });
    bad(() => Pipe({ duplex: 1 as never }), 'options.duplex must be a boolean; got 1');
    bad(() => new Lock().acquireSync({ timeout: '5' as never }), 'options.timeout must be');
    await expect(new Semaphore().acquire({ block: 0 as never })).rejects.toMatchObject({
      code: ErrorCode.INVALID_OPTION,
      message: expect.stringContaining('options.block'),
    });
    bad(() => new Condition(null, { maxWaiters: 0 }), 'options.maxWaiters must be an integer in [1, 2^20]; got 0');
    bad(() => new Barrier(2, { action: 5 as never }), 'options.action must be a function, null or undefined; got 5');
    bad(() => new Barrier(2, { timeout: -1 }), 'options.timeout must be');
    bad(() => Value('i', 0, { lock: 'yes' as never }), 'options.lock must be a boolean, a Lock or an RLock; got yes');
    bad(() => SharedArray('i', 2, { lock: {} as never }), 'options.lock must be a boolean, a Lock or an RLock; got object');
    bad(() => new Process({ args: 5 as never }), 'options.args must be an array; got 5');
    bad(() => new Process({ name: 5 as never }), 'options.name must be a string; got 5');
    bad(() => new Process({ daemon: 'yes' as never }), 'options.daemon must be a boolean; got yes');
    bad(() => new Process({ context: 'fiber' as never }), "options.context must be 'thread' or 'process'; got fiber");
    bad(() => new Process({ target: 5 as never }), 'options.target must be a function or a task() reference; got 5');
  });
});
