#!/usr/bin/env node
/** `npx corepool [info [--json] | doctor | bench [flags] | --help | --version]`: what this machine gives corepool. */
import { fileURLToPath } from 'node:url';
import { bench } from './cli/bench.js';
import { doctor } from './cli/doctor.js';
import { info } from './info.js';

const USAGE = `usage: corepool [command]

commands:
  info [--json]   backend, threads, SIMD level, versions, and why native is not used (default)
  doctor          check what the native backend needs; exits 1 when it is not loaded
  bench [--report] [--report-only] [flags]
                  run the benchmarks from a source checkout (npm run bench), --report also
                  renders bench/report/index.html with charts; exits 2 from an installed package;
                  bench --help lists the flags
  help            this text (also --help, -h)
  --version, -v   corepool's version
`;

/** An unknown command or flag: one line saying which, then the usage; exit 2. */
function usageError(message: string): never {
  process.stderr.write(`corepool: ${message}\n${USAGE}`);
  process.exit(2);
}

/** `corepool info`: aligned key/value lines, or one JSON line with --json. */
function printInfo(json: boolean): void {
  const report = info();
  if (json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  // A path on the fallback is a binary refused as a stale build (see nativeError).
  const binary =
    report.nativePath === undefined ? '-' : report.backend === 'native' ? report.nativePath : `${report.nativePath} (not used)`;
  const lines: Array<[string, string]> = [
    ['backend', report.backend],
    ['threads', String(report.threads)],
    ['simd', report.simd],
    ['corepool', report.versions.corepool],
    ['node', report.versions.node],
    ['v8', report.versions.v8],
    ['napi', report.versions.napi ?? 'unknown'],
    ['native binary', binary],
    ['native not used because', report.nativeError ?? '-'],
    ['reason', report.reason ?? '-'],
    ['fix', report.fix ?? '-'],
  ];
  for (const [key, value] of lines) process.stdout.write(`${key.padEnd(24)} ${value}\n`);
}

// `corepool info | head -1` closes the pipe early; like other CLIs, stop quietly instead of dying on EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

const [command = 'info', ...rest] = process.argv.slice(2);
const only = (allowed: string[]): void => {
  const extra = rest.find((arg) => !allowed.includes(arg));
  if (extra !== undefined) usageError(`unknown argument '${extra}' for '${command}'`);
};
switch (command) {
  case 'help':
  case '--help':
  case '-h':
    only([]);
    process.stdout.write(USAGE);
    break;
  case '--version':
  case '-v':
    only([]);
    process.stdout.write(`${info().versions.corepool}\n`);
    break;
  case 'info':
    only(['--json']);
    printInfo(rest.includes('--json'));
    break;
  case 'doctor':
    only([]);
    process.exitCode = doctor(info(), (text) => process.stdout.write(text));
    break;
  case 'bench':
    // src/cli.ts and dist/cli.js both sit one level below the root, beside bench/.
    process.exitCode = bench(
      rest,
      fileURLToPath(new URL('../bench/run.mjs', import.meta.url)),
      (text) => process.stdout.write(text),
      (text) => process.stderr.write(text),
    );
    break;
  default:
    usageError(command.startsWith('-') ? `unknown option '${command}'` : `unknown command '${command}'`);
}
