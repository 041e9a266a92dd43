'use strict';
// npm "install" hook. Keeps a loadable native binary if there is one (a
// build/Release from an earlier build or a matching prebuild), else builds one
// with node-gyp. A failed build never fails `npm install`: corepool runs on its
// worker_threads backend instead, so we print one line and exit 0. A compile
// announces itself first with one progress line (it takes about two minutes).
//
// Only Node built-ins here (node-gyp-build is used when present): this runs
// before anything else of corepool is known to work.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
// Why the last install fell back, for info().reason (src/backend/fallback_reason.ts).
// Under build/, which `files` in package.json leaves out of the tarball.
const STATUS_FILE = path.join(ROOT, 'build', 'install-status.json');
const PROGRESS_LINE = 'corepool: compiling the native addon from source (about 2 minutes)…';
const FALLBACK_NOTE = "using the worker_threads fallback. Run 'npx corepool info' for details.";

/** Path of the binary node-gyp-build would load, or undefined when there is none. */
function findBinary() {
  try {
    return require('node-gyp-build').path(ROOT);
  } catch {
    return undefined;
  }
}

/** Whether the binary loads. In a child, so a binary that crashes on load cannot fail the install. */
function loads(file) {
  const probe = spawnSync(process.execPath, ['-e', 'require(process.argv[1])', file], { stdio: 'ignore' });
  return probe.status === 0;
}

/**
 * The command that runs node-gyp: npm's bundled copy (npm hands it to lifecycle
 * scripts), then one installed next to us, then whatever is on PATH.
 */
function nodeGypCommand() {
  const candidates = [process.env.npm_config_node_gyp];
  try {
    candidates.push(require.resolve('node-gyp/bin/node-gyp.js', { paths: [ROOT] }));
  } catch {
    // Not installed locally; PATH is the last resort.
  }
  for (const file of candidates) {
    if (!file || !fs.existsSync(file)) continue;
    return /\.[cm]?js$/.test(file) ? [process.execPath, [file]] : [file, []];
  }
  return [process.platform === 'win32' ? 'node-gyp.cmd' : 'node-gyp', []];
}

/**
 * The running Node's own headers, when it ships them (Debian, Homebrew, nvm and
 * the official tarballs do). Pointing node-gyp at them avoids a download, which
 * offline or firewalled machines cannot do.
 */
function localNodeDir() {
  const dir = path.resolve(path.dirname(process.execPath), '..');
  const headers = path.join(dir, 'include', 'node');
  const complete = ['node_api.h', 'common.gypi'].every((name) => fs.existsSync(path.join(headers, name)));
  return complete ? dir : undefined;
}

/** node-gyp arguments: an explicit nodedir only when neither npm nor package.json config set one. */
function nodeGypArgs() {
  const args = ['rebuild'];
  const configured = process.env.npm_config_nodedir || process.env.npm_package_config_node_gyp_nodedir;
  const nodedir = configured ? undefined : localNodeDir();
  if (nodedir) args.push(`--nodedir=${nodedir}`);
  if (!process.env.npm_config_jobs) args.push('--jobs=max');
  return args;
}

// A compiler name as gyp, make or sh print it: "g++", "/usr/bin/cc", "x86_64-linux-gnu-gcc-12".
const COMPILER = String.raw`(?:\w+-\w+-\w+-)?(?:cc|c\+\+|gcc|g\+\+|clang|clang\+\+)(?:-\d+)?`;

/** node-gyp output patterns for the usual missing tools, most specific first. */
const KNOWN_FAILURES = [
  [/Could not find any Python/, 'Python not found'],
  [/not found: make\b/, 'make not found'],
  [/Could not find any Visual Studio/, 'Visual Studio C++ tools not found'],
  // Python's subprocess (gyp probing the compiler) and make or sh running it.
  [new RegExp(String.raw`No such file or directory: '(?:[^'\n]*/)?${COMPILER}'`), 'C/C++ compiler not found'],
  [new RegExp(String.raw`(?<![\w+.-])${COMPILER}(?![\w+.-])[^\n]*?(?:not found|No such file)`), 'C/C++ compiler not found'],
  [/fatal problem while downloading|\b(?:ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT)\b/, 'could not download Node headers'],
];

/** A few words on why the build failed; node-gyp's own error when no known pattern matches. */
function shortReason(status, output, spawnError) {
  if (spawnError) return spawnError.code === 'ENOENT' ? 'node-gyp not found' : spawnError.message;
  for (const [pattern, reason] of KNOWN_FAILURES) if (pattern.test(output)) return reason;
  const stack = /gyp ERR! stack (?:Error: )?(.+)/.exec(output);
  return stack ? stack[1].trim() : `node-gyp exited with code ${status}`;
}

/** Writes node-gyp's output where the user can read it; returns the path, or undefined. */
function writeLog(output) {
  const file = path.join(os.tmpdir(), `corepool-build-${process.pid}-${Date.now()}.log`);
  try {
    fs.writeFileSync(file, output);
    return file;
  } catch {
    return undefined;
  }
}

/**
 * Records why native is unavailable: `cause` is 'skipped', 'python', 'make',
 * 'compiler' or 'build' (any other failure). Best effort: a read-only package
 * directory only loses the detail, never the install.
 */
function recordFallback(cause, reason, log) {
  try {
    fs.mkdirSync(path.dirname(STATUS_FILE), { recursive: true });
    fs.writeFileSync(STATUS_FILE, `${JSON.stringify({ native: false, cause, reason, log })}\n`);
  } catch {
    // The one-line message already told the user.
  }
}

/** A working binary makes an older failure record wrong. */
function clearStatus() {
  fs.rmSync(STATUS_FILE, { force: true });
}

/** The cause key recordFallback stores for a shortReason() text. */
function causeOf(reason) {
  if (reason === 'Python not found') return 'python';
  if (reason === 'make not found') return 'make';
  if (reason === 'C/C++ compiler not found' || reason === 'Visual Studio C++ tools not found') return 'compiler';
  return 'build';
}

/**
 * After a build inside an installed package, deletes everything under build/
 * but the binary: object files and makefiles are tens of MB nobody reruns.
 * A git checkout keeps them so `npm run build:native` stays incremental.
 */
function pruneBuild(binary) {
  if (fs.existsSync(path.join(ROOT, '.git'))) return;
  const build = path.join(ROOT, 'build');
  const keep = path.relative(build, binary);
  if (keep.startsWith('..')) return; // a prebuild, not ours to prune
  for (const file of fs.readdirSync(build, { recursive: true, encoding: 'utf8' }).sort().reverse()) {
    const full = path.join(build, file);
    if (file === keep || keep.startsWith(`${file}${path.sep}`)) continue;
    fs.rmSync(full, { recursive: true, force: true });
  }
}

/** Prints the progress line, runs node-gyp with its output captured; on any failure prints the one fallback line. */
function build() {
  // The compile is silent and slow: say so before it starts.
  process.stderr.write(`${PROGRESS_LINE}\n`);
  const [command, prefix] = nodeGypCommand();
  const args = [...prefix, ...nodeGypArgs()];
  const result = spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: process.platform === 'win32' && prefix.length === 0,
  });
  const output = `$ ${[command, ...args].join(' ')}\n${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (!result.error && result.status === 0) {
    const binary = findBinary();
    if (binary && loads(binary)) {
      pruneBuild(binary);
      return;
    }
  }
  const reason = result.status === 0 ? 'the built binary does not load' : shortReason(result.status, output, result.error);
  const log = writeLog(output);
  const where = log ? ` Build log: ${log}` : '';
  recordFallback(causeOf(reason), reason, log);
  process.stderr.write(`corepool: native build unavailable (${reason}); ${FALLBACK_NOTE}${where}\n`);
}

/** An existing binary that loads wins; --build-from-source (npm_config_build_from_source) rebuilds anyway. */
function main() {
  const fromSource = process.env.npm_config_build_from_source === 'true';
  if (!fromSource) {
    const binary = findBinary();
    if (binary && loads(binary)) {
      clearStatus();
      return;
    }
  }
  if (process.env.COREPOOL_SKIP_BUILD === '1') {
    process.stderr.write(`corepool: native build skipped (COREPOOL_SKIP_BUILD=1); ${FALLBACK_NOTE}\n`);
    recordFallback('skipped', 'skipped by COREPOOL_SKIP_BUILD=1', undefined);
    return;
  }
  build();
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    // Whatever went wrong, the fallback still works, so the install must not fail.
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    process.stderr.write(`corepool: native build unavailable (${reason}); ${FALLBACK_NOTE}\n`);
    recordFallback('build', reason, undefined);
  }
  process.exitCode = 0;
}

// scripts/prebuild.cjs points prebuildify at the same headers.
module.exports = { localNodeDir };
