import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NumericArray } from '../../src/dtypes.js';
import { type Binding, createNativeBackend } from '../../src/backend/native.js';
import { MODE_REDUCE, MODE_STORE, OPERAND_BINDING, OPERAND_REGISTER, OPERAND_SCALAR } from '../../src/expr/program.js';
import { ROOT } from '../helpers/child.js';

// The native expression VM through the binding (expr_async/expr_sync) and the
// native backend's expr/exprSync, with hand-built programs (the compiler that
// emits them is elsewhere): results equal the map kernels chained by hand,
// and malformed programs are refused with coded errors, never a crash.
// The addon the package would load, or the one COREPOOL_ADDON names (as
// under `npm run test:asan`); src/ cannot locate it by itself.
const require = createRequire(import.meta.url);
const override = process.env.COREPOOL_ADDON;
const binding = require(override ? resolve(override) : (require('node-gyp-build') as { path(dir: string): string }).path(ROOT)) as Binding;
const backend = createNativeBackend(binding, 2);
const names = binding.kernel_names();
const map = (name: string): number => names.map.indexOf(name);
const red = (name: string): number => names.reduce.indexOf(name);
const F64 = 0;
const F32 = 1;
const I16 = 4;
const U8 = 7;
const [R, B, S] = [OPERAND_REGISTER, OPERAND_BINDING, OPERAND_SCALAR];

type Ins = [kernel: number, dst: number, ...ops: number[]];
interface Spec {
  mode?: number;
  reduce?: number;
  result?: number;
  shape: number[];
  views?: number[][]; // per binding: offset, ...strides (default: C-contiguous)
  bindings: number[];
  registers: number[];
  code: Ins[];
}

function words(s: Spec): Float64Array {
  const flat = s.shape.map((_, d) => s.shape.slice(d + 1).reduce((p, e) => p * e, 1));
  const views = s.views ?? s.bindings.map(() => [0, ...flat]);
  const w = [1, s.mode ?? MODE_STORE, s.reduce ?? -1, s.bindings.length, s.registers.length, s.code.length];
  w.push(s.result ?? -1, s.shape.length, s.bindings.length, ...s.shape, ...views.flat(), ...s.bindings, ...s.registers);
  for (const [kernel, dst, ...ops] of s.code) w.push(kernel, dst, ...ops, ...Array(6 - ops.length).fill(0));
  return new Float64Array(w);
}

const filledWith = (n: number, f: (i: number) => number): Float64Array => Float64Array.from({ length: n }, (_, i) => f(i));

/** 2*a + 3*b*c into out (binding 0). */
const chain = (n: number): Spec => ({
  shape: [n],
  bindings: [F64, F64, F64, F64],
  registers: [F64, F64],
  code: [
    [map('mul'), 0, S, 2, B, 1],
    [map('mul'), 1, S, 3, B, 2],
    [map('mul'), 1, R, 1, B, 3],
    [map('add'), -1, R, 0, R, 1],
  ],
});

function inputs(n: number): [Float64Array, Float64Array, Float64Array] {
  return [filledWith(n, (i) => i * 0.37 - 5), filledWith(n, (i) => Math.sin(i)), filledWith(n, (i) => 1 / (i + 1))];
}

/** The same chain through map_sync and full-size temporaries. */
function chainByHand(a: Float64Array, b: Float64Array, c: Float64Array): Float64Array {
  const n = a.length;
  const [t0, t1, out] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  binding.map_sync(map('mul'), t0, 2, a);
  binding.map_sync(map('mul'), t1, 3, b);
  binding.map_sync(map('mul'), t1, t1, c);
  binding.map_sync(map('add'), out, t0, t1);
  return out;
}

/** Bit-for-bit equality (toEqual walks large arrays slowly). */
const sameBits = (x: Float64Array, y: Float64Array): boolean =>
  Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(Buffer.from(y.buffer, y.byteOffset, y.byteLength));

/** The error a call throws or its promise rejects with. */
async function failure(call: () => unknown): Promise<{ code?: string; name?: string }> {
  try {
    await call();
  } catch (error) {
    return error as { code?: string };
  }
  throw new Error('expected the call to fail');
}

describe('the native expression VM', () => {
  it('2*a + 3*b*c equals the chained map kernels, sync and async, small and large', async () => {
    for (const n of [0, 1, 1000, 16385, 200_000]) {
      const [a, b, c] = inputs(n);
      const want = chainByHand(a, b, c);
      const program = words(chain(n));
      const out = new Float64Array(n);
      expect(binding.expr_sync(program, [out, a, b, c])).toBe(0);
      expect(sameBits(out, want)).toBe(true);
      const out2 = new Float64Array(n);
      expect(await binding.expr_async(program, [out2, a, b, c])).toBe(0);
      expect(sameBits(out2, want)).toBe(true);
      const out3 = new Float64Array(n);
      expect(await backend.expr(program, [out3, a, b, c])).toBe(0);
      expect(sameBits(out3, want)).toBe(true);
      const out4 = new Float64Array(n);
      expect(backend.exprSync(program, [out4, a, b, c])).toBe(0);
      expect(sameBits(out4, want)).toBe(true);
    }
  });

  it('reduces like the flat reduction of the materialised result', async () => {
    for (const n of [1, 16384, 100_001]) {
      const [a, b] = inputs(n);
      const product = new Float64Array(n);
      binding.map_sync(map('mul'), product, a, b);
      for (const name of ['sum', 'mean', 'prod', 'min', 'max']) {
        const program = words({
          mode: MODE_REDUCE,
          reduce: red(name),
          result: 0,
          shape: [n],
          bindings: [F64, F64],
          registers: [F64],
          code: [[map('mul'), 0, B, 0, B, 1]],
        });
        const want = binding.reduce_sync(red(name), product);
        expect(Object.is(binding.expr_sync(program, [a, b]), want)).toBe(true);
        expect(Object.is(await backend.expr(program, [a, b]), want)).toBe(true);
      }
    }
  });

  it('casts mixed dtypes and reads broadcast and transposed views', () => {
    // out[i][j] = f32row[j] * i16T[j][i] + (u8 < 3), 3 × 5
    const row = Float32Array.from([1.5, -2, 3, 0.25, 8]);
    const t = Int16Array.from({ length: 15 }, (_, i) => i - 7);
    const u = Uint8Array.from({ length: 15 }, (_, i) => i % 5);
    const out = new Float64Array(15);
    const program = words({
      shape: [3, 5],
      views: [
        [0, 5, 1],
        [0, 0, 1],
        [0, 1, 3],
        [0, 5, 1],
      ],
      bindings: [F64, F32, I16, U8],
      registers: [F64, U8],
      code: [
        [map('mul'), 0, B, 1, B, 2],
        [map('lt'), 1, B, 3, S, 3],
        [map('add'), -1, R, 0, R, 1],
      ],
    });
    binding.expr_sync(program, [out, row, t, u]);
    const want = Array.from({ length: 15 }, (_, k) => {
      const [i, j] = [Math.floor(k / 5), k % 5];
      return (row[j] as number) * (t[j * 3 + i] as number) + ((u[k] as number) < 3 ? 1 : 0);
    });
    expect([...out]).toEqual(want);
  });

  it('resolves NaN when the cancel flag is set', async () => {
    const n = 1 << 20;
    const [a, b, c] = inputs(n);
    const out = new Float64Array(n);
    expect(await binding.expr_async(words(chain(n)), [out, a, b, c], new Int32Array([1]))).toBeNaN();
    expect(await backend.expr(words(chain(n)), [out, a, b, c], new Int32Array([1]))).toBeNaN();
    expect(await binding.expr_async(words(chain(n)), [out, a, b, c], new Int32Array([0]))).toBe(0);
  });

  it('gives the empty value of an empty reduction and refuses min of nothing', async () => {
    const reduce = (name: string): Spec => ({
      mode: MODE_REDUCE,
      reduce: red(name),
      result: 0,
      shape: [0],
      bindings: [F64],
      registers: [F64],
      code: [[map('add'), 0, B, 0, S, 1]],
    });
    expect(binding.expr_sync(words(reduce('sum')), [new Float64Array(0)])).toBe(0);
    expect(binding.expr_sync(words(reduce('mean')), [new Float64Array(0)])).toBeNaN();
    expect((await failure(() => binding.expr_sync(words(reduce('min')), [new Float64Array(0)]))).code).toBe('ERR_EMPTY_INPUT');
  });

  it('refuses malformed programs with coded errors, sync and async, without crashing', async () => {
    const n = 64;
    const [a, b, c] = inputs(n);
    const arrays = (): NumericArray[] => [new Float64Array(n), a, b, c];
    const base = words(chain(n));
    const corrupt = (at: number, value: number, at2?: number, value2?: number): Float64Array => {
      const w = base.slice();
      w[at] = value;
      if (at2 !== undefined && value2 !== undefined) w[at2] = value2;
      return w;
    };
    // Layout: header 0-6; geometry 7-8, shape 9, views 10-17; binding dtypes
    // 18-21; registers 22-23; instructions from 24 (8 words each).
    const cases: Array<[string, Float64Array, string]> = [
      ['wrong version', corrupt(0, 2), 'ERR_OUT_OF_RANGE'],
      ['NaN version', corrupt(0, Number.NaN), 'ERR_OUT_OF_RANGE'],
      ['binding reach past its array', corrupt(9, n + 1), 'ERR_OUT_OF_RANGE'],
      ['offset past its array', corrupt(12, 1), 'ERR_OUT_OF_RANGE'],
      ['wrong dtype code', corrupt(19, F32), 'ERR_INVALID_DTYPE'],
      ['register read before write', corrupt(36, R, 37, 1), 'ERR_OUT_OF_RANGE'],
      ['bad kernel id', corrupt(24, 1e6), 'ERR_OUT_OF_RANGE'],
      ['fractional kernel id', corrupt(24, 0.5), 'ERR_OUT_OF_RANGE'],
      ['huge binding count', corrupt(3, 1e9), 'ERR_OUT_OF_RANGE'],
      ['huge instruction count', corrupt(5, 2 ** 53), 'ERR_OUT_OF_RANGE'],
      ['NaN register count', corrupt(4, Number.NaN), 'ERR_OUT_OF_RANGE'],
      ['NaN shape', corrupt(9, Number.NaN), 'ERR_OUT_OF_RANGE'],
      ['a missing word', base.slice(0, -1), 'ERR_OUT_OF_RANGE'],
    ];
    for (const [what, program, code] of cases) {
      expect({ what, code: (await failure(() => binding.expr_sync(program, arrays()))).code }).toEqual({ what, code });
      expect({ what, code: (await failure(() => binding.expr_async(program, arrays()))).code }).toEqual({ what, code });
      expect({ what, code: (await failure(() => backend.expr(program, arrays()))).code }).toEqual({ what, code });
    }
    expect((await failure(() => binding.expr_sync(base, [a, b, c]))).code).toBe('ERR_LENGTH_MISMATCH');
    expect((await failure(() => binding.expr_sync(base, Array(40).fill(a)))).code).toBe('ERR_LENGTH_MISMATCH');
    expect((await failure(() => binding.expr_sync(new Float32Array(base) as never, arrays()))).code).toBe('ERR_INVALID_ARG_TYPE');
    expect((await failure(() => binding.expr_sync(base, 'abc' as never))).code).toBe('ERR_INVALID_ARG_TYPE');
    expect((await failure(() => binding.expr_sync(base, [{}, a, b, c] as never))).code).toBe('ERR_INVALID_ARG_TYPE');
    // Every word replaced by odd values: coded errors or a result, never a crash.
    for (let at = 0; at < base.length; at++) {
      for (const value of [Number.NaN, Infinity, -1, 0.5, 1e300, 33, 257]) {
        try {
          binding.expr_sync(corrupt(at, value), arrays());
        } catch (error) {
          expect((error as { code?: string }).code).toMatch(/^ERR_/);
        }
      }
    }
  });
});
