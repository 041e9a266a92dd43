import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BINDING_ABI_VERSION,
  TABLE_KEYS,
  buildId,
  checkManifest,
  expectedManifest,
  expectedTables,
  type BindingManifest,
  type KernelTables,
  type TableKey,
} from '../../src/backend/binding_check.js';
import { BINDING_EXPORTS } from '../../src/backend/native.js';

// The check is a pure function of two manifests, so each way a stale build
// can differ is fed to it here as a deliberately altered copy of what JS
// expects; test/native/binding_stale.test.ts drives the same through info().
const expected = expectedManifest();
const tables = expected.tables as KernelTables;

function altered(change: (t: Record<TableKey, string[]>) => void, exports: readonly string[] = BINDING_EXPORTS): BindingManifest {
  const copy = Object.fromEntries(TABLE_KEYS.map((key) => [key, [...tables[key]]])) as Record<TableKey, string[]>;
  change(copy);
  return { exports, tables: copy, buildId: buildId(copy, exports) };
}

const stale = (detail: string): string => `native build is stale: ${detail}; run \`npm rebuild corepool\``;

describe('checkManifest', () => {
  it('accepts what JS expects', () => {
    expect(
      checkManifest(
        altered(() => {}),
        expected,
      ),
    ).toBeUndefined();
  });

  it('names the first kernel whose id differs when two trade places', () => {
    const swapped = altered((t) => t.map.splice(41, 2, ...t.map.slice(41, 43).reverse()));
    expect(checkManifest(swapped, expected)).toBe(stale(`map kernel 41 is "${tables.map[42]}" in the addon but "${tables.map[41]}" in JS`));
  });

  it('names a kernel the addon lacks, in any table', () => {
    const last = tables.reduce.length - 1;
    expect(
      checkManifest(
        altered((t) => t.reduce.pop()),
        expected,
      ),
    ).toBe(stale(`reduce kernel ${last} "${tables.reduce[last]}" is missing from the addon`));
    expect(
      checkManifest(
        altered((t) => t.scan.splice(0, 1)),
        expected,
      ),
    ).toBe(stale(`scan kernel 0 is "${tables.scan[1]}" in the addon but "cumsum" in JS`));
  });

  it('names a kernel the addon has beyond the JS table', () => {
    const n = tables.random.length;
    expect(
      checkManifest(
        altered((t) => t.random.push('gamma')),
        expected,
      ),
    ).toBe(stale(`random kernel ${n} "gamma" is in the addon but not in JS`));
  });

  it('refuses a wrong build id even when the tables match', () => {
    expect(checkManifest({ ...expected, buildId: 'abi0-00000000' }, expected)).toBe(
      stale(`build id is "abi0-00000000" in the addon but "${String(expected.buildId)}" in JS`),
    );
    expect(checkManifest({ ...expected, buildId: undefined }, expected)).toMatch(
      /^native build is stale: build id is undefined in the addon/,
    );
  });

  it('refuses a missing or unknown export, and an addon that reports no tables', () => {
    const without = BINDING_EXPORTS.filter((name) => name !== 'build_id');
    expect(checkManifest({ ...expected, exports: without }, expected)).toBe(stale('export build_id is missing from the addon'));
    expect(checkManifest({ ...expected, exports: [...BINDING_EXPORTS, 'frob_sync'] }, expected)).toBe(
      stale('the addon has an export frob_sync that JS does not know'),
    );
    expect(checkManifest({ ...expected, tables: {} }, expected)).toBe(stale('the addon reports no reduce table'));
    expect(checkManifest({ ...expected, tables: { ...tables, hist: 'uniform' } }, expected)).toBe(stale('the addon reports no hist table'));
  });
});

describe('the build id', () => {
  it('changes with any table, the export list or their order', () => {
    const ids = new Set([
      buildId(tables, BINDING_EXPORTS),
      buildId({ ...tables, map: [...tables.map].reverse() }, BINDING_EXPORTS),
      buildId({ ...tables, hist: tables.hist.slice(1) }, BINDING_EXPORTS),
      buildId(tables, BINDING_EXPORTS.slice(1)),
      buildId(tables, [...BINDING_EXPORTS].reverse()),
    ]);
    expect(ids.size).toBe(5);
    expect(expected.buildId).toMatch(new RegExp(`^abi${BINDING_ABI_VERSION}-[0-9a-f]{8}$`));
  });

  it('uses the ABI version of native/binding/addon_binding.h', () => {
    const header = readFileSync(new URL('../../native/binding/addon_binding.h', import.meta.url), 'utf8');
    expect(header.match(/kBindingAbiVersion = (\d+);/)?.[1]).toBe(String(BINDING_ABI_VERSION));
  });

  it('covers the five positional tables, scans, random kinds and histogram modes included', () => {
    expect(Object.keys(expectedTables())).toEqual([...TABLE_KEYS]);
    expect(tables.scan).toEqual(['cumsum', 'cumprod']);
    expect(tables.random).toEqual(['uniform', 'normal', 'integers']);
    expect(tables.hist).toEqual(['uniform', 'edges', 'bincount']);
  });
});
