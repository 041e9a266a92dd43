/**
 * native/sources.txt is the one list of native sources: binding.gyp reads it
 * through scripts/native_sources.cjs, CMakeLists.txt with file(STRINGS). A
 * .cc missing from it would build in neither, or worse, in only one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/child.js';

interface Entry {
  group: string;
  path: string;
}

const posix = (p: string): string => p.split(sep).join('/');

function listed(): Entry[] {
  return readFileSync(join(ROOT, 'native', 'sources.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [group = '', path = '', ...rest] = line.split(/\s+/);
      if (rest.length > 0) throw new Error(`native/sources.txt: "${line}" must be "<group> <path>"`);
      return { group, path };
    });
}

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(suffix))
    .map((f) => posix(join(dir, f)))
    .sort();
}

/** Files `file` includes with #include "...", followed transitively. */
function localIncludes(file: string, seen = new Set<string>()): Set<string> {
  for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(/^\s*#\s*include\s+"([^"]+)"/gm)) {
    const target = posix(relative(ROOT, join(ROOT, dirname(file), m[1]!)));
    if (seen.has(target) || !existsSync(join(ROOT, target))) continue;
    seen.add(target);
    localIncludes(target, seen);
  }
  return seen;
}

describe('native source list', () => {
  const entries = listed();
  const paths = entries.map((e) => e.path);

  it('lists every .cc under native/, and only those, once each', () => {
    expect(paths.length).toBeGreaterThan(0);
    expect(new Set(paths).size).toBe(paths.length);
    expect([...paths].sort()).toEqual(filesUnder('native', '.cc'));
  });

  it('puts every line in group "core" or "addon" (CMake treats any other word as addon)', () => {
    expect(entries.filter((e) => e.group !== 'core' && e.group !== 'addon')).toEqual([]);
    expect(entries.some((e) => e.group === 'core')).toBe(true);
    expect(entries.some((e) => e.group === 'addon')).toBe(true);
  });

  it('keeps N-API out of the core group, which the C++ tests link without Node', () => {
    for (const { path } of entries.filter((e) => e.group === 'core')) {
      const reach = [path, ...localIncludes(path)];
      const withNapi = reach.filter((f) => /#\s*include\s*[<"]napi\.h[>"]/.test(readFileSync(join(ROOT, f), 'utf8')));
      expect(withNapi, `${path} reaches <napi.h>`).toEqual([]);
    }
  });

  it('is what scripts/native_sources.cjs prints for binding.gyp, in order', () => {
    const printed = execFileSync(process.execPath, ['scripts/native_sources.cjs'], { cwd: ROOT, encoding: 'utf8' });
    expect(printed.trim().split(/\s+/)).toEqual(paths);
  });

  it('is the only source list in binding.gyp and CMakeLists.txt', () => {
    // A regex, not JSON.parse: .gyp files are Python literals and may hold comments.
    const gyp = readFileSync(join(ROOT, 'binding.gyp'), 'utf8');
    expect(gyp.match(/["']sources["']\s*:\s*\[[^\]]*\]/g)).toEqual(['"sources": ["<!@(node scripts/native_sources.cjs)"]']);
    const cmake = readFileSync(join(ROOT, 'CMakeLists.txt'), 'utf8');
    expect(cmake).toMatch(/file\(STRINGS native\/sources\.txt/);
    expect(cmake).not.toMatch(/native\/\S+\.cc/);
  });

  it('builds every C++ test file under test/cpp', () => {
    const cmake = readFileSync(join(ROOT, 'CMakeLists.txt'), 'utf8');
    const tests = filesUnder(join('test', 'cpp'), '.cc');
    expect(tests.length).toBeGreaterThan(0);
    expect(tests.filter((t) => !cmake.includes(t))).toEqual([]);
  });
});
