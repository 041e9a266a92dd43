// `npm run test:cpp`: builds the C++ pool tests (test/cpp) with plain cmake
// in three variants and runs them through ctest:
//   build-cpp/release  optimised, with the target_clones the addon ships
//   build-cpp/asan     AddressSanitizer + UndefinedBehaviorSanitizer (also
//                      builds the sanitized addon for `npm run test:asan`)
//   build-cpp/tsan     ThreadSanitizer
// Build directories are reused, so a second run is incremental. Pass variant
// names to run only those: `node scripts/test_cpp.mjs release tsan`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Two cores on CI; more jobs would only thrash.
const jobs = '2';

const variants = [
  { name: 'release', options: [] },
  { name: 'asan', options: ['-DCOREPOOL_SANITIZE=address'] },
  { name: 'tsan', options: ['-DCOREPOOL_SANITIZE=thread'] },
];

function run(command, args, cwd = root) {
  console.log(`\n$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.error) console.error(`${command}: ${result.error.message}`);
  return result.status === 0;
}

// ctest hides passing output, so the harness's own "N passed, M failed" line
// is read back from ctest's log to report test cases rather than executables.
function harnessCounts(dir) {
  const log = path.join(dir, 'Testing', 'Temporary', 'LastTest.log');
  if (!existsSync(log)) return null;
  const matches = [...readFileSync(log, 'utf8').matchAll(/^(\d+) passed, (\d+) failed$/gm)];
  if (matches.length === 0) return null;
  return matches.reduce((sum, m) => ({ passed: sum.passed + Number(m[1]), failed: sum.failed + Number(m[2]) }), {
    passed: 0,
    failed: 0,
  });
}

function runVariant({ name, options }) {
  const dir = path.join(root, 'build-cpp', name);
  const started = Date.now();
  const built =
    run('cmake', ['-S', root, '-B', dir, '-DCOREPOOL_TESTS=ON', '-DCMAKE_BUILD_TYPE=Release', ...options]) &&
    run('cmake', ['--build', dir, '--parallel', jobs]);
  // Only a fresh ctest run's log counts; a failed build leaves an old one.
  const ok = built && run('ctest', ['--output-on-failure', '--parallel', jobs], dir);
  const counts = built ? harnessCounts(dir) : null;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  // A build failure or a crash before the closing line counts as one failure.
  const result = counts ?? { passed: 0, failed: 0 };
  if (!ok && result.failed === 0) result.failed = 1;
  console.log(`[test:cpp] ${name}: ${ok ? 'ok' : 'FAILED'} in ${seconds} s (${result.passed} passed, ${result.failed} failed)`);
  return result;
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !variants.some((v) => v.name === w));
if (unknown.length > 0) {
  console.error(`unknown variant(s): ${unknown.join(', ')}; choose from ${variants.map((v) => v.name).join(', ')}`);
  process.exit(2);
}
if (spawnSync('cmake', ['--version']).error) {
  console.error('test:cpp needs cmake and a C++17 compiler (Debian: apt-get install cmake g++)');
  process.exit(1);
}

let passed = 0;
let failed = 0;
for (const variant of variants.filter((v) => wanted.length === 0 || wanted.includes(v.name))) {
  const result = runVariant(variant);
  passed += result.passed;
  failed += result.failed;
}
console.log(`\ncpp: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
