import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cp from 'corepool';
import { describe, expect, it } from 'vitest';
import { fixture, run } from '../helpers/child.js';
import { hasNumpy } from '../helpers/numpy_cases.js';
import { CTORS, DTYPES, rng, type TestDtype } from '../helpers/data.js';
import { MAP_KERNELS } from '../../src/kernels/registry.js';

type Arr = ArrayLike<number> & { length: number; buffer: ArrayBufferLike; byteOffset: number; byteLength: number };
type Operand = Arr | number;
const NP: Record<string, string> = {
  Float64Array: 'float64',
  Float32Array: 'float32',
  Int32Array: 'int32',
  Uint32Array: 'uint32',
  Int16Array: 'int16',
  Uint16Array: 'uint16',
  Int8Array: 'int8',
  Uint8Array: 'uint8',
  Uint8ClampedArray: 'uint8',
};
// Float-only kernels (integer inputs give float64), from the spec rows.
const FLOAT_KERNELS = new Set(MAP_KERNELS.filter((k) => k.kind === 'float').map((k) => k.name));

/**
 * The binary math kernels against numpy, one row each: the bound in ulps
 * outside special values, [float64, float32] (0: exact). numpy's own function
 * of that name is the reference unless numpy_binary_math.py maps it.
 */
const BINARY_ULPS: Record<string, readonly [number, number]> = {
  pow: [2, 1],
  mod: [0, 0],
  atan2: [2, 1],
  hypot: [1, 1],
  copysign: [0, 0],
  heaviside: [0, 0],
  logaddexp: [2, 1],
};
const BINARY = Object.keys(BINARY_ULPS);
const isFloatName = (name: string): boolean => name.startsWith('Float');

/** Range ends, zero, small values, and for floats every special value numpy must agree on. */
function edges(dtype: TestDtype, nonNegative = false): number[] {
  if (dtype.startsWith('float')) {
    const all = [0, -0, 1, -1, 0.5, NaN, Infinity, -Infinity, 5e-324, 1e-40, 3.4e38, 1.7e308, -2.5, 1e-7, 3, -3, 1e300, 0.1, 7.25, -1e-310];
    return nonNegative ? all.map(Math.abs) : all;
  }
  const bytes = CTORS[dtype].BYTES_PER_ELEMENT * 8;
  const signed = dtype.startsWith('int');
  const lo = signed ? -(2 ** (bytes - 1)) : 0;
  const hi = signed ? 2 ** (bytes - 1) - 1 : 2 ** bytes - 1;
  const all = [lo, hi, 0, 1, -1, 2, lo + 1, hi - 1, 100, -100, 7, 3, 12345, -12345];
  return nonNegative ? all.map(Math.abs).filter((v) => v <= hi) : all;
}

/** Every combination of the operands' edge values, one array per operand. */
function grid(lists: number[][]): number[][] {
  let rows: number[][] = [[]];
  for (const list of lists) rows = rows.flatMap((row) => list.map((v) => [...row, v]));
  return lists.map((_, k) => rows.map((row) => row[k]!));
}

/** Distance in ulps in the precision of `f32`; NaN matches only NaN. */
function ulps(a: number, b: number, f32: boolean): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  if (a === b) return 0;
  const key = (v: number): bigint => {
    const raw = f32 ? BigInt(new Uint32Array(new Float32Array([v]).buffer)[0]!) : new BigUint64Array(new Float64Array([v]).buffer)[0]!;
    const sign = f32 ? 1n << 31n : 1n << 63n;
    return raw & sign ? -(raw ^ sign) : raw;
  };
  const d = key(a) - key(b);
  return Number(d < 0n ? -d : d);
}

/**
 * The libm-class kernels against numpy: exact on special values,
 * else within these ulps (float32 against numpy's float64 result rounded,
 * numpy's own float32 atan2 being off by 2 ulp at times).
 */
function allowedUlps(op: string, out: Arr): number {
  const bound = BINARY_ULPS[op];
  if (bound === undefined) return 0;
  return out instanceof Float32Array ? bound[1] : out instanceof Float64Array ? bound[0] : 0;
}

const isSpecial = (v: number): boolean => !Number.isFinite(v) || v === 0;

interface Case {
  id: string;
  op: string;
  operands: Operand[];
  ours: Arr;
}

async function buildCases(): Promise<Case[]> {
  const cases: Case[] = [];
  const run = async (op: string, operands: Operand[], id: string): Promise<void> => {
    const ours = await (cp as unknown as Record<string, (...a: Operand[]) => Promise<Arr>>)[op]!(...operands);
    cases.push({ id, op, operands, ours });
  };
  const make = (dtype: TestDtype, values: number[]): Arr => {
    const a = new CTORS[dtype](new ArrayBuffer(values.length * CTORS[dtype].BYTES_PER_ELEMENT), 0, values.length);
    a.set(values);
    return a;
  };
  for (const a of DTYPES) {
    for (const b of DTYPES) {
      for (const op of BINARY) {
        const [xs, ys] = grid([edges(a), edges(b, op === 'pow' && !b.startsWith('float'))]);
        await run(op, [make(a, xs!), make(b, ys!)], `${op}-${a}-${b}`);
      }
    }
    for (const op of BINARY) {
      const x = make(a, edges(a));
      for (const s of [3, 0.5]) await run(op, [x, s], `${op}-${a}-s${s}`);
      await run(op, [2, make(a, edges(a, op === 'pow'))], `${op}-s2-${a}`);
    }
  }
  // A denser random grid for the libm-class functions: magnitudes over the whole float64 range.
  const r = rng(5);
  const logUniform = (lo: number, hi: number, signed: boolean): number => (signed && r() < 0.5 ? -1 : 1) * 2 ** (lo + (hi - lo) * r());
  const n = 20_000;
  const wideX = Float64Array.from({ length: n }, () => logUniform(-1070, 1020, true));
  const wideY = Float64Array.from({ length: n }, () => logUniform(-1070, 1020, true));
  const near = Float64Array.from(wideX, (v) => v + logUniform(-20, 6, true));
  for (const op of BINARY.filter((o) => o !== 'pow' && o !== 'hypot' && BINARY_ULPS[o]![0] > 0)) {
    await run(op, [wideX, wideY], `${op}-random`);
    await run(op, [wideX, near], `${op}-near`);
  }
  await run('hypot', [wideX, Float64Array.from(wideX, (v) => v * logUniform(-40, 40, true))], 'hypot-random');
  const base = Float64Array.from({ length: n }, () => logUniform(-40, 40, false));
  await run('pow', [base, Float64Array.from({ length: n }, () => (r() - 0.5) * 50)], 'pow-random');
  const triples: TestDtype[][] = [
    ...DTYPES.map((d) => [d, d, d]),
    ['int8', 'uint8', 'int16'],
    ['float32', 'int16', 'float64'],
    ['uint32', 'int32', 'uint8'],
    ['float64', 'int8', 'int8'],
  ];
  for (const [a, b, c] of triples) {
    const [xs, ys, zs] = grid([edges(a!), edges(b!), edges(c!)]);
    for (const op of ['fma', 'clip', 'lerp', 'where']) {
      await run(op, [make(a!, xs!), make(b!, ys!), make(c!, zs!)], `${op}-${a}-${b}-${c}`);
      await run(op, [make(a!, edges(a!)), 2, 0.25], `${op}-${a}-s2-s0.25`);
    }
    // numpy keeps x on a tie when both bounds are scalars (clip(-0, 0, 1) is -0), and takes the bound for array bounds.
    for (const [lo, hi] of a!.startsWith('float')
      ? ([
          [0, 1],
          [-0, 1],
          [-1, 0],
          [-1, -0],
          [-0, 0],
          [0, -0],
        ] as const)
      : []) {
      const label = (v: number): string => (Object.is(v, -0) ? 'm0' : String(v));
      await run('clip', [make(a!, edges(a!)), lo, hi], `clip-${a}-${b}-${c}-s${label(lo)}-s${label(hi)}`);
    }
  }
  return cases;
}

/** numpy's answers: its natural dtype, and the result computed in corepool's dtype. */
async function runNumpy(dir: string, cases: Case[]): Promise<Map<string, { natural: string; values: Float64Array }>> {
  let fileNo = 0;
  const files = new Map<Arr, string>();
  const specs = cases.map((c) => ({
    id: c.id,
    op: c.op,
    compute: NP[c.ours.constructor.name],
    via: allowedUlps(c.op, c.ours) > 0 && c.ours instanceof Float32Array ? 'float64' : undefined,
    length: c.ours.length,
    operands: c.operands.map((operand) => {
      if (typeof operand === 'number') return Object.is(operand, -0) ? { scalar: 0, negzero: true } : { scalar: operand };
      let file = files.get(operand);
      if (file === undefined) {
        file = `in${fileNo++}.bin`;
        files.set(operand, file);
        writeFileSync(join(dir, file), new Uint8Array(operand.buffer, operand.byteOffset, operand.byteLength));
      }
      return { file, dtype: NP[operand.constructor.name] };
    }),
  }));
  writeFileSync(join(dir, 'cases.json'), JSON.stringify(specs));
  const py = await run('python3', [fixture('numpy_binary_math.py'), dir]);
  if (py.status !== 0) throw new Error(`numpy_binary_math.py failed: ${py.stderr}`);
  const dtypes = JSON.parse(readFileSync(join(dir, 'dtypes.json'), 'utf8')) as Record<string, { natural: string; computed: string }>;
  const answers = new Map<string, { natural: string; values: Float64Array }>();
  for (const c of cases) {
    const raw = readFileSync(join(dir, `${c.id}.out`));
    const C = CTORS[dtypes[c.id]!.computed as TestDtype];
    const typed = new C(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength) as ArrayBuffer, 0, c.ours.length);
    answers.set(c.id, { natural: dtypes[c.id]!.natural, values: Float64Array.from(typed as ArrayLike<number>) });
  }
  return answers;
}

/** The dtype corepool documents for numpy's natural result dtype. */
function expectedName(c: Case, natural: string): string {
  const arrays = c.operands.filter((o): o is Arr => typeof o !== 'number').slice(c.op === 'where' ? 1 : 0);
  if (natural === 'int64') return 'Float64Array'; // numpy's int64 has no JS array
  if (FLOAT_KERNELS.has(c.op) && arrays.every((a) => !isFloatName(a.constructor.name))) return 'Float64Array';
  return Object.keys(NP).find((name) => NP[name] === natural && name !== 'Uint8ClampedArray')!;
}

describe.skipIf(!hasNumpy)(
  `numpy agreement of ${BINARY.join(', ')}, fma, clip, lerp, where on the ${process.env.COREPOOL_BACKEND} backend`,
  () => {
    it('every dtype pair or triple over edge values: numpy result dtypes, exact values, libm-class functions within their ulp bound', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'corepool-np-bm-'));
      try {
        const cases = await buildCases();
        const answers = await runNumpy(dir, cases);
        const mismatches: string[] = [];
        const worst: Record<string, number> = {};
        for (const c of cases) {
          const { natural, values } = answers.get(c.id)!;
          const name = c.ours.constructor.name;
          if (name !== expectedName(c, natural)) mismatches.push(`${c.id}: dtype ${name}, numpy ${natural}`);
          const bound = allowedUlps(c.op, c.ours);
          const f32 = name === 'Float32Array';
          for (let i = 0; i < values.length; i++) {
            const mine = c.ours[i]!;
            const theirs = values[i]!;
            const special = isSpecial(theirs) || c.operands.some((o) => isSpecial(typeof o === 'number' ? o : o[i]!));
            const exact = bound === 0 || special;
            const distance = ulps(mine, theirs, f32);
            if (exact ? !(Object.is(mine, theirs) || (Number.isNaN(mine) && Number.isNaN(theirs))) : distance > bound) {
              mismatches.push(
                `${c.id}[${i}] (${c.operands.map((o) => (typeof o === 'number' ? o : o[i])).join(', ')}): ${mine} vs numpy ${theirs}`,
              );
              break;
            }
            if (!exact) worst[`${c.op} ${name}`] = Math.max(worst[`${c.op} ${name}`] ?? 0, distance);
          }
        }
        expect(mismatches.slice(0, 30)).toEqual([]);
        expect(cases.length).toBeGreaterThan(400);
        console.log(`largest ulp distance from numpy outside special values: ${JSON.stringify(worst)}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
