// `npm test`: builds what is missing, type-checks and lints (format, lint
// rules, import cycles), then runs the whole suite under both
// backends (vitest projects "native" and "fallback"), the C++ pool tests,
// the addon's suites under ASan+UBSan and a bounded libFuzzer run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function run(command, args, env = {}) {
  console.log(`\n$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

run('npm', ['run', '--silent', 'build:ts']);
if (!existsSync('build/Release/corepool.node')) run('npm', ['run', '--silent', 'build:native']);
run('npx', ['tsc', '--noEmit', '-p', '.']);
run('node', ['scripts/lint.mjs']);
run('npx', ['vitest', 'run', ...process.argv.slice(2)]);
run('npm', ['run', '--silent', 'test:cpp']);
// test:cpp's build-cpp/asan tree has already compiled the sanitized addon.
run('node', ['scripts/test_asan.mjs', '--skip-ts']);
run('node', ['scripts/fuzz_native.mjs']);
