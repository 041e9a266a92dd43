/** `npx corepool …`: dist/cli.js run as a user would (build first: `npm run build:ts`). */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ROOT, run } from '../helpers/child.js';

const CLI = `${ROOT}/dist/cli.js`;
const cli = (args: string[], env: Record<string, string> = {}) => run(process.execPath, [CLI, ...args], { env });
const version = (JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { version: string }).version;

describe('the corepool CLI', () => {
  it('help, --help and -h print the usage with every command, exit 0', async () => {
    for (const flag of ['help', '--help', '-h']) {
      const result = await cli([flag]);
      expect(result.status, flag).toBe(0);
      for (const command of ['info', '--json', 'doctor', 'bench', '--report', '--version']) expect(result.stdout).toContain(command);
    }
  });

  it('--version and -v print package.json version', async () => {
    for (const flag of ['--version', '-v']) {
      const result = await cli([flag]);
      expect(result).toMatchObject({ status: 0, stdout: `${version}\n` });
    }
  });

  it('info --json prints info() as one JSON line', async () => {
    const result = await cli(['info', '--json']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ backend: 'native', threads: expect.any(Number) });
    expect(report.reason).toBeUndefined();
  });

  it('info into a pipe already closed (`corepool info | true`) exits 0 without an EPIPE trace', async () => {
    // `true` exits long before Node has started, so every write meets a closed pipe.
    const result = await run('bash', ['-c', 'set -o pipefail; "$0" "$1" info | true', process.execPath, CLI]);
    expect(result).toMatchObject({ status: 0, stderr: '' });
  });

  it('doctor prints each check and exits 0 on the native backend', async () => {
    const result = await cli(['doctor'], { COREPOOL_BACKEND: 'auto' });
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    const checks = lines.slice(0, -1).map((text) => /^(?:ok {5}|missing) (.+?) {2,}/.exec(text)?.[1]);
    expect(checks).toEqual(['node >= 20', 'native backend', 'prebuild', 'python3', 'make', 'C++ compiler']);
    expect(lines.at(-1)).toMatch(/^to do +\S/);
    expect(result.stdout).toMatch(/^ok +native backend +loaded: .*\.node$/m);
  });

  it('doctor exits 1 on the fallback and says why', async () => {
    const forced = await cli(['doctor'], { COREPOOL_BACKEND: 'fallback' });
    expect(forced.status).toBe(1);
    expect(forced.stdout).toMatch(/^missing native backend +not loaded: forced by COREPOOL_BACKEND=fallback/m);
    const broken = await cli(['doctor'], { COREPOOL_BACKEND: 'auto', COREPOOL_ADDON: `${ROOT}/nonexistent.node` });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/^missing native backend +not loaded: the native binary did not load: Cannot find module/m);
    expect(broken.stdout).toMatch(/^to do +.*npm rebuild corepool/m);
  });

  it('an unknown command or flag exits 2 with one error line and the usage on stderr', async () => {
    for (const args of [['bogus'], ['--bogus'], ['info', '--yaml']]) {
      const result = await cli(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      const [first, second] = result.stderr.split('\n');
      expect(first).toMatch(/^corepool: unknown (command|option|argument) '/);
      expect(second).toBe('usage: corepool [command]');
    }
  });

  it('bench --help lists the flags it passes to bench/run.mjs, exit 0', async () => {
    const result = await cli(['bench', '--help']);
    expect(result.status).toBe(0);
    for (const flag of ['--report', '--report-only', '--families=', '--wait-quiet']) expect(result.stdout).toContain(flag);
  });

  /** A copy of dist/ in a temporary package root, with `bench/run.mjs` when given. */
  function fakeRoot(runMjs?: string): string {
    const root = mkdtempSync(`${tmpdir()}/corepool-cli-`);
    cpSync(`${ROOT}/dist`, `${root}/dist`, { recursive: true, filter: (src) => !src.endsWith('.map') });
    if (runMjs !== undefined) {
      mkdirSync(`${root}/bench`);
      writeFileSync(`${root}/bench/run.mjs`, runMjs);
    }
    return root;
  }

  it('bench without a bench/ folder (an npm install) says where the benchmarks are and exits 2', async () => {
    const root = fakeRoot();
    try {
      const result = await run(process.execPath, [`${root}/dist/cli.js`, 'bench', '--report']);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`${root}/bench/run.mjs does not exist`);
      expect(result.stderr).toContain('source checkout');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('bench runs bench/run.mjs with every flag passed through and exits with its status', async () => {
    // A stand-in orchestrator: reports what it was given, measures nothing.
    const stub =
      'console.log(JSON.stringify({ args: process.argv.slice(2), command: process.env.COREPOOL_BENCH_COMMAND })); process.exitCode = 3;\n';
    const root = fakeRoot(stub);
    try {
      const result = await run(process.execPath, [`${root}/dist/cli.js`, 'bench', '--report', '--families=pool']);
      expect(result.status, result.stderr).toBe(3);
      expect(JSON.parse(result.stdout)).toEqual({
        args: ['--report', '--families=pool'],
        command: 'npx corepool bench --report --families=pool',
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
