import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkManifest, expectedManifest, readManifest } from '../../src/backend/binding_check.js';
import { BINDING_EXPORTS } from '../../src/backend/native.js';
import { ROOT } from '../helpers/child.js';

// The addon the package would load (or the one COREPOOL_ADDON names, as under
// `npm run test:asan`), checked against the hand-written Binding type's list.
const require = createRequire(import.meta.url);
const override = process.env.COREPOOL_ADDON;
const binding = require(override ? resolve(override) : (require('node-gyp-build') as { path(dir: string): string }).path(ROOT)) as Record<
  string,
  unknown
>;

describe('the built addon', () => {
  it('exports exactly BINDING_EXPORTS, in order, all functions', () => {
    // Napi::Addon methods are own, non-enumerable properties: Object.keys sees none.
    expect(Object.getOwnPropertyNames(binding)).toEqual([...BINDING_EXPORTS]);
    for (const name of BINDING_EXPORTS) expect(typeof binding[name]).toBe('function');
  });

  it('reports the kernel tables and build id JS expects', () => {
    const expected = expectedManifest();
    const actual = readManifest(binding);
    expect(actual.tables).toEqual(expected.tables);
    expect(actual.buildId).toBe(expected.buildId);
    expect(checkManifest(actual, expected)).toBeUndefined();
  });

  it('is the one corepool chose', async () => {
    const { info } = await import('corepool');
    expect(info()).toMatchObject({ backend: 'native', nativeError: undefined });
  });
});
