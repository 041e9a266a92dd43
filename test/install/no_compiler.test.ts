/**
 * `npm install corepool` on machines with and without a C/C++ compiler, from a
 * packed tarball into scratch projects. Without one the install must still
 * succeed, say so in one line, and leave a package that runs on the fallback.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FALLBACK_LINE,
  PROGRESS_LINE,
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
  pythonExecutable,
  run,
  toolDir,
  which,
} from './npm_scratch.js';

// Compilers that cannot run, in case anything looks at CC/CXX before PATH.
const NO_COMPILER = { CC: '/nonexistent/cc', CXX: '/nonexistent/c++' };

describe.skipIf(process.platform === 'win32')('npm install from the packed tarball', () => {
  let work: string;
  let tarball: string;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build:ts` first');
    work = mkdtempSync(join(tmpdir(), 'corepool-install-'));
    const packed = await pack(ROOT, work);
    // A prebuild in the tarball would load and hide what these tests look at.
    expect(packed.files.filter((file) => file.startsWith('prebuilds/'))).toEqual([]);
    expect(packed.files).toContain('scripts/native_sources.cjs');
    tarball = packed.tarball;
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('succeeds without Python, make or a compiler, warns once, and runs on the fallback', async () => {
    const app = consumer(join(work, 'bare'));
    const env = cleanEnv(work, { PATH: toolDir(join(work, 'bare-bin')), ...NO_COMPILER });

    const result = await npmInstall(app, tarball, env);
    expect(result.code, result.stderr).toBe(0);
    // The compile is attempted (and announced) before node-gyp finds no Python.
    const lines = corepoolLines(result.stderr);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(PROGRESS_LINE);
    const [, reason, log] = FALLBACK_LINE.exec(lines[1]!) ?? [];
    expect(reason).toBe('Python not found');
    // node-gyp's own output goes to the log, not the terminal.
    expect(result.stderr).not.toContain('gyp ERR!');
    expect(readFileSync(log!, 'utf8')).toContain('gyp ERR!');
    expect(nodeBinaries(join(app, 'node_modules', 'corepool'))).toEqual([]);

    const { cjs, esm } = await probe(app, env);
    for (const report of [cjs, esm]) {
      expect(report.backend).toBe('fallback');
      expect(report.sum).toBe(6);
      expect(report.nativeError).toMatch(/^No native build was found for platform=/);
      expect(report.nativePath).toBeUndefined();
      // The install recorded its cause (build/install-status.json) for info().reason.
      expect(report.reason).toBe(`the native build failed at install: Python not found (build log: ${log})`);
    }

    // The command the warning points at.
    const info = await run(process.execPath, [npmCli(), 'exec', '--offline', '--', 'corepool', 'info'], { cwd: app, env });
    expect(info.code, info.stderr).toBe(0);
    expect(info.stdout).toMatch(/^backend\s+fallback$/m);
    expect(info.stdout).toMatch(/^native not used because\s+No native build was found/m);
    const json = await run(process.execPath, [npmCli(), 'exec', '--offline', '--', 'corepool', 'info', '--json'], { cwd: app, env });
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      backend: 'fallback',
      reason: expect.stringContaining('Python not found'),
      fix: 'install python3, then run `npm rebuild corepool`',
    });
  });

  it('succeeds with no terminal noise when npm runs install scripts in the background', async () => {
    const app = consumer(join(work, 'background'));
    const env = cleanEnv(work, { PATH: toolDir(join(work, 'background-bin')), ...NO_COMPILER });
    const result = await npmInstall(app, tarball, env, false);
    expect(result.code, result.stderr).toBe(0);
    // npm 7+ hides a succeeding dependency script's output; the line shows with --foreground-scripts.
    expect(result.stderr).not.toContain('gyp ERR!');
    expect(nodeBinaries(join(app, 'node_modules', 'corepool'))).toEqual([]);
  });

  it('names the missing compiler when Python and make are there', async (context) => {
    const python = await pythonExecutable();
    const make = which('make');
    if (!python || !make) return context.skip('needs python3 and make on the runner');
    const basics = ['printf', 'rm', 'mkdir', 'touch', 'ln', 'cp', 'mv', 'sed', 'cat', 'uname', 'dirname', 'flock', 'tr'];
    const tools: Record<string, string> = { python3: python, make };
    for (const name of basics) {
      const file = which(name);
      if (file) tools[name] = file;
    }
    const app = consumer(join(work, 'tools'));
    const env = cleanEnv(work, { PATH: toolDir(join(work, 'tools-bin'), tools), ...NO_COMPILER });

    const result = await npmInstall(app, tarball, env);
    expect(result.code, result.stderr).toBe(0);
    const lines = corepoolLines(result.stderr);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(PROGRESS_LINE);
    expect(FALLBACK_LINE.exec(lines[1]!)?.[1]).toBe('C/C++ compiler not found');
    expect(nodeBinaries(join(app, 'node_modules', 'corepool'))).toEqual([]);
    const { cjs } = await probe(app, env);
    expect(cjs).toMatchObject({ backend: 'fallback', sum: 6, reason: expect.stringContaining('C/C++ compiler not found') });
  });

  it('COREPOOL_SKIP_BUILD=1 skips the build with a one-line notice and no progress line', async () => {
    const app = consumer(join(work, 'skip'));
    // The full PATH: the build could run, so only the variable stops it.
    const env = cleanEnv(work, { PATH: process.env.PATH, COREPOOL_SKIP_BUILD: '1' });
    const result = await npmInstall(app, tarball, env);
    expect(result.code, result.stderr).toBe(0);
    expect(corepoolLines(result.stderr)).toEqual([
      "corepool: native build skipped (COREPOOL_SKIP_BUILD=1); using the worker_threads fallback. Run 'npx corepool info' for details.",
    ]);
    // build/ holds only the install's record, which info() turns into the reason.
    const pkg = join(app, 'node_modules', 'corepool');
    expect(readdirSync(join(pkg, 'build'))).toEqual(['install-status.json']);
    const { cjs } = await probe(app, env);
    expect(cjs.reason).toBe('the install skipped the native build (COREPOOL_SKIP_BUILD=1)');
  });

  it('builds the addon when a compiler is there, using the local Node headers', async () => {
    const app = consumer(join(work, 'compiler'));
    const env = cleanEnv(work, { PATH: process.env.PATH });
    const result = await npmInstall(app, tarball, env);
    expect(result.code, result.stderr).toBe(0);
    // Only the progress line: a successful compile prints nothing else.
    expect(corepoolLines(result.stderr), explain(result)).toEqual([PROGRESS_LINE]);
    const pkg = join(app, 'node_modules', 'corepool');
    const binary = join(pkg, 'build', 'Release', 'corepool.node');
    expect(nodeBinaries(join(pkg, 'build', 'Release'))).toContain(binary);
    // Object files, makefiles and the failure record are gone: only the binary stays.
    expect(readdirSync(join(pkg, 'build'), { recursive: true })).toEqual(['Release', join('Release', 'corepool.node')]);

    const { cjs, esm } = await probe(app, env);
    for (const report of [cjs, esm]) {
      expect(report).toMatchObject({ backend: 'native', sum: 6, nativePath: binary });
      expect(report.nativeError).toBeUndefined();
    }

    // Running the hook again with the binary in place is a silent no-op, even without a compiler.
    const built = statSync(binary).mtimeMs;
    const bare = cleanEnv(work, { PATH: toolDir(join(work, 'rerun-bin')), ...NO_COMPILER });
    const again = await run(process.execPath, ['scripts/install.cjs'], { cwd: pkg, env: bare });
    expect(again).toMatchObject({ code: 0, stderr: '', stdout: '' });
    expect(statSync(binary).mtimeMs).toBe(built);
  }, 300_000);
});
