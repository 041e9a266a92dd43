// `npm run fuzz`: the long run of the kernel argument fuzzer, one child
// process per backend (a native crash then ends only its child, and is
// reported with its signal and the case that was running).
//
//   npm run fuzz -- [--seed N] [--runs N] [--during] [--backend native|fallback] [--skip names]
import { parseArgs } from 'node:util';
import { runFuzzChild } from './fuzz/parent.mjs';

const { values: flags } = parseArgs({
  options: {
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    runs: { type: 'string', default: '20000' },
    during: { type: 'boolean', default: false },
    backend: { type: 'string', multiple: true, default: ['native', 'fallback'] },
    skip: { type: 'string', default: '' },
    'timeout-s': { type: 'string', default: '3600' },
  },
});

let failed = false;
for (const backend of flags.backend) {
  const started = process.hrtime.bigint();
  const run = await runFuzzChild({
    backend,
    seed: flags.seed,
    runs: flags.runs,
    during: flags.during,
    skip: flags.skip,
    timeoutMs: Number(flags['timeout-s']) * 1000,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`${backend}: seed ${flags.seed}, ${run.summary} in ${seconds.toFixed(1)} s`);
  for (const line of run.problems.slice(0, 20)) console.log(`  ${line}`);
  if (run.problems.length > 20) console.log(`  … ${run.problems.length - 20} more`);
  failed ||= run.problems.length > 0;
}
process.exit(failed ? 1 : 0);
