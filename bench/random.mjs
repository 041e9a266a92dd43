/**
 * Times corepool's random kernels on 5e7 elements against numpy's Generator
 * (python3, same run), plain JS loops and the fallback backend, and prints a
 * markdown table with the issue's targets met or not.
 *
 *   node bench/random.mjs [--n 50000000] [--reps 7]
 *
 * The native rows run in this process (the native backend must load); the
 * fallback rows run in a child with COREPOOL_BACKEND=fallback. Each figure is
 * the median of --reps runs after one warm-up: wall time, which the targets
 * use, and the CPU time of the whole process (all threads). On a busy machine
 * a parallel run's wall time stretches while its CPU time does not, so the
 * CPU column tells load from a slow kernel.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const N = arg('n', 5e7);
const REPS = arg('reps', 7);
const SEED = 12345;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** { ms, cpu }: medians of wall and process CPU milliseconds. */
async function time(fn, reps = REPS) {
  await fn();
  const ms = [];
  const cpu = [];
  for (let r = 0; r < reps; r++) {
    const c = process.cpuUsage();
    const t = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1e3);
  }
  return { ms: median(ms), cpu: median(cpu) };
}

// The plain JS loops a user would write: Math.random, and Box–Muller on it.
function jsUniform(out) {
  for (let i = 0; i < out.length; i++) out[i] = Math.random();
}
function jsNormal(out) {
  for (let i = 0; i + 1 < out.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - Math.random()));
    const a = 2 * Math.PI * Math.random();
    out[i] = r * Math.cos(a);
    out[i + 1] = r * Math.sin(a);
  }
}

/** The fallback rows; a child, because the backend is fixed per process. */
async function fallbackChild() {
  const { random } = await import('../dist/index.js');
  const { randomSync } = await import('../dist/sync.js');
  const reps = Math.max(3, Math.floor(REPS / 2));
  const shared = new Float64Array(new SharedArrayBuffer(8 * N));
  const plain = new Float64Array(N);
  const rows = {
    'normal/fallback-shared': await time(() => random.normal(shared, { seed: SEED }), reps),
    'normal/fallback-plain': await time(() => random.normal(plain, { seed: SEED }), reps),
    'uniform/fallback-shared': await time(() => random.uniform(shared, { seed: SEED }), reps),
    // The same Philox twin as one single-threaded loop: the plain JS loop of this kernel.
    'normal/js-twin-loop': await time(() => randomSync.normal(plain, { seed: SEED }), reps),
    'uniform/js-twin-loop': await time(() => randomSync.uniform(plain, { seed: SEED }), reps),
  };
  process.stdout.write(JSON.stringify(rows));
}

const NUMPY = `
import json, sys, time
import numpy as np
n, reps = int(sys.argv[1]), int(sys.argv[2])
rng = np.random.default_rng(${SEED})
out = np.empty(n)
def t(f):
    f()
    ms, cpu = [], []
    for _ in range(reps):
        w, c = time.perf_counter(), time.process_time()
        f()
        ms.append((time.perf_counter() - w) * 1e3)
        cpu.append((time.process_time() - c) * 1e3)
    return {"ms": sorted(ms)[len(ms) // 2], "cpu": sorted(cpu)[len(cpu) // 2]}
print(json.dumps({
    "normal/numpy": t(lambda: rng.standard_normal(n)),
    "normal/numpy-out": t(lambda: rng.standard_normal(out=out)),
    "uniform/numpy": t(lambda: rng.random(n)),
    "uniform/numpy-out": t(lambda: rng.random(out=out)),
    "integers/numpy": t(lambda: rng.integers(0, 1000, n, dtype=np.int32)),
}))
`;

function numpyRows() {
  const r = spawnSync('python3', ['-c', NUMPY, String(N), String(REPS)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) return { skipped: (r.stderr || r.error?.message || 'python3 failed').split('\n')[0] };
  return JSON.parse(r.stdout);
}

function fallbackRows() {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', '--n', String(N), '--reps', String(REPS)], {
    env: { ...process.env, COREPOOL_BACKEND: 'fallback' },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return child.status === 0 ? JSON.parse(child.stdout) : { skipped: child.stderr.split('\n')[0] };
}

async function main() {
  const { backend, random, threads } = await import('../dist/index.js');
  if (backend !== 'native') throw new Error(`bench/random.mjs needs the native backend; got ${backend}`);
  const out = new Float64Array(N);
  const ints = new Int32Array(N);
  const rows = {
    'normal/corepool-out': await time(() => random.normal(out, { seed: SEED })),
    'normal/corepool': await time(() => random.normal(N, { seed: SEED })),
    'uniform/corepool-out': await time(() => random.uniform(out, { seed: SEED })),
    'uniform/corepool': await time(() => random.uniform(N, { seed: SEED })),
    'integers/corepool-out': await time(() => random.integers(ints, { seed: SEED, high: 1000 })),
    'normal/js-math-random': await time(() => jsNormal(out), 3),
    'uniform/js-math-random': await time(() => jsUniform(out), 3),
  };
  const numpy = numpyRows();
  const fallback = fallbackRows();
  Object.assign(rows, numpy.skipped ? {} : numpy, fallback.skipped ? {} : fallback);
  report(rows, threads, [numpy.skipped && `numpy skipped: ${numpy.skipped}`, fallback.skipped && `fallback skipped: ${fallback.skipped}`]);
}

function report(rows, threads, notes) {
  const fmt = (ms) => (ms === undefined ? 'n/a' : `${ms.toFixed(1)} ms`);
  const ratio = (base, other) => (base === undefined || other === undefined ? 'n/a' : `${(other.ms / base.ms).toFixed(2)}×`);
  console.log(`## random (n = ${N.toExponential(0)} float64, native threads = ${threads}, median of ${REPS})\n`);
  console.log(`1-minute load average at the end: ${loadavg()[0].toFixed(2)} (other processes stretch parallel wall times)\n`);
  console.log('| kernel | implementation | wall time | process CPU time | corepool native (out) is faster by |');
  console.log('|---|---|---|---|---|');
  for (const [key, row] of Object.entries(rows)) {
    const [kernel, impl] = key.split('/');
    console.log(`| ${kernel} | ${impl} | ${fmt(row.ms)} | ${fmt(row.cpu)} | ${ratio(rows[`${kernel}/corepool-out`], row)} |`);
  }
  for (const note of notes.filter(Boolean)) console.log(`\n${note}`);
  const speedup = (slow, fast) => (rows[slow] && rows[fast] ? rows[slow].ms / rows[fast].ms : NaN);
  const targets = [
    ['random.normal(5e7) ≥ 2× faster than numpy default_rng().standard_normal(n)', speedup('normal/numpy', 'normal/corepool'), 2],
    ['random.normal(out) ≥ 2× faster than numpy standard_normal(out=)', speedup('normal/numpy-out', 'normal/corepool-out'), 2],
    [
      'fallback normal, shared out: not slower than the same kernel as a single-threaded JS loop',
      speedup('normal/js-twin-loop', 'normal/fallback-shared'),
      1,
    ],
    [
      'fallback normal, ordinary out: not slower than the same kernel as a single-threaded JS loop',
      speedup('normal/js-twin-loop', 'normal/fallback-plain'),
      1,
    ],
  ];
  console.log('\n| target | measured | met |');
  console.log('|---|---|---|');
  for (const [name, value, need] of targets) {
    const known = Number.isFinite(value);
    console.log(`| ${name} | ${known ? `${value.toFixed(2)}×` : 'n/a'} | ${known ? (value >= need ? 'yes' : 'no') : 'n/a'} |`);
  }
}

if (args.includes('--child')) await fallbackChild();
else await main();
