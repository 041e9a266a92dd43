// fast-check over the native program validator: programs the compiler really
// emits, with random words overwritten (counts, dtypes, kernel ids, operand
// kinds and indices, offsets and strides, scalars, NaN/Infinity/huge values)
// and random arrays of random lengths, go through expr_sync. Each call either
// runs or throws a coded TypeError/RangeError; nothing may crash the process
// (under `npm run test:asan` the same test runs with AddressSanitizer).
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Binding } from '../../src/backend/native.js';
import { CONSTRUCTOR_BY_DTYPE, type Dtype, type NumericArray } from '../../src/dtypes.js';
import { encode } from '../../src/expr/encode.js';
import { fuseMultiplyAdd } from '../../src/expr/fuse.js';
import { lower } from '../../src/expr/lower.js';
import { parseExpression } from '../../src/expr/parse.js';
import { NDArray } from '../../src/nd/ndarray.js';
import { ROOT } from '../helpers/child.js';

const require = createRequire(import.meta.url);
const override = process.env.COREPOOL_ADDON;
const binding = require(override ? resolve(override) : (require('node-gyp-build') as { path(dir: string): string }).path(ROOT)) as Binding;

const CTORS = [Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array, Uint8ClampedArray];

/** Real programs: store and reduce mode, broadcasting, strided views, casts, where, compare, fma. */
function seeds(): Array<{ program: Float64Array; arrays: NumericArray[] }> {
  const m = new NDArray(
    new Float64Array(24).map((_, i) => i - 7),
    [4, 6],
  );
  const cases: Array<[string, Record<string, unknown>, boolean]> = [
    ['2*a + 3*b*c', { a: new Float64Array(40), b: new Float32Array(40), c: new Int16Array(40) }, true],
    ['where(a > 0, sqrt(a), -a) + float32(b)', { a: new Float32Array(30), b: new Uint8Array(30) }, true],
    ['t', { t: m.T }, true],
    ['t * row - 1', { t: m.T, row: new NDArray(new Float64Array(4), [4]) }, true],
    ['sum(a * b + c)', { a: new Float64Array(20000), b: new Float64Array(20000), c: new Float64Array(20000) }, false],
    ['max(r - 2)', { r: m.slice('::-1, ::2') }, false],
  ];
  return cases.map(([source, vars, store]) => {
    const lowered = fuseMultiplyAdd(lower(parseExpression(source), source, vars));
    const dtype = (lowered.value as { dtype: Dtype }).dtype;
    const size = lowered.shape.reduce((p, d) => p * d, 1);
    const out = store ? new NDArray(new (CONSTRUCTOR_BY_DTYPE.get(dtype)!)(size), [...lowered.shape]) : undefined;
    const reduceId = store ? -1 : binding.kernel_names().reduce.indexOf(lowered.reduction!.name);
    return encode(lowered, out, reduceId);
  });
}

const SPECIAL = [
  0,
  -1,
  1,
  2,
  7,
  31,
  32,
  33,
  255,
  256,
  1024,
  16384,
  -0,
  0.5,
  2 ** 31,
  2 ** 53,
  2 ** 64,
  -(2 ** 53),
  1e300,
  NaN,
  Infinity,
  -Infinity,
];

describe('native program validator under fast-check', () => {
  const programs = seeds();

  it('every compiled seed runs as is', () => {
    for (const { program, arrays } of programs) expect(Number.isNaN(binding.expr_sync(program, arrays))).toBe(false);
  });

  it('mutated programs and arrays either run or throw a coded error', () => {
    const word = fc.oneof(fc.constantFrom(...SPECIAL), fc.integer({ min: -40, max: 300 }), fc.double());
    fc.assert(
      fc.property(
        fc.nat({ max: programs.length - 1 }),
        fc.array(fc.tuple(fc.nat(), word), { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.nat({ max: CTORS.length - 1 }), fc.nat({ max: 300 })), { maxLength: 3 }),
        fc.integer({ min: -2, max: 8 }),
        (which, edits, swaps, trim) => {
          const seed = programs[which]!;
          const program = seed.program.slice();
          for (const [at, value] of edits) program[at % program.length] = value;
          const arrays = seed.arrays.slice();
          // Replace some arrays by others of random dtypes and lengths, and drop or add some.
          for (const [k, [ctor, length]] of swaps.entries()) if (k < arrays.length) arrays[k] = new CTORS[ctor]!(length);
          const used = trim < 0 ? arrays.slice(0, Math.max(0, arrays.length + trim)) : arrays.concat(trim > 6 ? [new Float64Array(3)] : []);
          try {
            binding.expr_sync(trim === 8 ? program.subarray(0, program.length - 1) : program, used);
          } catch (error) {
            const e = error as { name?: string; code?: string };
            expect(['TypeError', 'RangeError']).toContain(e.name);
            expect(e.code).toMatch(/^ERR_/);
          }
        },
      ),
      { numRuns: 4000, seed: 42 },
    );
  });
});
