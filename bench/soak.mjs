// Soak (issue 10): 1e5 kernel calls and 1e5 Pool tasks, sampling memory
// after a full GC every N iterations, and failing unless RSS stays flat.
// `npm run soak` (also run by `npm run bench`; prints markdown):
//   node bench/soak.mjs [--calls=100000] [--tasks=100000] [--samples=40] [--warmup=0.1] [--json]
// Flat means: the median RSS of the last quarter of the samples is within
// max(LIMIT_MB, LIMIT_FRACTION × first) of the median of the first quarter,
// both taken after a warm-up (the first tenth of the samples, --warmup), which
// covers lazy pool start-up, JIT and allocator growth.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Pool, backend } from '../dist/index.js';
import { machineInfo } from './lib/machine.mjs';
import { kernelCall, kernelOps, poolBatch } from './lib/soak_work.mjs';

const LIMIT_MB = 8;
const LIMIT_FRACTION = 0.05;
const POOL_BATCH = 250;

if (typeof globalThis.gc !== 'function') {
  // Sampling after a full GC needs --expose-gc; rerun with it rather than measure garbage.
  const self = fileURLToPath(import.meta.url);
  const run = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, self, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

const arg = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const calls = arg('calls', 1e5);
const tasks = arg('tasks', 1e5);
const sampleCount = arg('samples', 40);
const warmup = arg('warmup', 0.1);
const json = process.argv.includes('--json');
const MB = 1024 * 1024;

function sample() {
  globalThis.gc();
  globalThis.gc();
  const m = process.memoryUsage();
  return { rss: m.rss / MB, heap: m.heapUsed / MB, external: m.external / MB };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Compares the first and last quarter of the post-warm-up samples of one field. */
function drift(samples, field) {
  const kept = samples.slice(Math.max(1, Math.floor(samples.length * warmup)));
  const q = Math.max(1, Math.floor(kept.length / 4));
  const first = median(kept.slice(0, q).map((s) => s[field]));
  const last = median(kept.slice(-q).map((s) => s[field]));
  return { first, last, growth: last - first };
}

/** Runs `total` iterations of `step(i)` (which may do several), sampling every total / sampleCount. */
async function soak(name, total, stepSize, step) {
  const every = Math.max(stepSize, Math.floor(total / sampleCount / stepSize) * stepSize);
  const samples = [sample()];
  const start = performance.now();
  for (let i = 0; i < total; i += stepSize) {
    await step(i);
    if ((i + stepSize) % every === 0) samples.push(sample());
  }
  const seconds = (performance.now() - start) / 1000;
  const rss = drift(samples, 'rss');
  const limit = Math.max(LIMIT_MB, LIMIT_FRACTION * rss.first);
  return {
    name,
    total,
    every,
    samples,
    seconds,
    rss,
    heap: drift(samples, 'heap'),
    external: drift(samples, 'external'),
    limit,
    flat: rss.growth <= limit,
  };
}

const ops = kernelOps();
const kernels = await soak('kernel calls', calls, 1, (i) => kernelCall(ops, i));
const pool = new Pool({ processes: 2 });
const poolRun = await soak('Pool tasks', tasks, POOL_BATCH, (i) => poolBatch(pool, i / POOL_BATCH, POOL_BATCH));
await pool.terminate();
const phases = [kernels, poolRun];

if (json)
  console.log(JSON.stringify({ phases: phases.map(({ samples, ...rest }) => ({ ...rest, rssSamples: samples.map((s) => s.rss) })) }));
else {
  const f1 = (x) => x.toFixed(1);
  const signed = (x) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;
  const info = machineInfo();
  console.log(
    `Machine: ${info.cpuModel}, nproc = ${info.nproc}; Node ${process.version}; backend ${backend}; ${new Date().toISOString().slice(0, 16)} UTC.`,
  );
  console.log(
    `Kernel calls: ${ops.map((o) => o.name).join(', ')}; async and sync in turn, 256 and 150000 float64. Pool tasks: 2 thread workers, batches of ${POOL_BATCH} (apply, map, imap, apply with a Float64Array).\n`,
  );
  console.log(
    '| phase | iterations | sampled every | time s | RSS MB, first quarter (median) | RSS MB, last quarter | RSS growth MB | limit MB | heapUsed growth MB | external growth MB | flat |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const p of phases) {
    console.log(
      `| ${p.name} | ${p.total} | ${p.every} | ${f1(p.seconds)} | ${f1(p.rss.first)} | ${f1(p.rss.last)} | ${signed(p.rss.growth)} | ${f1(p.limit)} | ${signed(p.heap.growth)} | ${signed(p.external.growth)} | ${p.flat ? 'yes' : '**no**'} |`,
    );
  }
  for (const p of phases)
    console.log(`\nRSS MB after each ${p.every} ${p.name} (first: before any): ${p.samples.map((s) => s.rss.toFixed(0)).join(' ')}`);
}
process.exit(phases.every((p) => p.flat) ? 0 : 1);
