import { describe, expect, it } from 'vitest';
import { ROOT, fixture, runNode } from '../helpers/child.js';

// End to end: COREPOOL_ADDON (read by src/backend/native.ts) names
// test/fixtures/stale_addon.cjs, which re-exports the real addon but reports
// altered tables or build id, as a build/Release left from an older checkout
// would. The real addon is loaded by then, so only the check stands between
// an id and the wrong kernel.
const base: Record<string, string> = process.env.COREPOOL_ADDON ? { COREPOOL_STALE_BASE: process.env.COREPOOL_ADDON } : {};
const stale = (mode: string, backend: string): Record<string, string> => ({
  ...base,
  COREPOOL_ADDON: fixture('stale_addon.cjs'),
  COREPOOL_STALE: mode,
  COREPOOL_BACKEND: backend,
});

async function report(env: Record<string, string>): Promise<Record<string, unknown>> {
  const result = await runNode(fixture('stale_addon_info.mjs'), [], env);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

const REBUILD = '; run `npm rebuild corepool`';
const RIGHT = { sum: 10, sub: [-3, -1, 1, 3], cumsum: [1, 3, 6, 10] };

describe('a stale native build', () => {
  it('is refused for the fallback, with the reason in info(), and kernels stay right', async () => {
    expect(await report(stale('swap', 'auto'))).toEqual({
      backend: 'fallback',
      nativeError: `native build is stale: map kernel 1 is "mul" in the addon but "sub" in JS${REBUILD}`,
      nativePath: fixture('stale_addon.cjs'),
      ...RIGHT,
    });
    expect(await report(stale('drop', 'auto'))).toMatchObject({
      backend: 'fallback',
      nativeError: `native build is stale: reduce kernel 19 "binmax" is missing from the addon${REBUILD}`,
      ...RIGHT,
    });
    expect(await report(stale('build-id', 'auto'))).toMatchObject({
      backend: 'fallback',
      nativeError: expect.stringMatching(
        /^native build is stale: build id is "abi0-00000000" in the addon but "abi\d+-[0-9a-f]{8}" in JS;/,
      ),
      ...RIGHT,
    });
  });

  it('throws ERR_NATIVE_UNAVAILABLE with the reason under COREPOOL_BACKEND=native', async () => {
    const out = await report(stale('extra', 'native'));
    expect(out.code).toBe('ERR_NATIVE_UNAVAILABLE');
    expect(out.message).toContain(
      'native build is stale: scan kernel 2 "cummax" is in the addon but not in JS; run `npm rebuild corepool`',
    );
  });

  it('is named by `corepool info`', async () => {
    const result = await runNode(`${ROOT}/dist/cli.js`, ['info'], stale('swap', 'auto'));
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^backend +fallback$/m);
    expect(result.stdout).toMatch(/^native binary +\S+stale_addon\.cjs \(not used\)$/m);
    expect(result.stdout).toContain(
      'native not used because  native build is stale: map kernel 1 is "mul" in the addon but "sub" in JS; run `npm rebuild corepool`',
    );
  });

  it('is accepted when nothing differs', async () => {
    const out = await report(stale('none', 'native'));
    expect(out).toMatchObject({ backend: 'native', ...RIGHT });
    expect(out).not.toHaveProperty('nativeError');
  });
});
