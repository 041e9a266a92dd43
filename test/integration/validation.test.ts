// Issue 10, findings 9 and 10: arguments that lie about themselves, absurd
// sizes, throwing getters and Proxies get coded errors before any work, the
// same on both backends, and Promise calls never throw synchronously.
import * as cp from 'corepool';
import * as sync from 'corepool/sync';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

const thrower = (): never => {
  throw new Error('hostile getter');
};

/** Calls `start` and checks it returned a Promise instead of throwing, then returns its rejection. */
async function rejection(start: () => Promise<unknown>): Promise<unknown> {
  let promise: Promise<unknown> | undefined;
  expect(() => {
    promise = start();
  }).not.toThrow();
  expect(promise).toBeInstanceOf(Promise);
  return promise!.then(
    () => expect.fail('resolved'),
    (error: unknown) => error,
  );
}

// ES2024 resizable buffers are newer than the lib this project compiles against.
type Resizable = ArrayBuffer & { resize(length: number): void };
const Resizable = ArrayBuffer as unknown as new (length: number, options: { maxByteLength: number }) => Resizable;

function outOfBounds(): Float64Array {
  const buffer = new Resizable(32, { maxByteLength: 64 });
  const view = new Float64Array(buffer, 8, 3);
  buffer.resize(8);
  return view;
}

class LyingTag extends Uint8Array {}
Object.defineProperty(LyingTag.prototype, Symbol.toStringTag, { get: () => 'Float64Array' });

const LIARS: Array<[string, () => unknown]> = [
  ['a redefined length', () => Object.defineProperty(new Float64Array(4), 'length', { value: 1e12 })],
  ['a redefined Symbol.toStringTag', () => Object.defineProperty(new Int8Array(4), Symbol.toStringTag, { value: 'Float64Array' })],
  [
    'a subclass whose length getter lies',
    () =>
      new (class extends Float64Array {
        override get length(): number {
          return 2 ** 40;
        }
      })(4),
  ],
  ['a subclass whose tag lies', () => new LyingTag(4)],
  ['a redefined buffer getter that throws', () => Object.defineProperty(new Float64Array(4), 'buffer', { get: thrower })],
  ['an array-like claiming to be a Float64Array', () => ({ length: 1e12, 0: 1, [Symbol.toStringTag]: 'Float64Array' })],
  ['a Proxy of a Float64Array', () => new Proxy(new Float64Array(4), {})],
  ['an object inheriting from Float64Array.prototype', () => Object.create(Float64Array.prototype)],
];

describe(`argument validation on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  it.each(LIARS)('refuses %s with ERR_INVALID_ARG_TYPE, async and sync, without looking at its claims', async (_label, make) => {
    for (const [run, runSync] of [
      [(a: unknown) => cp.sum(a as Float64Array), (a: unknown) => sync.sumSync(a as Float64Array)],
      [(a: unknown) => cp.all(a as Float64Array), (a: unknown) => sync.allSync(a as Float64Array)],
      [(a: unknown) => cp.sort(a as Float64Array), (a: unknown) => sync.sortSync(a as Float64Array)],
      [(a: unknown) => cp.exp(a as Float64Array), (a: unknown) => sync.expSync(a as Float64Array)],
    ] as const) {
      expect(await rejection(() => run(make()))).toMatchObject({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
      expect(() => runSync(make())).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    }
  });

  it('still accepts honest arrays from another realm and honest subclasses', async () => {
    class Plain extends Float64Array {}
    expect(await cp.sum(runInNewContext('new Float64Array([1, 2, 3])') as Float64Array)).toBe(6);
    expect(await cp.sum(new Plain([1, 2]))).toBe(3);
    expect(sync.sumSync(runInNewContext('new Int8Array([4, -1])') as Int8Array)).toBe(3);
  });

  it('refuses a view outside its shrunk resizable buffer as a resizable buffer (unique, sum)', async () => {
    // Every resizable ArrayBuffer is refused; one already shrunk under its view is no exception.
    expect(await rejection(() => cp.unique(outOfBounds()))).toMatchObject({ name: 'TypeError', code: 'ERR_RESIZABLE_BUFFER' });
    expect(await rejection(() => cp.sum(outOfBounds()))).toMatchObject({ code: 'ERR_RESIZABLE_BUFFER' });
    expect(() => sync.uniqueSync(outOfBounds())).toThrow(expect.objectContaining({ code: 'ERR_RESIZABLE_BUFFER' }));
  });

  it('matmul of empty operands with a huge m finishes at once; sizes beyond 2^32 are refused before any work', async () => {
    const empty = new Float64Array(0);
    expect(await cp.matmul(empty, empty, { m: 1e9, k: 0, n: 0 })).toHaveLength(0);
    expect(sync.matmulSync(empty, empty, { m: 1e9, k: 0, n: 0 })).toHaveLength(0);
    expect(await cp.transpose(empty, { rows: 0, cols: 1e9 })).toHaveLength(0);
    for (const size of [2 ** 32 + 1, 2 ** 40, 1e12, 2 ** 53]) {
      expect(await rejection(() => cp.matmul(empty, empty, { m: size, k: 0, n: 0 }))).toMatchObject({
        name: 'RangeError',
        code: 'ERR_OUT_OF_RANGE',
      });
    }
    // 2^17 x 2^17 elements: each size is fine, the result is not.
    expect(await rejection(() => cp.outer(new Float64Array(2 ** 17), new Float64Array(2 ** 17)))).toMatchObject({
      code: 'ERR_OUT_OF_RANGE',
    });
  });

  it('refuses absurd sizes from options and lengths with ERR_OUT_OF_RANGE naming the argument', async () => {
    for (const n of [1e12, 2 ** 40, 2 ** 53]) {
      expect(await rejection(() => cp.random.normal(n))).toMatchObject({
        name: 'RangeError',
        code: 'ERR_OUT_OF_RANGE',
        message: expect.stringMatching(/^nOrOut must /),
      });
      expect(() => sync.randomSync.uniform(n)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    }
    const x = new Float64Array([1, 2, 3]);
    expect(await rejection(() => cp.histogram(x, { bins: { length: 2 ** 40 } as never }))).toMatchObject({ code: 'ERR_OUT_OF_RANGE' });
    expect(await rejection(() => cp.bincount(new Int32Array([1]), { minlength: 2 ** 40 }))).toMatchObject({ code: 'ERR_INVALID_OPTION' });
  });

  it('a throwing options getter or Proxy rejects with a coded error whose cause is the original (dot, matmul, sum, random, sort)', async () => {
    const a = new Float64Array(4);
    // signal is read by every kernel; m by dot to choose its matrix form (not enumerable, so the
    // kernels that take no m, which reject unknown keys, still reach the getter).
    const getterOptions = (): object =>
      Object.defineProperties({}, { m: { get: thrower, enumerable: false }, signal: { get: thrower, enumerable: true } });
    const hostile = (): object => new Proxy({}, { get: thrower, has: thrower, ownKeys: thrower, getOwnPropertyDescriptor: thrower });
    for (const options of [getterOptions, hostile]) {
      for (const call of [
        () => cp.dot(a, a, options() as never),
        () => cp.matmul(a, a, options() as never),
        () => cp.sum(a, options() as never),
        () => cp.random.uniform(4, options() as never),
        () => cp.sort(a, options() as never),
        () => cp.histogram(a, options() as never),
        () => cp.clip(a, 0, 1, options() as never),
      ]) {
        const error = (await rejection(call)) as Error & { code?: string; cause?: Error };
        expect(error).toMatchObject({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
        expect(error.cause?.message).toBe('hostile getter');
      }
      expect(() => sync.dotSync(a, a, options() as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    }
  });
});
