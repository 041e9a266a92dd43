import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAP_KERNELS, REDUCE_KERNELS } from '../../src/kernels/registry.js';

const def = readFileSync(new URL('../../native/kernels/registry.def', import.meta.url), 'utf8');
const nativeNames = [...def.matchAll(/^COREPOOL_REDUCE\((\w+),\s*(\d),\s*(\w+)\)/gm)].map((m) => ({
  name: m[1]!,
  arity: Number(m[2]),
  stem: m[3]!,
}));

const mapRoot = readFileSync(new URL('../../native/kernels/registry_map.def', import.meta.url), 'utf8');
const mapDef = [...mapRoot.matchAll(/^#include "(\w+\.def)"/gm)]
  .map((m) => readFileSync(new URL(`../../native/kernels/${m[1]}`, import.meta.url), 'utf8'))
  .join('\n');
// A COREPOOL_MAP_FLOAT2(name, body) row is a binary_math kernel whose body is the row.
const mapNames = [...mapDef.matchAll(/^COREPOOL_MAP\((\w+),\s*(\d),\s*(\w+)\)|^COREPOOL_MAP_FLOAT2\((\w+),/gm)].map((m) => ({
  name: (m[1] ?? m[4])!,
  arity: m[4] !== undefined ? 2 : Number(m[2]),
  stem: m[3] ?? 'binary_math',
}));

describe('kernel registries', () => {
  it('native registry.def and src/kernels/registry.ts list the same kernels in the same order', () => {
    expect(nativeNames.length).toBeGreaterThan(0);
    expect(REDUCE_KERNELS.map((k) => k.name)).toEqual(nativeNames.map((k) => k.name));
    expect(REDUCE_KERNELS.map((k) => k.arity)).toEqual(nativeNames.map((k) => k.arity));
  });

  it('native registry_map.def and src/kernels/registry.ts list the same elementwise kernels in the same order', () => {
    expect(mapNames.length).toBeGreaterThan(0);
    expect(MAP_KERNELS.map((k) => k.name)).toEqual(mapNames.map((k) => k.name));
    expect(MAP_KERNELS.map((k) => k.arity)).toEqual(mapNames.map((k) => k.arity));
  });

  it('every kernel file stem exists on both sides', () => {
    for (const { stem } of [...nativeNames, ...mapNames]) {
      expect(() => readFileSync(new URL(`../../native/kernels/${stem}.cc`, import.meta.url))).not.toThrow();
      expect(() => readFileSync(new URL(`../../src/kernels/${stem}.ts`, import.meta.url))).not.toThrow();
    }
  });
});
