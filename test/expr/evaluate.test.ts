// Array expressions: each expression gives bit for bit what the chain of
// kernel calls it stands for gives (the same promotion, the same rounding
// at every step), over dtypes, sizes straddling the chunk, the block and
// the inline threshold, ordinary and shared memory, NDArray broadcasting
// and views, `out`, and reductions. Runs on both backends.
import * as cp from 'corepool';
import { compile, evaluate, NDArray, ndarray, type NumericArray } from 'corepool';
import * as sync from 'corepool/sync';
import { describe, expect, it } from 'vitest';

type Vars = Record<string, NumericArray | number>;
// biome-ignore lint/suspicious/noExplicitAny: the blocking kernels by their async names, to write chains briefly.
type AnyFn = (...args: any[]) => any;
/** corepool/sync's kernels under their Promise names: s.add is addSync. */
const s = new Proxy(sync as unknown as Record<string, AnyFn>, { get: (t, k: string) => t[`${k}Sync`] ?? t[k] }) as unknown as Record<
  'add' | 'sub' | 'mul' | 'div' | 'square' | 'sqrt' | 'sin' | 'cos' | 'exp' | 'abs' | 'neg' | 'pow' | 'mod' | 'hypot',
  AnyFn
> &
  Record<'gt' | 'lt' | 'eq' | 'ne' | 'where' | 'minimum' | 'maximum' | 'fma' | 'lerp' | 'clip' | 'astype', AnyFn> &
  Record<'sum' | 'mean' | 'min' | 'max' | 'prod', AnyFn> &
  Record<string, AnyFn | undefined>;
// biome-ignore lint/suspicious/noExplicitAny: chains take the case's arrays whatever their dtype.
type Chain = (v: Record<string, any>) => unknown;
const BACKEND = process.env.COREPOOL_BACKEND;

// Each row: an expression and the kernel chain it means (corepool/sync).
const CASES: ReadonlyArray<readonly [string, Chain]> = [
  ['2*a + 3*b*c', ({ a, b, c }) => s.add(s.mul(2, a), s.mul(s.mul(3, b), c))],
  ['sin(a)**2 + cos(b)**2', ({ a, b }) => s.add(s.square(s.sin(a)), s.square(s.cos(b)))],
  ['a*b - 4.1*a > 2.5*b', ({ a, b }) => s.gt(s.sub(s.mul(a, b), s.mul(4.1, a)), s.mul(2.5, b))],
  ['where(a > 0, sqrt(a), -a)', ({ a }) => s.where(s.gt(a, 0), s.sqrt(a), s.neg(a))],
  ['a > 0 ? a : b / 2', ({ a, b }) => s.where(s.gt(a, 0), a, s.div(b, 2))],
  ['(a > 0) && (b < 1) || !(c == 0)', ({ a, b, c }) => s.maximum(s.mul(s.gt(a, 0), s.lt(b, 1)), s.eq(s.eq(c, 0), 0))],
  ['a && b', ({ a, b }) => s.mul(s.ne(a, 0), s.ne(b, 0))],
  ['hypot(a, b) % 3', ({ a, b }) => s.mod(s.hypot(a, b), 3)],
  ['fma(a, b, c) - lerp(a, b, 0.25)', ({ a, b, c }) => s.sub(s.fma(a, b, c), s.lerp(a, b, 0.25))],
  ['clip(a, -1, 1) * float32(b)', ({ a, b }) => s.mul(s.clip(a, -1, 1), s.astype(b, 'float32'))],
  ['a ** 3 + a ** 2 + a ** 0.5', ({ a }) => s.add(s.add(s.pow(a, 3), s.square(a)), s.pow(a, 0.5))],
  [
    '-a % (b + 7) + minimum(a, b) / maximum(a, 1)',
    ({ a, b }) => s.add(s.mod(s.neg(a), s.add(b, 7)), s.div(s.minimum(a, b), s.maximum(a, 1))),
  ],
  ['exp(-(a - mu)**2 / (2*sd*sd))', ({ a }) => s.exp(s.div(s.neg(s.square(s.sub(a, 0.5))), 2 * 1.5 * 1.5))],
  ['a', ({ a }) => s.astype(a, a.constructor)],
  ['abs(a - b) + (a - b)', ({ a, b }) => s.add(s.abs(s.sub(a, b)), s.sub(a, b))],
];

// The only place `a ** 0.5` differs from pow: numpy (and the expression) run sqrt for it on floats.
const sqrtForHalf = (expression: string, C: unknown): boolean =>
  expression.includes('** 0.5') && (C === Float64Array || C === Float32Array);

let seed = 7;
function random(C: new (n: number | ArrayBufferLike) => NumericArray, n: number, shared: boolean): NumericArray {
  const bytes = n * (C as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
  const a = new C(shared ? new SharedArrayBuffer(bytes) : n);
  const float = C === Float64Array || C === Float32Array;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const u = seed / 2 ** 32;
    a[i] = float ? (u - 0.5) * 8 : Math.floor(u * 200) - (C === Int32Array || C === Int16Array ? 100 : 0);
  }
  return a;
}

const bytes = (a: NumericArray): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const DTYPE_SETS = [
  [Float64Array, Float64Array, Float64Array],
  [Float32Array, Float32Array, Float32Array],
  [Float32Array, Int16Array, Uint8Array],
  [Int32Array, Int16Array, Float64Array],
] as const;

describe(`evaluate gives the bits of its kernel chain (${BACKEND})`, () => {
  it.each(CASES.map(([e]) => e))('%s over dtypes, sizes and memory', async (expression) => {
    const chain = CASES.find(([e]) => e === expression)![1];
    for (const [A, B, C] of DTYPE_SETS) {
      for (const n of [0, 1, 1023, 1025, 16385, 70000]) {
        const shared = n === 70000 || n === 1025;
        const vars: Vars = { a: random(A, n, shared), b: random(B, n, shared), c: random(C, n, shared), mu: 0.5, sd: 1.5 };
        const want = chain(vars) as NumericArray;
        const label = `${expression} ${A.name}/${B.name}/${C.name} n=${n}`;
        if (sqrtForHalf(expression, A)) {
          const viaSqrt = s.add(s.add(s.pow(vars.a!, 3), s.square(vars.a!)), s.sqrt(vars.a!)) as NumericArray;
          want.set(viaSqrt);
        }
        const got = (await evaluate(expression, vars)) as NumericArray;
        expect(got.constructor, label).toBe(want.constructor);
        expect(bytes(got).equals(bytes(want)), label).toBe(true);
        const gotSync = sync.evaluateSync(expression, vars) as NumericArray;
        expect(bytes(gotSync).equals(bytes(want)), `${label} (Sync)`).toBe(true);
        if (shared) expect(got.buffer, label).toBeInstanceOf(SharedArrayBuffer);
      }
    }
  });

  it.each([
    ['sum(a * b)', 'sum'],
    ['mean(a + b)', 'mean'],
    ['min(a - 2*b)', 'min'],
    ['max(a * b)', 'max'],
    ['prod(a * 0 + 1.0001)', 'prod'],
  ] as const)('%s is the reduction of the materialised result, bit for bit', async (expression, name) => {
    for (const C of [Float64Array, Float32Array, Int16Array]) {
      for (const n of [1, 1023, 16384, 16385, 70001]) {
        const a = random(C, n, n > 65536);
        const b = random(C, n, n > 65536);
        const body = compile(expression.slice(name.length + 1, -1));
        const materialised = body.runSync({ a, b }) as NumericArray;
        const want = s[name]!(materialised);
        const got = await evaluate(expression, { a, b });
        expect(Object.is(got, want), `${expression} ${C.name} n=${n}: ${got} vs ${want}`).toBe(true);
        expect(Object.is(sync.evaluateSync(expression, { a, b }), want)).toBe(true);
      }
    }
  });

  it('an empty reduction gives the identity, or ERR_EMPTY_INPUT where numpy raises', async () => {
    const a = new Float64Array(0);
    expect(await evaluate('sum(a * 2)', { a })).toBe(0);
    expect(await evaluate('prod(a)', { a })).toBe(1);
    expect(Number.isNaN(await evaluate('mean(a)', { a }))).toBe(true);
    await expect(evaluate('min(a + 1)', { a })).rejects.toMatchObject({ name: 'RangeError', code: 'ERR_EMPTY_INPUT' });
  });
});

describe(`evaluate on NDArrays (${BACKEND})`, () => {
  const m = ndarray(Array.from({ length: 6 }, (_, i) => Array.from({ length: 5 }, (_, j) => Math.sin(i * 5 + j) * 3)));
  const row = ndarray([1, -2, 3, 0.5, 2]);
  const col = ndarray([[1], [2], [3], [4], [5], [6]], { dtype: 'float32' });

  const sameNd = (got: unknown, want: NDArray): void => {
    expect(got).toBeInstanceOf(NDArray);
    const g = got as NDArray;
    expect(g.shape).toEqual(want.shape);
    expect(g.dtype).toBe(want.dtype);
    expect(bytes(g.copy().data).equals(bytes(want.copy().data))).toBe(true);
  };

  it('broadcasts rows, columns and transposed and reversed views as the kernels do', async () => {
    sameNd(await evaluate('m * row - col', { m, row, col }), s.sub(s.mul(m, row), col) as NDArray);
    const t = m.T; // [5, 6]
    const rev = m.slice('::-1, ::-1');
    sameNd(await evaluate('t * 2 + sqrt(abs(r))', { t, r: rev.T }), s.add(s.mul(t, 2), s.sqrt(s.abs(rev.T))) as NDArray);
    sameNd(await evaluate('where(m > row, m, row)', { m, row }), s.where(s.gt(m, row), m, row) as NDArray);
    // A TypedArray is a 1-d array: it broadcasts along the last axis.
    sameNd(await evaluate('m + v', { m, v: new Float64Array([1, 2, 3, 4, 5]) }), s.add(m, new Float64Array([1, 2, 3, 4, 5])) as NDArray);
  });

  it('reduces along axes, as the reduction of the materialised result', async () => {
    for (const axis of [0, 1, -1]) {
      sameNd(await evaluate(`sum(m * row, axis=${axis})`, { m, row }), s.sum(s.mul(m, row), { axis }) as NDArray);
      sameNd(await evaluate(`max(m - col, axis=${axis})`, { m, col }), s.max(s.sub(m, col), { axis }) as NDArray);
    }
    sameNd(await evaluate('mean(m, axis=(0, 1))', { m }), s.mean(m, { axis: [0, 1] }) as NDArray);
    // options.axis is the same as axis= in the string.
    sameNd(await evaluate('sum(m * row)', { m, row }, { axis: 1 }), s.sum(s.mul(m, row), { axis: 1 }) as NDArray);
    sameNd(sync.evaluateSync('max(m)', { m }, { axis: [0, 1] }), s.max(m, { axis: [0, 1] }) as NDArray);
    await expect(evaluate('m * 2', { m }, { axis: 0 })).rejects.toMatchObject({ code: 'ERR_INVALID_OPTION' });
    await expect(evaluate('sum(m, axis=0)', { m }, { axis: 0 })).rejects.toMatchObject({ code: 'ERR_INVALID_OPTION' });
    await expect(evaluate('sum(m)', { m }, { axis: 0.5 as never })).rejects.toMatchObject({ code: 'ERR_INVALID_OPTION' });
    expect(await evaluate('sum(m * row)', { m, row })).toBe(s.sum(s.mul(m, row)));
  });

  it('writes any view given as out, and copies an input that overlaps out through another layout', async () => {
    const out = cp.zeros([5, 6]);
    const result = await evaluate('m * 2', { m }, { out: out.T });
    expect(result).toBeInstanceOf(NDArray);
    sameNd(out.T, s.mul(m, 2) as NDArray);
    // In place through the same layout.
    const x = new Float64Array([1, 2, 3]);
    expect(await evaluate('x * 10 + 1', { x }, { out: x })).toBe(x);
    expect([...x]).toEqual([11, 21, 31]);
    // Square matrix written through its own transpose: numpy reads a copy.
    const q = ndarray([
      [1, 2],
      [3, 4],
    ]);
    await evaluate('q + 100', { q }, { out: q.T });
    expect(q.toArray()).toEqual([
      [101, 103],
      [102, 104],
    ]);
  });

  it('keeps float32 as float32 and gives shared results for shared inputs', async () => {
    const f = cp.ones([3, 4], { dtype: 'float32', shared: true });
    const r = (await evaluate('f * 2.5 + sin(f)', { f })) as NDArray;
    expect(r.dtype).toBe('float32');
    expect(r.data.buffer).toBeInstanceOf(SharedArrayBuffer);
  });
});

describe(`compile (${BACKEND})`, () => {
  it('parses once and runs with new variables, dtypes and shapes each time', async () => {
    const f = compile('exp(-(x - mu)**2 / (2*s*s))');
    expect(f.source).toBe('exp(-(x - mu)**2 / (2*s*s))');
    const x = new Float64Array([0, 1, 2, -1]);
    const want = s.exp(s.div(s.neg(s.square(s.sub(x, 0))), 2)) as Float64Array;
    expect([...((await f.run({ x, mu: 0, s: 1 })) as Float64Array)]).toEqual([...want]);
    expect([...(f.runSync({ x, mu: 0, s: 1 }) as Float64Array)]).toEqual([...want]);
    const x32 = new Float32Array([0, 1, 2]);
    expect(f.runSync({ x: x32, mu: 1, s: 2 })).toBeInstanceOf(Float32Array);
    expect(f.runSync({ x: ndarray([[0, 1]]), mu: 1, s: 2 })).toBeInstanceOf(NDArray);
  });

  it('runs again on the same arrays with new numbers, out or lengths, never reusing a stale program', () => {
    const f = compile('x * s');
    const x = new Float64Array([1, 0, -2]);
    expect(Object.is((f.runSync({ x, s: 0 }) as Float64Array)[1], 0)).toBe(true);
    expect(Object.is((f.runSync({ x, s: -0 }) as Float64Array)[1], -0)).toBe(true);
    expect([...(f.runSync({ x, s: 3 }) as Float64Array)]).toEqual([3, 0, -6]);
    const out = new Float64Array(3);
    expect(f.runSync({ x, s: 2 }, { out })).toBe(out);
    expect(f.runSync({ x, s: 2 })).not.toBe(out);
    // An NDArray's readonly fields reassigned from plain JS: the next run reads the new data.
    const m = ndarray([1, 2, 3]);
    expect([...(f.runSync({ x: m, s: 2 }) as NDArray).data]).toEqual([2, 4, 6]);
    (m as unknown as { data: Float64Array }).data = new Float64Array([5, 6, 7]);
    expect([...(f.runSync({ x: m, s: 2 }) as NDArray).data]).toEqual([10, 12, 14]);
    // The same for an NDArray out whose offset is reassigned.
    const o = new NDArray(new Float64Array(6), [3], undefined, 0);
    f.runSync({ x, s: 1 }, { out: o });
    (o as unknown as { offset: number }).offset = 3;
    f.runSync({ x, s: 10 }, { out: o });
    expect([...o.data]).toEqual([1, 0, -2, 10, 0, -20]);
    // A resizable buffer could change a view's length between calls: refused, as by every kernel.
    const buffer = new (ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer)(16, { maxByteLength: 64 });
    expect(() => f.runSync({ x: new Float64Array(buffer), s: 2 })).toThrow(
      expect.objectContaining({ code: 'ERR_RESIZABLE_BUFFER' }) as unknown as Error,
    );
  });

  it('a compiled expression can be cancelled', async () => {
    const f = compile('a * 2');
    const a = new Float64Array(10);
    const controller = new AbortController();
    controller.abort();
    await expect(f.run({ a }, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError', code: 'ABORT_ERR' });
    expect(() => f.runSync({ a }, { signal: controller.signal })).toThrow(
      expect.objectContaining({ name: 'AbortError' }) as unknown as Error,
    );
  });
});
