/**
 * `npm run bench`: every side-by-side measurement in one run, then
 * bench/RESULTS.md. Each backend runs in its own child process because the
 * backend is chosen once per process; this file only orchestrates.
 *
 *   baseline (C++ read bandwidth) → native + JS loops → fallback → numpy
 *   → inline thresholds → one kernel per family across sizes → thread scaling
 *   → baseline again → family benches
 *   → RESULTS.md and bench/report/results.json (every figure, for the report)
 *
 * Flags: --wait-quiet[=S] waits up to S s (default 120) for other processes
 * to go idle first; figures taken on a busy machine are not comparable.
 * --families=unary,random runs only those family benches (none: skip them).
 * --report also renders the charted report (bench/report/index.html and one
 * SVG per chart) from this run; --report-only renders it from the last run's
 * bench/report/results.json without measuring anything.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBaseline, cleanBaseline, runBaseline } from './lib/baseline.mjs';
import { runJsonChild } from './lib/child.mjs';
import { LARGEST } from './lib/config.mjs';
import { LoadMonitor, machineInfo } from './lib/machine.mjs';
import { benchNumpy } from './lib/numpy.mjs';
import { renderResults } from './lib/report.mjs';
import { checkTargets } from './lib/targets.mjs';
import { benchInlineThreshold } from './inline_threshold.mjs';
import { runFamilies, selectedFamilies } from './lib/families.mjs';
import { RESULTS_JSON, renderReport } from './report.mjs';
import { benchScaling, renderScaling } from './scaling.mjs';
import { benchSweep, renderSweep } from './sweep.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const here = (file) => fileURLToPath(new URL(file, import.meta.url));

/** Builds only what is missing, like scripts/test.mjs; never rebuilds a present build. */
function ensureBuilt() {
  const steps = [
    ['dist/index.js', 'build:ts'],
    ['build/Release/corepool.node', 'build:native'],
  ];
  for (const [file, script] of steps) {
    if (existsSync(`${ROOT}/${file}`)) continue;
    console.log(`${file} is missing: npm run ${script}`);
    const r = spawnSync('npm', ['run', '--silent', script], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`npm run ${script} failed`);
  }
}

const ARTIFACTS = ['dist/index.js', 'dist/worker.js', 'build/Release/corepool.node'];

/**
 * Modification times of the built files every child loads. Compared at the
 * end: a rebuild in the middle of a run (another terminal in the same tree)
 * would mix two versions of the code in one RESULTS.md.
 */
function buildStamp() {
  return ARTIFACTS.map((file) => {
    try {
      return `${file}@${statSync(`${ROOT}/${file}`).mtime.toISOString()}`;
    } catch {
      return `${file}@missing`;
    }
  }).join(' ');
}

/** With --wait-quiet[=S]: waits up to S seconds (default 120) for other processes to go idle. */
async function waitQuiet() {
  const arg = process.argv.find((a) => a.startsWith('--wait-quiet'));
  if (arg === undefined) return;
  const limitMs = 1000 * Number(arg.split('=')[1] ?? 120);
  const start = Date.now();
  for (;;) {
    const window = new LoadMonitor();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const { foreignCores } = window.stop();
    if (foreignCores < 0.2 || Date.now() - start > limitMs) {
      console.log(`other processes use ${foreignCores.toFixed(2)} cores; starting`);
      return;
    }
    console.log(`waiting: other processes use ${foreignCores.toFixed(2)} cores`);
  }
}

/** The command as the reader would retype it, flags included. */
function commandLine() {
  // `npx corepool bench` runs this file; it names itself so the report shows what the reader typed.
  if (process.env.COREPOOL_BENCH_COMMAND) return process.env.COREPOOL_BENCH_COMMAND;
  const args = process.argv.slice(2).join(' ');
  if (process.env.npm_lifecycle_event === 'bench') return args === '' ? 'npm run bench' : `npm run bench -- ${args}`;
  return `node bench/run.mjs${args === '' ? '' : ` ${args}`}`;
}

/** Phase log: how many cores other processes used during each phase. */
const phases = [];
let current;

function phase(name) {
  if (current !== undefined) phases.push({ name: current.name, ...current.monitor.stop() });
  current = name === undefined ? undefined : { name, monitor: new LoadMonitor() };
  if (name !== undefined) console.log(`\n== ${name}`);
}

/** Every phase in order; each backend in its own child process. */
async function measureAll(build) {
  phase('read-bandwidth baseline (C++)');
  const baseline = { build, before: await runBaseline(build, LARGEST) };
  console.log(`  ${baseline.before.skipped ?? `${baseline.before.readGbs.toFixed(1)} GB/s best-of-N`}`);

  phase('native backend and plain JS loops');
  const pairedArgs = build.exe === undefined ? [] : ['--paired', build.exe];
  const native = await runJsonChild(process.execPath, [here('./reductions.mjs'), '--js', ...pairedArgs], {
    env: { COREPOOL_BACKEND: 'native' },
  });

  phase('fallback backend, 2 workers, SharedArrayBuffer inputs');
  const fallback = await runJsonChild(process.execPath, [here('./child_fallback.mjs')], {
    env: { COREPOOL_BACKEND: 'fallback', COREPOOL_THREADS: '2' },
  });

  phase('numpy');
  const numpy = await benchNumpy();
  if (numpy.skipped !== undefined) console.log(`  skipped: ${numpy.skipped}`);

  phase('inline thresholds');
  const thresholds = await benchInlineThreshold();

  phase('one kernel per family across sizes: native, JS loop, fallback, numpy');
  const sweep = await benchSweep();

  phase('thread scaling (COREPOOL_THREADS = 1 … nproc, both backends)');
  const scaling = await benchScaling();

  phase('read-bandwidth baseline again');
  baseline.after = await runBaseline(build, LARGEST);
  phase(undefined);
  return { baseline, native, fallback, numpy, thresholds, sweep, scaling };
}

async function main() {
  if (process.argv.includes('--report-only')) {
    for (const file of await renderReport({ command: commandLine() })) console.log(`wrote ${relative(ROOT, file)}`);
    return;
  }
  ensureBuilt();
  await waitQuiet();
  const stampBefore = buildStamp();
  const load = new LoadMonitor();
  const machine = machineInfo();
  const started = new Date();
  if (machine.loadavg[0] > 0.5 * machine.nproc) {
    console.log(`note: load average ${machine.loadavg[0].toFixed(2)} on ${machine.nproc} cores; other processes will skew the figures`);
  }

  const build = buildBaseline();
  let measured;
  try {
    measured = await measureAll(build);
  } finally {
    cleanBaseline(build); // also after a failed child, so no binary is left in the tmp dir
  }
  const { baseline, native, fallback, numpy, thresholds, sweep, scaling } = measured;

  const stampAfter = buildStamp();
  const results = {
    rebuiltDuringRun: stampBefore === stampAfter ? undefined : { before: stampBefore, after: stampAfter },
    command: commandLine(),
    date: started
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, ' UTC'),
    machine,
    info: native.info,
    load: load.stop(),
    phases,
    baseline,
    native,
    fallback,
    numpy,
    rows: [...native.rows, ...fallback.rows, ...(numpy.rows ?? [])],
    thresholds,
    sweep,
    scaling,
  };
  phase('family benches');
  const families = await runFamilies(selectedFamilies(process.argv));
  phase(undefined);
  const scalingSection = `## Thread scaling (bench/scaling.mjs, ${scaling.n} float64, one child per thread count)\n\n${renderScaling(scaling)}\n`;
  const sweepSection = `## One kernel per family across sizes (bench/sweep.mjs)\n\nMedian per call, every side writing into a preallocated result; speed-up = other median ÷ native median.\n\n${renderSweep(sweep)}\n`;
  writeFileSync(here('./RESULTS.md'), [renderResults(results), sweepSection, scalingSection, ...families.sections].join('\n'));
  // Every figure the report charts, so it can be re-rendered without measuring again.
  mkdirSync(here('./report'), { recursive: true });
  writeFileSync(RESULTS_JSON, `${JSON.stringify({ ...results, families: families.data }, null, 1)}\n`);
  console.log('\n== targets');
  for (const t of checkTargets(results)) console.log(`  ${t.verdict.padEnd(22)} ${t.target}: ${t.figure}`);
  if (results.rebuiltDuringRun !== undefined)
    console.log('\nWARNING: dist/ or build/ changed during the run; rerun for consistent figures');
  console.log(
    `\nwrote bench/RESULTS.md and bench/report/results.json (${results.load.wallS.toFixed(0)} s; other processes used ${results.load.foreignCores.toFixed(2)} cores on average)`,
  );
  if (process.argv.includes('--report'))
    for (const file of await renderReport({ command: results.command })) console.log(`wrote ${relative(ROOT, file)}`);
}

await main();
