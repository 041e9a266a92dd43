/** Runs numpy (test/fixtures/numpy_stats.py) over a batch of cases and returns its answers. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NumericArray } from 'corepool';
import { fixture, run } from './child.js';

/** Whether python3 can import numpy (asked without blocking: see child.ts). */
export const hasNumpy: boolean = (await run('python3', ['-c', 'import numpy'], { timeoutMs: 60_000 })).status === 0;

const NP_DTYPE: Record<string, string> = {
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

export interface NumpyCase {
  id: string;
  op: string;
  x: NumericArray;
  kwargs?: Record<string, unknown>;
}

/** numpy's result per case id: a number for scalar results, a Float64Array otherwise. */
export async function runNumpy(cases: readonly NumpyCase[]): Promise<Map<string, number | Float64Array>> {
  const dir = mkdtempSync(join(tmpdir(), 'corepool-np-stats-'));
  try {
    const files = new Map<NumericArray, string>();
    const specs = cases.map((c) => {
      let file = files.get(c.x);
      if (file === undefined) {
        file = `in${files.size}.bin`;
        files.set(c.x, file);
        writeFileSync(join(dir, file), new Uint8Array(c.x.buffer, c.x.byteOffset, c.x.byteLength));
      }
      return { id: c.id, op: c.op, kwargs: c.kwargs ?? {}, x: { file, dtype: NP_DTYPE[c.x.constructor.name] } };
    });
    writeFileSync(join(dir, 'cases.json'), JSON.stringify(specs));
    const py = await run('python3', [fixture('numpy_stats.py'), dir]);
    if (py.status !== 0) throw new Error(`numpy_stats.py failed: ${py.stderr}`);
    const scalars = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as Record<string, string>;
    const results = new Map<string, number | Float64Array>();
    for (const c of cases) {
      const hex = scalars[c.id];
      if (hex !== undefined) {
        results.set(c.id, new DataView(Uint8Array.from(Buffer.from(hex, 'hex')).buffer).getFloat64(0, true));
      } else {
        const raw = readFileSync(join(dir, `${c.id}.out`));
        results.set(c.id, new Float64Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength)));
      }
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
