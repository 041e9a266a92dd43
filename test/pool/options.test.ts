import { availableParallelism } from 'node:os';
import { ErrorCode, Pool, type PoolOptions } from 'corepool';
import { describe, expect, it } from 'vitest';

const BAD: Array<[string, unknown, string, string]> = [
  ['processes', 0, 'RangeError', 'options.processes must be an integer >= 1'],
  ['processes', 1.5, 'RangeError', 'options.processes must be an integer >= 1'],
  ['processes', '2', 'TypeError', 'options.processes must be an integer >= 1'],
  ['processes', Infinity, 'RangeError', 'options.processes must be an integer >= 1'],
  ['maxTasksPerChild', 0, 'RangeError', 'options.maxTasksPerChild must be Infinity or an integer >= 1'],
  ['maxQueue', -1, 'RangeError', 'options.maxQueue must be Infinity or an integer >= 1'],
  ['taskTimeout', 0, 'RangeError', 'options.taskTimeout must be a number of milliseconds > 0'],
  ['taskTimeout', 'soon', 'TypeError', 'options.taskTimeout must be a number of milliseconds > 0'],
  ['idleTimeout', -5, 'RangeError', 'options.idleTimeout must be a number of milliseconds >= 0'],
  ['initializer', 'setup', 'TypeError', 'options.initializer must be a function or a task() reference'],
  ['initargs', 'x', 'TypeError', 'options.initargs must be an array'],
  ['resourceLimits', 7, 'TypeError', 'options.resourceLimits must be an object'],
  ['context', 'fork', 'TypeError', "options.context must be 'thread', 'process' or 'inline'"],
];

describe('Pool options', () => {
  it.each(BAD)('options.%s = %j is refused with a coded %s', (key, value, name, message) => {
    const options = key === 'options' ? value : { [key]: value };
    let error: unknown;
    try {
      new Pool(options as PoolOptions);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name, code: ErrorCode.INVALID_OPTION });
    expect((error as Error).message).toContain(message);
  });

  it('a non-object options is ERR_INVALID_ARG_TYPE naming `options`', () => {
    for (const options of [5, 'x', null, [1]]) {
      expect(() => new Pool(options as PoolOptions)).toThrow(
        expect.objectContaining({
          name: 'TypeError',
          code: ErrorCode.INVALID_ARG_TYPE,
          message: expect.stringContaining('options must be an object'),
        }),
      );
    }
  });

  it("context accepts 'thread', 'process' and 'inline' only (see test/pool/process.test.ts, test/pool/inline_context.test.ts)", async () => {
    expect(() => new Pool({ context: 'fiber' as never })).toThrow(
      expect.objectContaining({
        code: ErrorCode.INVALID_OPTION,
        message: expect.stringContaining("options.context must be 'thread', 'process' or 'inline'"),
      }),
    );
    const pool = new Pool({ processes: 1, context: 'process' });
    expect(await pool.apply(() => 1)).toBe(1);
    await pool.terminate();
  });

  it('defaults: processes = os.availableParallelism(); null maxTasksPerChild means never', async () => {
    const pool = new Pool({ maxTasksPerChild: null, context: 'thread' });
    expect(pool.processes).toBe(availableParallelism());
    expect(pool.state).toBe('running');
    expect(await pool.apply((x: number) => x, [1])).toBe(1);
    await pool.terminate();
  });
});
