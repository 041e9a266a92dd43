// `npm run test:asan`: the addon itself (N-API layer and kernels) under
// AddressSanitizer + UndefinedBehaviorSanitizer, loaded by the JS suites.
//
// 1. Builds the CMake target corepool_asan in build-cpp/asan, the tree that
//    `npm run test:cpp` already uses, so kernel objects compile once.
// 2. Runs vitest (project "native") on SUITES with the sanitized binary
//    (COREPOOL_ADDON, read by src/backend/native.ts) and libasan preloaded
//    into node, which is not built with ASan; children inherit both.
// 3. Fails when vitest fails or when any process, child or grandchild, wrote
//    a sanitizer report: reports go to files (log_path), because a child
//    that aborts inside a test that expects it to die would otherwise pass.
//
// Flags: --skip-ts (dist/ is fresh, as under `npm test`), --all (see
// SUITES); any other argument replaces SUITES (e.g. `npm run test:asan --
// test/native`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'build-cpp', 'asan');
const addon = path.join(dir, 'corepool.node');
const reports = path.join(dir, 'reports');
// Kernel integration tests, the parity grids (children), the argument fuzzer
// (detach and resize during calls included), teardown, and the n-dimensional
// kernels against numpy (test/nd: random strided views, about 20 s), and array
// expressions against their kernel chains (the expression VM over dtypes,
// layouts and block boundaries). Left out, to keep
// CI near its time budget (ASan, without the AVX clones, runs the kernels
// several times slower):
//   package.test.ts   packs and installs the package (its own build, not
//                     the sanitized addon) and runs npx;
//   *numpy*.test.ts   the same kernels' values against python3/numpy;
//   event_loop.test.ts  latency bounds, which a sanitized build misses;
//   parity's comparison runs (NAME_FILTER): the fallback children never
//                     load the addon, and the native runs at 1 and 3 threads
//                     repeat the sweep that the 2-thread reference (computed
//                     by every parity file) already makes under ASan, at
//                     every boundary size, offset and dtype; their bits are
//                     checked by the unsanitized run.
// `--all` runs every case of SUITES, with no exclusions or filter.
const SUITES = ['test/integration', 'test/parity', 'test/native', 'test/fuzz', 'test/nd', 'test/expr/evaluate.test.ts'];
const EXCLUDE = ['test/integration/package.test.ts', 'test/integration/*numpy*.test.ts', 'test/integration/event_loop.test.ts'];
const NAME_FILTER = '^(?!.*(fallback with|fallback matches|fallback:|COREPOOL_THREADS=))';
// Sanitized children run parity grids for minutes on a busy 2-core machine.
const TIMEOUT_MS = '900000';

function run(command, args, options = {}) {
  console.log(`\n$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) console.error(`${command}: ${result.error.message}`);
  return result.status === 0;
}

function seconds(since) {
  return ((Date.now() - since) / 1000).toFixed(1);
}

function libasan() {
  const result = spawnSync('g++', ['-print-file-name=libasan.so'], { encoding: 'utf8' });
  const file = result.stdout?.trim();
  // g++ echoes the bare name back when it has no such library.
  return file && path.isAbsolute(file) && existsSync(file) ? file : null;
}

/** Every report file the run left, with its text. */
function collectReports() {
  if (!existsSync(reports)) return [];
  return readdirSync(reports).map((name) => ({ name, text: readFileSync(path.join(reports, name), 'utf8') }));
}

const args = process.argv.slice(2);
const skipTs = args.includes('--skip-ts');
const all = args.includes('--all');
const suites = args.filter((a) => !a.startsWith('--'));

const asan = libasan();
if (!asan) {
  console.error('test:asan needs g++ with libasan (Debian: apt-get install g++)');
  process.exit(1);
}
if (!skipTs && !run('npm', ['run', '--silent', 'build:ts'])) process.exit(1);

const buildStart = Date.now();
const built =
  run('cmake', ['-S', root, '-B', dir, '-DCOREPOOL_TESTS=ON', '-DCMAKE_BUILD_TYPE=Release', '-DCOREPOOL_SANITIZE=address']) &&
  run('cmake', ['--build', dir, '--target', 'corepool_asan', '--parallel', '2']);
console.log(`[test:asan] build: ${built ? 'ok' : 'FAILED'} in ${seconds(buildStart)} s`);
if (!built || !existsSync(addon)) process.exit(1);

rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
// detect_leaks=0: V8 and node keep allocations until exit by design.
// handle_segv=0 + allow_user_segv_handler=1: V8's WebAssembly trap handler
// owns SIGSEGV. Every report aborts its process (abort_on_error) and goes
// to a file in reports/ (not stderr), printed below when the run ends.
const env = {
  ...process.env,
  COREPOOL_ADDON: addon,
  LD_PRELOAD: asan,
  ASAN_OPTIONS: `detect_leaks=0:halt_on_error=1:abort_on_error=1:handle_segv=0:allow_user_segv_handler=1:log_path=${reports}/asan`,
  UBSAN_OPTIONS: `print_stacktrace=1:halt_on_error=1:log_path=${reports}/ubsan`,
};
const testStart = Date.now();
const selection = all ? [] : [...EXCLUDE.flatMap((e) => ['--exclude', e]), '--testNamePattern', NAME_FILTER];
// Two workers on two cores: a third only lengthens the sanitized
// synchronous calls that can starve vitest's RPC (issue 10, finding 11).
const timeouts = ['--testTimeout', TIMEOUT_MS, '--hookTimeout', TIMEOUT_MS, '--maxWorkers', '2', '--minWorkers', '1'];
const passed = run('npx', ['vitest', 'run', '--project', 'native', ...timeouts, ...selection, ...(suites.length > 0 ? suites : SUITES)], {
  env,
});
const found = collectReports();
for (const { name, text } of found) console.error(`\n===== ${name} =====\n${text}`);
console.log(`[test:asan] vitest: ${passed ? 'ok' : 'FAILED'} in ${seconds(testStart)} s; sanitizer reports: ${found.length}`);
process.exit(passed && found.length === 0 ? 0 : 1);
