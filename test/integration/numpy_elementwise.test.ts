import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cp from 'corepool';
import { describe, expect, it } from 'vitest';
import { fixture, run } from '../helpers/child.js';
import { hasNumpy } from '../helpers/numpy_cases.js';
import { CTORS, DTYPES, type TestDtype } from '../helpers/data.js';

const NP_NAME: Record<TestDtype, string> = {
  float64: 'float64',
  float32: 'float32',
  int32: 'int32',
  uint32: 'uint32',
  int16: 'int16',
  uint16: 'uint16',
  int8: 'int8',
  uint8: 'uint8',
  uint8clamped: 'uint8',
};
const JS_NAME: Record<string, string> = {
  float64: 'Float64Array',
  float32: 'Float32Array',
  int32: 'Int32Array',
  uint32: 'Uint32Array',
  int16: 'Int16Array',
  uint16: 'Uint16Array',
  int8: 'Int8Array',
  uint8: 'Uint8Array',
};
const OPS = ['add', 'sub', 'mul', 'div', 'minimum', 'maximum', 'eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const;

// Edge values for each dtype: range ends, zero, one, and for floats the
// special values numpy must agree on.
function edges(dtype: TestDtype): number[] {
  if (dtype.startsWith('float')) return [0, -0, 1, -1, 0.5, NaN, Infinity, -Infinity, 5e-324, 1e-40, 3.4e38, 1.7e308, -2.5, 1e-7];
  const C = CTORS[dtype];
  const bits = C.BYTES_PER_ELEMENT * 8;
  const signed = dtype.startsWith('int');
  const lo = signed ? -(2 ** (bits - 1)) : 0;
  const hi = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  return [lo, hi, 0, 1, -1, 2, lo + 1, hi - 1, 100, -100, 7, 3, 12345, -12345];
}

function values(a: TestDtype, b: TestDtype): [number[], number[]] {
  const ea = edges(a);
  const eb = edges(b);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const u of ea)
    for (const v of eb) {
      xs.push(u);
      ys.push(v);
    }
  return [xs, ys];
}

describe.skipIf(!hasNumpy)(`numpy agreement on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  it('every op over every dtype pair and scalar form matches numpy value for value, with numpy result dtypes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corepool-np-'));
    try {
      const cases: unknown[] = [];
      const ours = new Map<string, ArrayLike<number>>();
      let fileNo = 0;
      const write = (dtype: TestDtype, data: number[]): { file: string; dtype: string; array: ArrayLike<number> } => {
        const array = new CTORS[dtype](new ArrayBuffer(data.length * CTORS[dtype].BYTES_PER_ELEMENT), 0, data.length);
        array.set(data);
        const file = `in${fileNo++}.bin`;
        writeFileSync(join(dir, file), new Uint8Array(array.buffer));
        return { file, dtype: NP_NAME[dtype], array };
      };
      for (const a of DTYPES) {
        for (const b of DTYPES) {
          const [xs, ys] = values(a, b);
          const x = write(a, xs);
          const y = write(b, ys);
          for (const op of OPS) {
            const id = `${op}-${a}-${b}`;
            cases.push({ id, op, x: { file: x.file, dtype: x.dtype }, y: { file: y.file, dtype: y.dtype } });
            ours.set(
              id,
              await (cp as unknown as Record<string, (p: unknown, q: unknown) => Promise<ArrayLike<number>>>)[op]!(x.array, y.array),
            );
          }
        }
        const x = write(a, edges(a));
        for (const scalar of [3, -2, 0.5, 1e10]) {
          if (!a.startsWith('float') && Number.isInteger(scalar) && scalar < 0 && a.startsWith('u')) continue;
          if (!a.startsWith('float') && Math.abs(scalar) > 100 && Number.isInteger(scalar)) continue;
          for (const op of OPS) {
            const id = `${op}-${a}-s${scalar}`;
            cases.push({ id, op, x: { file: x.file, dtype: x.dtype }, y: { scalar } });
            ours.set(
              id,
              await (cp as unknown as Record<string, (p: unknown, q: unknown) => Promise<ArrayLike<number>>>)[op]!(x.array, scalar),
            );
          }
        }
      }
      writeFileSync(join(dir, 'cases.json'), JSON.stringify(cases));
      const py = await run('python3', [fixture('numpy_elementwise.py'), dir]);
      expect(py.stderr).toBe('');
      const npDtypes = JSON.parse(readFileSync(join(dir, 'dtypes.json'), 'utf8')) as Record<string, string>;
      const mismatches: string[] = [];
      for (const [id, mine] of ours) {
        const npType = npDtypes[id]!;
        const C = npType === 'int64' ? BigInt64Array : CTORS[npType as TestDtype];
        const raw = readFileSync(join(dir, `${id}.out`));
        const theirs = new (C as unknown as new (b: ArrayBuffer, o: number, n: number) => ArrayLike<number | bigint>)(
          raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength) as ArrayBuffer,
          0,
          mine.length,
        );
        const tag = (mine as unknown as { [Symbol.toStringTag]: string })[Symbol.toStringTag];
        // numpy's int64 (e.g. int32 with uint32) has no JS array; corepool gives float64 there.
        const wanted = npType === 'int64' ? 'Float64Array' : JS_NAME[npType];
        if (tag !== wanted) mismatches.push(`${id}: dtype ${tag} vs numpy ${npType}`);
        const same = npType === 'int64' ? (u: number, v: number) => u === v : Object.is;
        for (let i = 0; i < mine.length; i++) {
          const t = Number(theirs[i]!);
          if (!same(mine[i]!, t) && !(Number.isNaN(mine[i]) && Number.isNaN(t))) {
            mismatches.push(`${id}[${i}]: ${mine[i]} vs numpy ${t}`);
            break;
          }
        }
      }
      expect(mismatches.slice(0, 30)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
