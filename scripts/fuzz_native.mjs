// libFuzzer over the native argument checks (native/binding/arg_checks.h),
// target test/fuzz/native/arg_checks_fuzz.cc, built with clang under
// ASan+UBSan into build-fuzz/ (with the expression VM and the kernels it
// runs, native/binding/expr_checks.h).
//
//   node scripts/fuzz_native.mjs           bounded run for `npm test`: a fixed
//                                          seed and RUNS executions
//   npm run fuzz:native [-- seconds]       long run (default 600 s)
//   node scripts/fuzz_native.mjs --merge   folds new finds into the committed
//                                          corpus (test/fuzz/native/corpus)
//
// New inputs go to build-fuzz/corpus; the committed corpus is read-only
// except under --merge, so a test run never dirties the work tree.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'build-fuzz');
const binary = path.join(out, 'arg_checks_fuzz');
const seeds = path.join(root, 'test', 'fuzz', 'native', 'corpus');
const found = path.join(out, 'corpus');
// About 5 s at the ~60k exec/s this target runs on one CI core.
const RUNS = 300_000;

function clang() {
  for (const name of ['clang++', 'clang++-16', 'clang++-15', 'clang++-14']) {
    if (!spawnSync(name, ['--version']).error) return name;
  }
  return null;
}

function run(command, args) {
  console.log(`\n$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
  if (result.error) console.error(`${command}: ${result.error.message}`);
  return result;
}

const args = process.argv.slice(2);
const compiler = clang();
if (!compiler) {
  console.error('fuzz:native needs clang with libFuzzer (Debian: apt-get install clang libclang-rt-14-dev)');
  process.exit(1);
}
mkdirSync(found, { recursive: true });
const started = Date.now();
// The expression case runs the VM itself, so the map and reduce kernels it
// calls are linked in too. Compiled two at a time (two CI cores).
const sources = [
  'binding/arg_checks.cc',
  'binding/expr_checks.cc',
  'kernels/expr_vm.cc',
  'kernels/map_engine.cc',
  'kernels/registry.cc',
  'kernels/simd.cc',
  'kernels/sum.cc',
  'kernels/extrema.cc',
  'kernels/dot.cc',
  'kernels/stats.cc',
  'kernels/nan_reduce.cc',
  'kernels/norms.cc',
  'kernels/histogram.cc',
  'kernels/reduce_columns.cc',
  'kernels/arith.cc',
  'kernels/compare.cc',
  'kernels/unary.cc',
  'kernels/unary_math.cc',
  'kernels/unary_trig.cc',
  'kernels/binary_math.cc',
  'kernels/fused.cc',
  'kernels/cast.cc',
].map((s) => path.join(root, 'native', s));
const flags = ['-std=c++17', '-g', '-O1', '-Wall', '-Wextra', '-Werror', '-DCOREPOOL_NO_CLONES', '-fno-sanitize-recover=all'];
const objects = path.join(out, 'obj');
mkdirSync(objects, { recursive: true });

function compile(source) {
  const object = path.join(objects, `${path.basename(source)}.o`);
  const args = [...flags, '-fsanitize=fuzzer-no-link,address,undefined', '-I', path.join(root, 'native'), '-c', source, '-o', object];
  return new Promise((resolve) => {
    const child = spawn(compiler, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (error) => resolve({ source, ok: false, error }));
    child.on('close', (code) => resolve({ source, ok: code === 0, object }));
  });
}

const queue = [...sources];
const compiled = [];
await Promise.all(
  [0, 1].map(async () => {
    while (queue.length > 0) compiled.push(await compile(queue.shift()));
  }),
);
const failed = compiled.filter((c) => !c.ok);
if (failed.length > 0) {
  console.error(`fuzz:native: failed to compile ${failed.map((c) => c.source).join(', ')}`);
  process.exit(1);
}
const build = run(compiler, [
  ...flags,
  '-fsanitize=fuzzer,address,undefined',
  '-I',
  path.join(root, 'native'),
  path.join(root, 'test', 'fuzz', 'native', 'arg_checks_fuzz.cc'),
  ...compiled.map((c) => c.object),
  '-o',
  binary,
]);
process.stderr.write(build.stderr ?? '');
if (build.status !== 0) process.exit(1);
console.log(`[fuzz:native] build: ok in ${((Date.now() - started) / 1000).toFixed(1)} s`);

let mode;
if (args.includes('--merge')) {
  mode = ['-merge=1', seeds, found];
} else if (args.includes('--long')) {
  const seconds = Number(args.find((a) => /^\d+$/.test(a)) ?? 600);
  mode = [`-max_total_time=${seconds}`, found, seeds];
} else {
  mode = ['-seed=1', `-runs=${RUNS}`, found, seeds];
}
const fuzz = run(binary, ['-print_final_stats=1', `-artifact_prefix=${out}/`, ...mode]);
const log = fuzz.stderr ?? '';
// libFuzzer's progress lines are noise on success; its report is not.
if (fuzz.status !== 0) process.stderr.write(log);
const execs = log.match(/stat::number_of_executed_units:\s*(\d+)/)?.[1];
const cov = [...log.matchAll(/cov: (\d+) ft: (\d+) corp: (\d+)/g)].at(-1);
console.log(
  `[fuzz:native] ${fuzz.status === 0 ? 'ok' : 'FAILED'}: ${execs ?? '?'} executions, ` +
    `cov ${cov?.[1] ?? '?'} edges, ${cov?.[2] ?? '?'} features, corpus ${cov?.[3] ?? '?'} inputs, ` +
    `${((Date.now() - started) / 1000).toFixed(1)} s`,
);
process.exit(fuzz.status === 0 ? 0 : 1);
