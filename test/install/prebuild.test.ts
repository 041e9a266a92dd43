/**
 * `npm run prebuild` (prebuildify) in a scratch copy of the package, offline:
 * the prebuild must load through node-gyp-build when build/ is gone, keep the
 * install hook from building, and give a compiler-less consumer the native backend.
 */
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ROOT,
  cleanEnv,
  consumer,
  corepoolLines,
  explain,
  nodeBinaries,
  npmCli,
  npmInstall,
  pack,
  probe,
  run,
  toolDir,
} from './npm_scratch.js';

const LOAD_PREBUILD = `
const dir = process.argv[1];
const file = require('node-gyp-build').path(dir);
const binding = require(file);
const sum = binding.reduce_sync(binding.kernel_names().reduce.indexOf('sum'), new Float64Array([1, 2]));
console.log(JSON.stringify({ file, sum }));
`;

describe.skipIf(process.platform === 'win32')('npm run prebuild', () => {
  let work: string;
  let pkg: string;
  const prebuilds = (): string => join(pkg, 'prebuilds', `${process.platform}-${process.arch}`);

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build:ts` first');
    work = mkdtempSync(join(tmpdir(), 'corepool-prebuild-'));
    pkg = join(work, 'corepool');
    for (const entry of ['package.json', 'binding.gyp', 'native', 'scripts', 'dist']) {
      cpSync(join(ROOT, entry), join(pkg, entry), { recursive: true });
    }
    // prebuildify, node-gyp-build and node-addon-api come from the repo's install.
    symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'));

    const env = cleanEnv(work, { PATH: process.env.PATH });
    const result = await run(process.execPath, [npmCli(), 'run', 'prebuild'], { cwd: pkg, env });
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  }, 300_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('writes prebuilds/<platform>-<arch>/*.node without downloading headers', () => {
    // cleanEnv's NODEJS_ORG_MIRROR makes any header download fail, so getting here means none was tried.
    expect(nodeBinaries(prebuilds())).toHaveLength(1);
  });

  it('node-gyp-build loads the prebuild when build/ is absent', async () => {
    rmSync(join(pkg, 'build'), { recursive: true, force: true });
    const result = await run(process.execPath, ['-e', LOAD_PREBUILD, pkg], { cwd: pkg, env: cleanEnv(work, {}) });
    expect(result.code, result.stderr).toBe(0);
    const { file, sum } = JSON.parse(result.stdout) as { file: string; sum: number };
    expect(file.startsWith(prebuilds())).toBe(true);
    expect(sum).toBe(3);
  });

  it('the install hook keeps a loadable prebuild and builds nothing', async () => {
    rmSync(join(pkg, 'build'), { recursive: true, force: true });
    const env = cleanEnv(work, { PATH: toolDir(join(work, 'hook-bin')), CC: '/nonexistent/cc', CXX: '/nonexistent/c++' });
    const result = await run(process.execPath, ['scripts/install.cjs'], { cwd: pkg, env });
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(existsSync(join(pkg, 'build'))).toBe(false);
  });

  it('a tarball with the prebuild gives a consumer without a compiler the native backend', async () => {
    const { tarball, files } = await pack(pkg, work);
    expect(files.some((file) => file.startsWith('prebuilds/') && file.endsWith('.node'))).toBe(true);
    const app = consumer(join(work, 'app'));
    const env = cleanEnv(work, { PATH: toolDir(join(work, 'app-bin')), CC: '/nonexistent/cc', CXX: '/nonexistent/c++' });
    const result = await npmInstall(app, tarball, env);
    expect(result.code, result.stderr).toBe(0);
    expect(corepoolLines(result.stderr), explain(result)).toEqual([]);
    const { cjs, esm } = await probe(app, env);
    for (const report of [cjs, esm]) {
      expect(report).toMatchObject({ backend: 'native', sum: 6 });
      expect(report.nativePath).toContain(join('node_modules', 'corepool', 'prebuilds'));
    }
  });
});
