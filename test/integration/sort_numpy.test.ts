import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cp from 'corepool';
import { describe, expect, it } from 'vitest';
import { fixture, run } from '../helpers/child.js';
import { DTYPES } from '../helpers/data.js';
import { hasNumpy } from '../helpers/numpy_cases.js';
import { sortInput } from '../helpers/sort_ref.js';

const NP: Record<string, string> = {
  Float64Array: '<f8',
  Float32Array: '<f4',
  Int32Array: '<i4',
  Uint32Array: '<u4',
  Int16Array: '<i2',
  Uint16Array: '<u2',
  Int8Array: 'i1',
  Uint8Array: 'u1',
  Uint8ClampedArray: 'u1',
};

interface Case {
  id: string;
  op: 'sort' | 'argsort' | 'left' | 'right' | 'unique' | 'kth';
  x: cp.NumericArray;
  v?: cp.NumericArray;
  k?: number;
}

/** numpy's answer per case, as float64 (test/fixtures/numpy_sort.py). */
async function runNumpy(cases: Case[]): Promise<Map<string, Float64Array>> {
  const dir = mkdtempSync(join(tmpdir(), 'corepool-np-sort-'));
  try {
    const file = (a: cp.NumericArray, name: string): { file: string; dtype: string } => {
      writeFileSync(join(dir, name), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      return { file: name, dtype: NP[a.constructor.name]! };
    };
    const specs = cases.map((c) => ({ id: c.id, op: c.op, k: c.k, x: file(c.x, `${c.id}.x`), v: c.v && file(c.v, `${c.id}.v`) }));
    writeFileSync(join(dir, 'cases.json'), JSON.stringify(specs));
    const py = await run('python3', [fixture('numpy_sort.py'), dir]);
    if (py.status !== 0) throw new Error(`numpy_sort.py failed: ${py.stderr}`);
    return new Map(
      cases.map((c) => {
        const raw = readFileSync(join(dir, `${c.id}.out`));
        return [c.id, new Float64Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength))];
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Same numbers, zero signs included unless `anyZero`, every NaN alike. */
function firstDifference(mine: ArrayLike<number>, ref: ArrayLike<number>, anyZero: boolean): string | undefined {
  if (mine.length !== ref.length) return `length ${mine.length} vs numpy ${ref.length}`;
  for (let i = 0; i < ref.length; i++) {
    const same = Object.is(mine[i], ref[i]) || (anyZero && mine[i] === ref[i]);
    if (!same && !(Number.isNaN(mine[i]) && Number.isNaN(ref[i]))) return `[${i}] ${mine[i]} vs numpy ${ref[i]}`;
  }
  return undefined;
}

describe.skipIf(!hasNumpy)(`numpy agreement of the sort family on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  it('sort, argsort (kind=stable), searchsorted, unique and partition[k] equal numpy', async () => {
    const cases: Case[] = [];
    const ours = new Map<string, ArrayLike<number>>();
    for (const dtype of DTYPES) {
      for (const [n, pattern] of [
        [9, 'specials'],
        [1001, 'ties'],
        [40_000, 'specials'],
        [150_001, 'random'],
      ] as const) {
        const x = sortInput(dtype, n, pattern, { seed: n, shared: n > 1001 });
        const id = `${dtype}-${n}`;
        const sorted = await cp.sort(x, { out: x.slice() });
        const v = sortInput(dtype, 300, 'specials', { seed: n + 1 });
        cases.push({ id: `${id}-sort`, op: 'sort', x }, { id: `${id}-argsort`, op: 'argsort', x });
        ours.set(`${id}-sort`, sorted).set(`${id}-argsort`, await cp.argsort(x));
        for (const side of ['left', 'right'] as const) {
          cases.push({ id: `${id}-${side}`, op: side, x: sorted, v });
          ours.set(`${id}-${side}`, await cp.searchsorted(sorted, v, { side }));
        }
        const u = await cp.unique(x, { counts: true });
        cases.push({ id: `${id}-unique`, op: 'unique', x });
        ours.set(`${id}-unique`, [...u.values, ...u.counts]);
        const k = Math.floor(n / 3);
        cases.push({ id: `${id}-kth`, op: 'kth', x, k });
        ours.set(`${id}-kth`, [(await cp.partition(x, k)).values[k]!]);
      }
    }
    const theirs = await runNumpy(cases);
    // numpy's unique and partition use unstable sorts, so which zero they keep is unspecified.
    const loose = (id: string): boolean => id.endsWith('unique') || id.endsWith('kth');
    const mismatches: Array<[string, string]> = [];
    for (const [id, mine] of ours) {
      const d = firstDifference(mine, theirs.get(id)!, loose(id));
      if (d !== undefined) mismatches.push([id, d]);
      // Millions of comparisons in all: yield between cases so that vitest's RPC is answered.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(mismatches).toEqual([]);
  });
});
