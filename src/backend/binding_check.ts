/**
 * The load-time check that the addon was built from the same sources as this
 * JS. Wire ids are positions in tables that both sides compile in; a binary
 * built from another kernel order would run the wrong kernel without a word.
 * node-gyp-build prefers build/Release over prebuilds, so a stale local
 * build would shadow a matching prebuild: this check is what makes it
 * harmless (the fallback runs, and info() says to rebuild).
 */
import { HistMode } from '../kernels/histogram.js';
import { RANDOM_KINDS } from '../kernels/random.js';
import { wireTables } from '../kernels/registry.js';
import { SCAN_KERNELS } from '../kernels/scans.js';
import { BINDING_EXPORTS } from './native.js';

/**
 * Bumped by hand, with kBindingAbiVersion in native/binding/addon_binding.h,
 * when an export keeps its name but changes its arguments or result.
 */
export const BINDING_ABI_VERSION = 1;

/** Every table the wire addresses by position, in the order the build id hashes them. */
export const TABLE_KEYS = ['reduce', 'map', 'scan', 'random', 'hist'] as const;
export type TableKey = (typeof TABLE_KEYS)[number];
export type KernelTables = { readonly [K in TableKey]: readonly string[] };

/** What a binding says about its build (the addon's side) or what JS expects of it. */
export interface BindingManifest {
  readonly exports: readonly string[];
  /** Untrusted on the addon's side: an old build may report fewer tables or none. */
  readonly tables: Partial<Record<TableKey, unknown>>;
  readonly buildId: unknown;
}

/** The tables of the TS registries, in wire order. */
export function expectedTables(): KernelTables {
  const modes = Object.entries(HistMode).sort((x, y) => x[1] - y[1]);
  return { ...wireTables(), scan: SCAN_KERNELS, random: RANDOM_KINDS, hist: modes.map(([name]) => name.toLowerCase()) };
}

/** FNV-1a, 32 bits, as native/binding/addon_binding.cc computes it. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

/**
 * The build id of a binding with these tables and exports:
 * `abi<BINDING_ABI_VERSION>-<hash>`. The hash covers the text the addon
 * hashes: one `key:name,name,...` line per table, then an `exports:` line.
 */
export function buildId(tables: KernelTables, exports: readonly string[]): string {
  const lines = [...TABLE_KEYS.map((key) => `${key}:${tables[key].join(',')}\n`), `exports:${exports.join(',')}\n`];
  return `abi${BINDING_ABI_VERSION}-${fnv1a(lines.join('')).toString(16).padStart(8, '0')}`;
}

/** What this JS expects of the addon. */
export function expectedManifest(): BindingManifest {
  const tables = expectedTables();
  return { exports: BINDING_EXPORTS, tables, buildId: buildId(tables, BINDING_EXPORTS) };
}

/** Reads the manifest of a loaded binding without trusting its shape. */
export function readManifest(binding: object): BindingManifest {
  const exports = Object.getOwnPropertyNames(binding);
  const call = (name: string): unknown => {
    const fn = (binding as Record<string, unknown>)[name];
    return typeof fn === 'function' ? fn.call(binding) : undefined;
  };
  const tables = call('kernel_names');
  return { exports, tables: typeof tables === 'object' && tables !== null ? tables : {}, buildId: call('build_id') };
}

function tableMismatch(key: TableKey, actual: unknown, expected: readonly string[]): string | undefined {
  if (!Array.isArray(actual)) return `the addon reports no ${key} table`;
  for (let id = 0; id < Math.max(actual.length, expected.length); id++) {
    const [a, e] = [actual[id] as unknown, expected[id]];
    if (a === e) continue;
    if (id >= actual.length) return `${key} kernel ${id} "${e}" is missing from the addon`;
    if (e === undefined) return `${key} kernel ${id} "${String(a)}" is in the addon but not in JS`;
    return `${key} kernel ${id} is "${String(a)}" in the addon but "${e}" in JS`;
  }
  return undefined;
}

/**
 * Compares a binding's manifest with what JS expects: exports, then every
 * table, then the build id (which alone catches an ABI version bump).
 * @returns the first difference as a message for info(), or undefined when they match.
 */
export function checkManifest(actual: BindingManifest, expected: BindingManifest): string | undefined {
  const detail = firstDifference(actual, expected);
  return detail === undefined ? undefined : `native build is stale: ${detail}; run \`npm rebuild corepool\``;
}

function firstDifference(actual: BindingManifest, expected: BindingManifest): string | undefined {
  const missing = expected.exports.find((name) => !actual.exports.includes(name));
  if (missing !== undefined) return `export ${missing} is missing from the addon`;
  const extra = actual.exports.find((name) => !expected.exports.includes(name));
  if (extra !== undefined) return `the addon has an export ${extra} that JS does not know`;
  for (const key of TABLE_KEYS) {
    const mismatch = tableMismatch(key, actual.tables[key], expected.tables[key] as readonly string[]);
    if (mismatch !== undefined) return mismatch;
  }
  if (actual.buildId !== expected.buildId) {
    return `build id is ${JSON.stringify(actual.buildId)} in the addon but "${String(expected.buildId)}" in JS`;
  }
  return undefined;
}
