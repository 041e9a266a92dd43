/**
 * Helpers for tests that pack corepool and install it into scratch projects,
 * the way a user's `npm install` would, with control over which tools exist.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The line install.cjs prints before it compiles from source (never with a loadable prebuild or COREPOOL_SKIP_BUILD=1). */
export const PROGRESS_LINE = 'corepool: compiling the native addon from source (about 2 minutes)…';

/** The one line install.cjs prints when it falls back. */
export const FALLBACK_LINE =
  /^corepool: native build unavailable \((.+)\); using the worker_threads fallback\. Run 'npx corepool info' for details\.(?: Build log: (\S+))?$/;

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion without blocking the test worker's event loop. */
export function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** First executable called `name` on the test runner's own PATH. */
export function which(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** npm's CLI script, so npm runs under this Node whatever PATH the test gives it. */
export function npmCli(): string {
  const fromNpm = process.env.npm_execpath;
  if (fromNpm && /npm-cli\.js$/.test(fromNpm)) return fromNpm;
  const npm = which('npm');
  if (!npm) throw new Error('npm not found on PATH');
  return realpathSync(npm);
}

/** The real Python binary (pyenv and similar put shell-script shims on PATH). */
export async function pythonExecutable(): Promise<string | undefined> {
  const python = which('python3');
  if (!python) return undefined;
  const result = await run(python, ['-c', 'import sys; print(sys.executable)'], { cwd: ROOT, env: process.env });
  const file = result.stdout.trim();
  return result.code === 0 && file !== '' ? realpathSync(file) : undefined;
}

/**
 * A directory to use as the whole PATH: node and npm, plus `tools` (name to
 * executable). Anything not linked here, compilers included, does not exist.
 */
export function toolDir(dir: string, tools: Record<string, string> = {}): string {
  mkdirSync(dir, { recursive: true });
  const links: Record<string, string> = { node: process.execPath, npm: npmCli(), sh: realpathSync('/bin/sh'), ...tools };
  for (const [name, target] of Object.entries(links)) symlinkSync(target, join(dir, name));
  return dir;
}

/**
 * An environment built from nothing, so nothing leaks in from the runner (an
 * outer `npm test` exports npm_config_nodedir, COREPOOL_BACKEND and so on).
 * NODEJS_ORG_MIRROR points node-gyp's header download at a closed port, so an
 * attempted download fails at once instead of passing or hanging.
 */
export function cleanEnv(work: string, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const npmrc = join(work, 'npmrc');
  if (!existsSync(npmrc)) writeFileSync(npmrc, 'fund=false\naudit=false\nupdate-notifier=false\n');
  return {
    HOME: process.env.HOME,
    TMPDIR: work,
    NPM_CONFIG_USERCONFIG: npmrc,
    NODEJS_ORG_MIRROR: 'http://127.0.0.1:9/',
    ...extra,
  };
}

/** `npm pack` of `dir` into `dest`; returns the tarball path. */
export async function pack(dir: string, dest: string): Promise<{ tarball: string; files: string[] }> {
  const env = { ...process.env, npm_config_update_notifier: 'false' };
  const result = await run(process.execPath, [npmCli(), 'pack', '--json', '--ignore-scripts', '--pack-destination', dest], {
    cwd: dir,
    env,
  });
  if (result.code !== 0) throw new Error(`npm pack failed:\n${result.stderr}`);
  const [info] = JSON.parse(result.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  return { tarball: join(dest, info!.filename), files: info!.files.map((file) => file.path) };
}

/** An empty consumer project in `dir`. */
export function consumer(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  return dir;
}

/**
 * `npm install <tarball>` in `app`. --foreground-scripts because npm 7+
 * otherwise swallows the output of dependency install scripts that succeed.
 */
export function npmInstall(app: string, tarball: string, env: NodeJS.ProcessEnv, foreground = true): Promise<RunResult> {
  const args = [npmCli(), 'install', '--prefer-offline', '--no-audit', '--no-fund', tarball];
  if (foreground) args.push('--foreground-scripts');
  return run(process.execPath, args, { cwd: app, env });
}

/** Every .node file under `dir`. */
export function nodeBinaries(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.node'))
    .map((file) => join(dir, file));
}

/** Lines install.cjs printed, from npm's stderr. */
export function corepoolLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('corepool:'));
}

/** npm's stderr plus the tail of any build log it names, for assertion messages. */
export function explain(result: RunResult): string {
  const log = corepoolLines(result.stderr)
    .map((line) => FALLBACK_LINE.exec(line)?.[2])
    .find((file) => file !== undefined && existsSync(file));
  const tail = log ? `\n--- ${log} (tail) ---\n${readFileSync(log, 'utf8').split('\n').slice(-40).join('\n')}` : '';
  return `${result.stderr}${tail}`;
}

const PROBE_CJS = `
const c = require('corepool');
// info() first: it also silences the fallback's one-line warning, which would fail the empty-stderr check.
const { nativeError, nativePath, reason } = c.info();
c.sum(new Float64Array([1, 2, 3])).then((sum) => {
  console.log(JSON.stringify({ backend: c.backend, sum, nativeError, nativePath, reason }));
});
`;

const PROBE_ESM = `
import { backend, info, sum } from 'corepool';
const { nativeError, nativePath, reason } = info();
console.log(JSON.stringify({ backend, sum: await sum(new Float64Array([1, 2, 3])), nativeError, nativePath, reason }));
`;

export interface Probe {
  backend: string;
  sum: number;
  nativeError?: string;
  nativePath?: string;
  /** info().reason: why the fallback runs, from the install's record when there is one. */
  reason?: string;
}

/** What require('corepool') and import 'corepool' report inside `app`. */
export async function probe(app: string, env: NodeJS.ProcessEnv): Promise<{ cjs: Probe; esm: Probe }> {
  writeFileSync(join(app, 'probe.cjs'), PROBE_CJS);
  writeFileSync(join(app, 'probe.mjs'), PROBE_ESM);
  const read = async (script: string): Promise<Probe> => {
    const result = await run(process.execPath, [script], { cwd: app, env });
    if (result.code !== 0 || result.stderr !== '') throw new Error(`${script} failed (${result.code}):\n${result.stderr}`);
    return JSON.parse(result.stdout) as Probe;
  };
  return { cjs: await read('probe.cjs'), esm: await read('probe.mjs') };
}
