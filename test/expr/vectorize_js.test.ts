import { ErrorCode, vectorize } from 'corepool';
import { describe, expect, it } from 'vitest';
import { ROOT, run } from '../helpers/child.js';

// The public vectorize(): its options, and { fallback: 'js' }, which runs a
// function the translator refuses as itself over blocks on the default
// Pool's workers. Runs on both backends (the JS path uses neither's kernels,
// but the package under test is the one each project loads). The native
// expression path is tested with the compiler that runs it.

/** Larger than JS_INLINE_ELEMENTS, and odd, so the blocks are uneven. */
const N = 50_001;

// A `for` loop keeps the translator out: these run through the JS fallback.
const poly = (x: number, y: number): number => {
  let s = 0;
  for (let k = 1; k <= 3; k++) s += x ** k / k;
  return s + y;
};

function loop(fn: (...a: number[]) => unknown, ...args: Array<ArrayLike<number> | number>): Float64Array {
  const n = (args.find((a) => typeof a !== 'number') as ArrayLike<number>).length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Number(fn(...args.map((a) => (typeof a === 'number' ? a : a[i]!))));
  return out;
}

function ramp(n: number, shared = false): Float64Array {
  const a = shared ? new Float64Array(new SharedArrayBuffer(n * 8)) : new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = (i - n / 2) / 997;
  return a;
}

const isSharedView = (a: ArrayBufferView): boolean => Object.prototype.toString.call(a.buffer) === '[object SharedArrayBuffer]';

describe('vectorize: options', () => {
  it('checks options through the one validation module', () => {
    const fn = (x: number) => x + 1;
    expect(() => vectorize(fn, { fallbak: 'js' } as never)).toThrow(
      expect.objectContaining({
        code: ErrorCode.INVALID_OPTION,
        message: 'options.fallbak is not an option of vectorize; did you mean fallback?',
      }),
    );
    expect(() => vectorize(fn, { fallback: 'python' } as never)).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_OPTION, message: "options.fallback must be 'error' or 'js'; got python" }),
    );
    expect(() => vectorize(fn, 'js' as never)).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARG_TYPE }));
    expect(() => vectorize(42 as never)).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARG_TYPE }));
  });

  it('a translatable function is an expression, with its parameters and source', () => {
    const hyp = vectorize((x, y) => Math.sqrt(x * x + y * y));
    expect(hyp.engine).toBe('expression');
    expect(hyp.params).toEqual(['x', 'y']);
    expect(hyp.source).toContain('Math.sqrt');
    expect(hyp.reason).toBeUndefined();
  });

  it('maps operands to parameters by position, checking the count and the trailing options first', async () => {
    const hyp = vectorize((x, y) => Math.sqrt(x * x + y * y));
    const xs = new Float64Array(4);
    const cases: Array<[unknown[], string]> = [
      [[xs], ErrorCode.INVALID_ARG_TYPE],
      [[xs, xs, xs], ErrorCode.INVALID_ARG_TYPE],
      [[xs, xs, { sigal: undefined }], ErrorCode.INVALID_OPTION],
      [[xs, xs, { signal: 'stop' }], ErrorCode.INVALID_OPTION],
    ];
    for (const [args, code] of cases) {
      const call = hyp(...(args as never[]));
      expect(call).toBeInstanceOf(Promise);
      await expect(call).rejects.toMatchObject({ code });
      expect(() => hyp.sync(...(args as never[]))).toThrow(expect.objectContaining({ code }));
    }
  });

  it("without { fallback: 'js' } an unsupported function throws ERR_VECTORIZE_UNSUPPORTED", () => {
    expect(() => vectorize(poly)).toThrow(expect.objectContaining({ code: ErrorCode.VECTORIZE_UNSUPPORTED }));
    expect(() => vectorize(poly, { fallback: 'error' })).toThrow(/'for' loops are not supported \(line \d+, column \d+\)/);
  });
});

describe("vectorize: { fallback: 'js' }", () => {
  const f = vectorize(poly, { fallback: 'js' });

  it('runs the function itself, and says why', () => {
    expect(f.engine).toBe('js');
    expect(f.params).toEqual(['x', 'y']);
    expect(f.reason).toMatchObject({ code: ErrorCode.VECTORIZE_UNSUPPORTED });
  });

  it('equals a plain JS loop over ordinary arrays (an ordinary result)', async () => {
    const x = ramp(N);
    const y = ramp(N).reverse();
    const got = (await f(x, y)) as Float64Array;
    expect(got).toBeInstanceOf(Float64Array);
    expect(isSharedView(got)).toBe(false);
    expect(got).toEqual(loop(poly, x, y));
  });

  it('broadcasts numbers, takes every dtype and gives a shared result for shared inputs', async () => {
    const x = ramp(N, true);
    const got = (await f(x, 0.25)) as Float64Array;
    expect(isSharedView(got)).toBe(true);
    expect(got).toEqual(loop(poly, x, 0.25));
    const i32 = Int32Array.from({ length: N }, (_, i) => i - 100);
    const f32 = Float32Array.from({ length: N }, (_, i) => i / 7);
    expect(await f(i32, f32)).toEqual(loop(poly, i32, f32));
  });

  it('writes options.out (shared, ordinary or another dtype) and returns it', async () => {
    const x = ramp(N);
    for (const out of [new Float64Array(new SharedArrayBuffer(N * 8)), new Float64Array(N), new Int32Array(N)]) {
      expect(await f(x, 1, { out })).toBe(out);
      expect(out).toEqual(Reflect.construct(out.constructor, [loop(poly, x, 1)]));
    }
  });

  it('keeps JS semantics: % follows the dividend, Math.round is half up, a boolean is 1 or 0', async () => {
    const js = (x: number): number => {
      for (;;) return (x % 3) + Math.round(x) + Number(x > 0);
    };
    const g = vectorize(js, { fallback: 'js' });
    const x = Float64Array.from({ length: N }, (_, i) => [-2.5, -7, 2.5, 7, -0.5][i % 5]!);
    expect(await g(x)).toEqual(loop(js, x));
    expect(g.sync(x.subarray(0, 5))).toEqual(loop(js, x.subarray(0, 5)));
  });

  it('runs small inputs and .sync on the calling thread, with the same results', async () => {
    const x = ramp(100);
    expect(await f(x, 2)).toEqual(loop(poly, x, 2));
    expect(f.sync(x, 2)).toEqual(loop(poly, x, 2));
    expect(f.sync(2, 3)).toBe(poly(2, 3));
    expect(await f(2, 3)).toBe(poly(2, 3));
  });

  it('runs large inputs on the pool workers', async () => {
    // require is what the pool gives a shipped function; the calling thread of this ESM test has none.
    const where = vectorize(
      (x: number) => {
        for (;;) return require('node:worker_threads').isMainThread ? -1 : x;
      },
      { fallback: 'js' },
    );
    const x = ramp(N);
    expect(await where(x)).toEqual(x);
  });

  it('accepts methods and defaulted parameters', async () => {
    const m = vectorize(
      {
        twice(x: number) {
          while (x !== x) return 0;
          return 2 * x;
        },
      }.twice,
      { fallback: 'js' },
    );
    expect(m.params).toEqual(['x']);
    expect(await m(ramp(N))).toEqual(loop((x) => 2 * x, ramp(N)));
    const d = vectorize((x: number, y = 1) => x + y, { fallback: 'js' });
    expect(d.params).toEqual(['x', 'y']);
    expect(d.sync(new Float64Array([1, 2]), 3)).toEqual(new Float64Array([4, 5]));
  });

  it('rejects bad calls (and .sync throws) with coded errors', async () => {
    const cases: Array<[unknown[], string, string | RegExp]> = [
      [[ramp(3)], ErrorCode.INVALID_ARG_TYPE, 'a vectorized function takes 2 operands (x, y) and optional options; got 1 argument'],
      [
        [ramp(3), 1, ramp(3)],
        ErrorCode.INVALID_ARG_TYPE,
        'a vectorized function takes 2 operands (x, y) and optional options; got 3 arguments',
      ],
      [[ramp(3), ramp(4)], ErrorCode.LENGTH_MISMATCH, 'y must have the same length as x (3); got 4'],
      [[ramp(3), 'a'], ErrorCode.INVALID_ARG_TYPE, 'y must be a number or a TypedArray; got a'],
      [[ramp(3), [1, 2, 3]], ErrorCode.INVALID_ARG_TYPE, 'y must be a number or a TypedArray; got Array'],
      [[ramp(3), 1, { outt: 1 }], ErrorCode.INVALID_OPTION, 'options.outt is not an option of a vectorized function; did you mean out?'],
      [[ramp(3), 1, { out: new Float64Array(2) }], ErrorCode.LENGTH_MISMATCH, 'options.out must have the length of the inputs (3); got 2'],
      [[ramp(3), 1, { signal: 1 }], ErrorCode.INVALID_OPTION, /options.signal must be an AbortSignal/],
    ];
    for (const [args, code, message] of cases) {
      const matcher = expect.objectContaining({ code, message: typeof message === 'string' ? message : expect.stringMatching(message) });
      await expect(f(...(args as never[]))).rejects.toThrow(matcher);
      expect(() => f.sync(...(args as never[]))).toThrow(matcher);
    }
  });

  it('refuses an overlapping out', async () => {
    const x = ramp(N + 1, true);
    await expect(f(x.subarray(1), 0, { out: x.subarray(0, N) })).rejects.toMatchObject({ code: ErrorCode.OVERLAP });
    const inPlace = x.subarray(0, N);
    const expected = loop(poly, inPlace, 0);
    expect(await f(inPlace, 0, { out: inPlace })).toEqual(expected);
  });

  it("passes the function's own error on, and honours an aborted signal", async () => {
    const bad = vectorize(
      (x: number) => {
        for (;;) {
          if (x > 10) throw new RangeError(`too big: ${x}`);
          return x;
        }
      },
      { fallback: 'js' },
    );
    await expect(bad(ramp(N))).rejects.toThrow(/too big/);
    await expect(f(ramp(N), 1, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses what JS cannot run on workers either', () => {
    const k = 3;
    expect(() =>
      vectorize(
        (x: number) => {
          for (;;) return x * k;
        },
        { fallback: 'js' },
      ),
    ).toThrow(expect.objectContaining({ code: ErrorCode.FN_NOT_SELF_CONTAINED, freeVariables: ['k'] }));
    expect(() => vectorize(async (x: number) => x, { fallback: 'js' })).toThrow(/async functions are not supported/);
    expect(() => vectorize(Math.sqrt, { fallback: 'js' })).toThrow(/native and bound functions/);
    expect(() => vectorize((...xs: number[]) => xs.length, { fallback: 'js' })).toThrow(/rest parameters/);
  });

  it('never keeps the process alive', async () => {
    const script = [
      `const { vectorize } = await import(${JSON.stringify(`${ROOT}dist/index.js`)});`,
      'const f = vectorize((x) => { for (;;) return x * 2; }, { fallback: "js" });',
      'const r = await f(new Float64Array(100000).fill(1.5));',
      'console.log(r[99999]);',
    ].join('\n');
    const started = Date.now();
    const result = await run(process.execPath, ['--input-type=module', '-e', script], { timeoutMs: 30_000 });
    expect(result.stdout.trim()).toBe('3');
    expect(result.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
