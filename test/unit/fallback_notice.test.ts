/**
 * The one-line warning when kernels run on the fallback because native is
 * unavailable (src/backend/fallback_notice.ts). COREPOOL_ADDON naming a
 * missing file makes native unavailable without touching the build.
 */
import { describe, expect, it } from 'vitest';
import { ROOT, run } from '../helpers/child.js';

const SCRIPT = `
const corepool = await import(${JSON.stringify(`${ROOT}/dist/index.js`)});
if (process.argv[1] === 'info') corepool.info();
const x = new Float64Array([1, 2, 3]);
const sum = await corepool.sum(x);
const cumsum = await corepool.cumsum(x);
console.log(JSON.stringify({ backend: corepool.backend, sum, cumsum: Array.from(cumsum) }));
`;

async function twoKernelCalls(env: Record<string, string>, first = 'kernels'): Promise<{ lines: string[]; stdout: string }> {
  const result = await run(process.execPath, ['--input-type=module', '-e', SCRIPT, first], {
    env: { COREPOOL_BACKEND: 'auto', COREPOOL_QUIET: '', COREPOOL_ADDON: `${ROOT}/nonexistent.node`, ...env },
  });
  expect(result.status, result.stderr).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual({ backend: 'fallback', sum: 6, cumsum: [1, 3, 6] });
  return { lines: result.stderr.split('\n').filter((line) => line !== ''), stdout: result.stdout };
}

describe('the fallback warning', () => {
  it('is one stderr line per process, naming the reason and the fix', async () => {
    const { lines } = await twoKernelCalls({});
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^corepool: running on the slower worker_threads fallback: the native binary did not load: .*; to fix: run `npm rebuild corepool`/,
    );
  });

  it('is silenced by COREPOOL_QUIET=1', async () => {
    expect((await twoKernelCalls({ COREPOOL_QUIET: '1' })).lines).toEqual([]);
  });

  it('is silenced by reading info() before the first kernel call', async () => {
    expect((await twoKernelCalls({}, 'info')).lines).toEqual([]);
  });

  it('does not fire when COREPOOL_BACKEND=fallback asked for the fallback', async () => {
    expect((await twoKernelCalls({ COREPOOL_BACKEND: 'fallback' })).lines).toEqual([]);
  });
});
