// The issue-5 pool benchmark: corepool's Pool side by side, in the same run,
// with piscina, tinypool, workerpool, poolifier and Python's multiprocessing.Pool.
// Usage: npm run build:ts && node bench/pool.mjs [--rounds 5] [--no-python]
// With COREPOOL_BENCH_JSON=<file> (set by `npm run bench`) it also writes the
// figures there as JSON, for the charted report (bench/report.mjs).
//
// The machine is shared: every round records how many cores other processes
// kept busy (LoadMonitor); each figure is the best round taken while that
// stayed under 0.25 cores (or the best round, with its load, when none did).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LoadMonitor, machineInfo } from './lib/machine.mjs';
import { work } from './lib/pool_fns.mjs';
import { LIBRARIES } from './lib/pool_libs.mjs';

const arg = (name) => process.argv.indexOf(name);
const ROUNDS = Number(process.argv[arg('--rounds') + 1]) || 5;
const QUIET = 0.25;
const WORKERS = 2;
const N = 100_000;

/** Best round (quiet ones first) of `once`; `lower` when smaller is better. */
async function measure(once, lower = false) {
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const load = new LoadMonitor();
    const value = await once();
    rounds.push({ value, foreign: load.stop().foreignCores });
  }
  const quiet = rounds.filter((r) => r.foreign < QUIET);
  const pick = quiet.length > 0 ? quiet : rounds;
  return pick.reduce((a, b) => ((lower ? b.value < a.value : b.value > a.value) ? b : a));
}

function calibrate() {
  for (let n = 1e6; ; n *= 2) {
    const t0 = performance.now();
    work(n);
    const ms = performance.now() - t0;
    if (ms > 5) return Math.round((n * 20) / ms);
  }
}

const input = Array.from({ length: N }, (_, i) => i);
const sab = new Float64Array(new SharedArrayBuffer(80 * 1024 * 1024));
const iterations = calibrate();

async function startup(make) {
  const t0 = performance.now();
  const lib = make(WORKERS);
  await lib.apply('inc', 1);
  const ms = performance.now() - t0;
  await lib.close();
  return ms;
}

async function benchLibrary(make) {
  const row = { startup: await measure(() => startup(make), true) };
  const lib = make(WORKERS);
  await lib.map(input); // warm up: workers started, functions compiled
  await Promise.all([lib.apply('work', iterations), lib.apply('work', iterations), lib.apply('touch', sab)]);
  row.map = await measure(async () => {
    const t0 = performance.now();
    const out = await lib.map(input);
    if (out[N - 1] !== N) throw new Error('wrong map result');
    return N / ((performance.now() - t0) / 1000);
  });
  row.apply = await measure(async () => {
    const t0 = performance.now();
    const all = [];
    for (let i = 0; i < N; i++) all.push(lib.apply('inc', i));
    await Promise.all(all);
    return N / ((performance.now() - t0) / 1000);
  });
  row.cpu = await measure(async () => {
    const t1 = performance.now();
    for (let i = 0; i < 64; i++) work(iterations);
    const serial = performance.now() - t1;
    const t2 = performance.now();
    await Promise.all(Array.from({ length: 64 }, () => lib.apply('work', iterations)));
    return serial / (performance.now() - t2);
  });
  row.sab = await measure(async () => {
    const t0 = performance.now();
    if ((await lib.apply('touch', sab)) !== sab.length) throw new Error('wrong length');
    return performance.now() - t0;
  }, true);
  await lib.close();
  return row;
}

function python() {
  if (process.argv.includes('--no-python')) return undefined;
  try {
    const script = fileURLToPath(new URL('./lib/pool_python.py', import.meta.url));
    const load = new LoadMonitor();
    const best = JSON.parse(execFileSync('python3', [script, String(Math.min(ROUNDS, 3))], { encoding: 'utf8', timeout: 600_000 }));
    const foreign = load.stop().foreignCores;
    return Object.fromEntries(Object.entries(best).map(([k, v]) => [k, v === null ? undefined : { value: v, foreign }]));
  } catch (error) {
    console.error(`python3 multiprocessing skipped: ${error.message}`);
    return undefined;
  }
}

const results = {};
for (const [name, make] of Object.entries(LIBRARIES)) results[name] = await benchLibrary(make);
const py = python();
if (py !== undefined) results['python multiprocessing'] = py;

const SCENARIOS = [
  { key: 'map', title: `(a) map of ${N / 1000}k x => x + 1, items/s`, target: 10e6, lower: false },
  { key: 'apply', title: `(b) ${N / 1000}k unbatched applyAsync, tasks/s`, target: 150e3, lower: false },
  { key: 'cpu', title: '(c) 64 × ~20 ms CPU tasks, speedup on 2 workers', target: 1.95, lower: false },
  { key: 'sab', title: '(d) 80 MB SAB-backed Float64Array to a task, ms', target: 1, lower: true },
  { key: 'startup', title: '(e) pool start-up → first result, ms', target: 50, lower: true },
];
const fmt = (v) => (v === undefined ? '–' : v >= 1000 ? Math.round(v).toLocaleString('en') : v >= 10 ? v.toFixed(1) : v.toFixed(3));
const names = Object.keys(results);
const m = machineInfo();
console.log(
  `\nMachine: ${m.cpuModel}, ${m.nproc} cores, Node ${m.node}, load average ${m.loadavg.map((l) => l.toFixed(2)).join(' ')}; ${ROUNDS} rounds, best quiet round (other processes < ${QUIET} cores).\n`,
);
console.log(`| scenario | target | ${names.join(' | ')} | corepool vs best other | met |`);
console.log(`|---|---|${names.map(() => '---|').join('')}---|---|`);
for (const s of SCENARIOS) {
  const core = results.corepool[s.key].value;
  const others = names
    .filter((n) => n !== 'corepool')
    .map((n) => results[n][s.key]?.value)
    .filter((v) => v !== undefined);
  const bestOther = s.lower ? Math.min(...others) : Math.max(...others);
  const ratio = s.lower ? bestOther / core : core / bestOther;
  const met = s.lower ? core < s.target : core >= s.target;
  const cells = names.map(
    (n) =>
      `${fmt(results[n][s.key]?.value)}${(results[n][s.key]?.foreign ?? 0) >= QUIET ? ` (load ${results[n][s.key].foreign.toFixed(2)})` : ''}`,
  );
  console.log(
    `| ${s.title} | ${s.lower ? '<' : '≥'} ${fmt(s.target)} | ${cells.join(' | ')} | ${ratio.toFixed(2)}× | ${met ? 'yes' : 'NO'} |`,
  );
}
console.log(
  '\nRatios are corepool ÷ the best other (inverted for ms rows): > 1 means corepool is ahead. "(load x)" marks a figure taken while other processes kept x cores busy.',
);
if (process.env.COREPOOL_BENCH_JSON) {
  const scenarios = SCENARIOS.map(({ key, title, target, lower }) => ({ key, title, target, lower }));
  writeFileSync(
    process.env.COREPOOL_BENCH_JSON,
    JSON.stringify({ workers: WORKERS, n: N, rounds: ROUNDS, quiet: QUIET, scenarios, results }),
  );
}
