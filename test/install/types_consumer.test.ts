/**
 * The published declarations as a TypeScript consumer sees them: a scratch
 * project with corepool linked into node_modules, type-checked by tsc WITHOUT
 * skipLibCheck, so an error anywhere in dist/*.d.ts (not only in what the
 * consumer touches) fails. Once tsup's d.ts bundler turned every type in the
 * default export's namespace into `typeof SomeType` (48 errors, issue 17).
 * Covers the ESM types (nodenext, "type": "module" → index.d.ts), the CJS
 * types (nodenext, no "type" → index.d.cts), node10 (typesVersions for
 * corepool/sync) and bundler resolution.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, run } from '../helpers/child.js';

const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

const CONSUMER = `import corepool, { add, type Dtype, NDArray, ndarray, type PoolOptions } from 'corepool';
import { addSync } from 'corepool/sync';

void corepool.sum(new Float64Array(3));
void add(ndarray([1, 2]), 1);
addSync(new Float64Array(2), 1);
// One NDArray class behind both entries: it has #private fields, so a second
// declaration of it would make these assignments fail.
const a: NDArray = ndarray([1, 2]);
const b: NDArray = addSync(a, 1);
const c: InstanceType<typeof corepool.NDArray> = b;
void corepool.sync.addSync(c, 1);
const dtype: Dtype = 'float64';
const options: PoolOptions = {};
void dtype;
void options;
// The declarations are really read: a wrong call is an error.
// @ts-expect-error a string is not an operand
addSync('x', 1);
`;

const COMMON = ['--noEmit', '--strict', '--target', 'es2022', '--pretty', 'false'];

/** A project in `dir` with corepool and @types/node linked in and the consumer as t.ts. */
function project(dir: string, packageJson: object): string {
  mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
  symlinkSync(ROOT, join(dir, 'node_modules', 'corepool'), 'dir');
  symlinkSync(join(ROOT, 'node_modules', '@types', 'node'), join(dir, 'node_modules', '@types', 'node'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify(packageJson));
  writeFileSync(join(dir, 't.ts'), CONSUMER);
  return dir;
}

describe.skipIf(process.platform === 'win32')('the published declarations, checked without skipLibCheck', () => {
  let work: string;
  let esm: string;
  let cjs: string;

  beforeAll(() => {
    for (const file of ['index.d.ts', 'index.d.cts', 'sync.d.ts', 'sync.d.cts']) {
      if (!existsSync(join(ROOT, 'dist', file))) throw new Error(`dist/${file} is missing: run \`npm run build:ts\` first`);
    }
    work = mkdtempSync(join(tmpdir(), 'corepool-types-'));
    esm = project(join(work, 'esm'), { name: 'esm-consumer', private: true, type: 'module' });
    cjs = project(join(work, 'cjs'), { name: 'cjs-consumer', private: true });
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  // [name, project, tsc flags, the declarations' extension it must read]
  const cases: Array<[string, () => string, string[], string]> = [
    ['ESM (nodenext, "type": "module")', () => esm, ['--module', 'nodenext', '--moduleResolution', 'nodenext'], 'd.ts'],
    ['CJS (nodenext, no "type")', () => cjs, ['--module', 'nodenext', '--moduleResolution', 'nodenext'], 'd.cts'],
    ['node10', () => cjs, ['--module', 'commonjs', '--moduleResolution', 'node10'], 'd.ts'],
    ['bundler', () => esm, ['--module', 'esnext', '--moduleResolution', 'bundler'], 'd.ts'],
  ];

  it.each(cases)('%s: no errors', async (_name, dir, flags, ext) => {
    const result = await run(process.execPath, [TSC, ...COMMON, ...flags, '--listFiles', 't.ts'], {
      cwd: dir(),
      timeoutMs: 60_000,
    });
    const errors = result.stdout.split('\n').filter((line) => line.includes('error TS'));
    expect(errors, result.stderr).toEqual([]);
    expect(result.status, result.stdout.slice(0, 2000)).toBe(0);
    // The declarations it read are the published ones.
    const read = result.stdout.split('\n').filter((line) => /[\\/]dist[\\/]/.test(line));
    expect(read.map((file) => file.replace(/^.*[\\/]dist[\\/]/, '').replace(/-[\w-]+\./, '-chunk.')).sort()).toEqual(
      [`index.${ext}`, `sync-chunk.${ext}`, `sync.${ext}`].sort(),
    );
  });
});
