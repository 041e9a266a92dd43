import { describe, expect, it } from 'vitest';
import { autoChunksize, chunkCount, resolveChunksize, splitRange } from '../../src/chunking.js';
import { AUTO_CHUNKSIZE, SPLIT_RANGE } from '../fixtures/pool_chunking_table.js';
import { run } from '../helpers/child.js';

/** Asks CPython itself: the chunksize its Pool.map_async passes on, for each (n, workers). */
async function cpythonChunksizes(rows: ReadonlyArray<readonly [number, number, number]>): Promise<number[] | undefined> {
  const script = `
import json, sys
from multiprocessing.pool import ThreadPool, Pool
rows = json.loads(sys.argv[1])
seen = []
orig = Pool._get_tasks
def spy(func, it, size):
    seen.append(size)
    return orig(func, it, size)
Pool._get_tasks = staticmethod(spy)
out = []
pools = {}
for n, workers, _ in rows:
    p = pools.get(workers) or pools.setdefault(workers, ThreadPool(workers))
    seen.clear()
    p.map_async(abs, range(n)).get()
    out.append(seen[0] if seen else None)
for p in pools.values(): p.terminate()
print(json.dumps(out))
`;
  const r = await run('python3', ['-c', script, JSON.stringify(rows)], { timeoutMs: 60_000 });
  if (r.status !== 0) return undefined;
  return JSON.parse(r.stdout) as number[];
}

describe('chunking (shared table)', () => {
  it.each(AUTO_CHUNKSIZE)('autoChunksize(%i, %i) = %i', (n, workers, expected) => {
    expect(autoChunksize(n, workers)).toBe(expected);
  });

  it('matches what CPython computes for every row', async () => {
    const fromPython = await cpythonChunksizes(AUTO_CHUNKSIZE);
    expect(fromPython, 'python3 must be available').toBeDefined();
    // CPython's map over an empty iterable never reaches _get_tasks; its chunksize is 0.
    expect(fromPython!.map((c) => c ?? 0)).toEqual(AUTO_CHUNKSIZE.map(([, , c]) => c));
  });

  it('explicit chunksizes win; 0 and undefined mean auto', () => {
    expect(resolveChunksize(100, 2, 7)).toBe(7);
    expect(resolveChunksize(100, 2, 0)).toBe(13);
    expect(resolveChunksize(100, 2, undefined)).toBe(13);
    expect(chunkCount(100, 7)).toBe(15);
    expect(chunkCount(0, 0)).toBe(0);
  });

  it.each(SPLIT_RANGE)('splitRange(%i, %i)', (n, blocks, ranges) => {
    expect(splitRange(n, blocks)).toEqual(ranges);
  });
});
