// src/exports.ts re-exports whole modules with `export type *`, which makes
// their values types only: the values come from src/values.ts alone (see its
// header for why). A value added to one of those modules but not to
// values.ts would silently vanish from the package; this test catches it.
import { readFileSync } from 'node:fs';
import corepool from 'corepool';
import { describe, expect, it } from 'vitest';

const exportsTs = readFileSync(new URL('../../src/exports.ts', import.meta.url), 'utf8');
const modules = [...exportsTs.matchAll(/^export type \* from '(\.\/[\w/]+)\.js';$/gm)].map((m) => m[1]!);

describe('src/values.ts lists every value of the modules src/exports.ts re-exports as types', () => {
  it('finds the modules', () => {
    expect(modules.length).toBeGreaterThan(5);
  });

  it.each(modules)('%s', async (module) => {
    const url = new URL(`../../src/${module.slice(2)}.ts`, import.meta.url).href;
    const values = Object.keys(await import(/* @vite-ignore */ url));
    const missing = values.filter((name) => !(name in corepool));
    expect(missing).toEqual([]);
  });
});
