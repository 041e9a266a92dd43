/**
 * Benchmarks the stats reductions, scans and histograms on 5e7 float64
 * (issue 3, items 4-6): the native backend, the fallback backend (in a child
 * with COREPOOL_BACKEND=fallback, on SharedArrayBuffer inputs so its workers
 * run), numpy through python3, a plain single-threaded JS loop, and the
 * machine's STREAM-class copy bandwidth (bench/baseline/stats_stream.cc,
 * compiled here), all in the same run. Prints a markdown table on stdout.
 *
 *   node bench/stats.mjs [--n 5e7] [--reps 7]
 *
 * Targets checked: cumsum (out=) within 1.2x of the STREAM copy time and at
 * least as fast as numpy's np.cumsum(a, out=out); the fallback backend never
 * slower than the plain JS loop. Every other figure is reported.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const N = option('--n', 5e7);
const REPS = option('--reps', 7);
const CHILD = args.includes('--child');
const cp = await import('../dist/index.js');

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** a: uniform(-1, 1); b: close to 1 (products stay finite); ix: integers in [0, 1000). */
function makeData(shared) {
  const alloc = (C, n) => new C(shared ? new SharedArrayBuffer(n * C.BYTES_PER_ELEMENT) : new ArrayBuffer(n * C.BYTES_PER_ELEMENT));
  const a = alloc(Float64Array, N);
  const b = alloc(Float64Array, N);
  const ix = alloc(Int32Array, N);
  const r = rng(1);
  for (let i = 0; i < N; i++) {
    a[i] = 2 * r() - 1;
    b[i] = 1 + (r() - 0.5) * 1e-6;
    ix[i] = Math.floor(r() * 1000);
  }
  return { a, b, ix, out: alloc(Float64Array, N) };
}

// The plain single-threaded JS loops a user would write.
const js = {
  cumsum(x, out) {
    let s = 0;
    for (let i = 0; i < x.length; i++) out[i] = s += x[i];
  },
  cumprod(x, out) {
    let p = 1;
    for (let i = 0; i < x.length; i++) out[i] = p *= x[i];
  },
  prod(x) {
    let p = 1;
    for (let i = 0; i < x.length; i++) p *= x[i];
    return p;
  },
  var(x) {
    let s = 0;
    for (let i = 0; i < x.length; i++) s += x[i];
    const m = s / x.length;
    let q = 0;
    for (let i = 0; i < x.length; i++) q += (x[i] - m) * (x[i] - m);
    return q / x.length;
  },
  countNonzero(x) {
    let c = 0;
    for (let i = 0; i < x.length; i++) if (x[i] !== 0) c++;
    return c;
  },
  nansum(x) {
    let s = 0;
    for (let i = 0; i < x.length; i++) if (x[i] === x[i]) s += x[i];
    return s;
  },
  nanmax(x) {
    let m = -Infinity;
    for (let i = 0; i < x.length; i++) if (x[i] > m) m = x[i];
    return m;
  },
  norm1(x) {
    let s = 0;
    for (let i = 0; i < x.length; i++) s += Math.abs(x[i]);
    return s;
  },
  normInf(x) {
    let m = 0;
    for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
    return m;
  },
  histogram(x, bins, lo, hi) {
    const counts = new Float64Array(bins);
    const norm = bins / (hi - lo);
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      if (v >= lo && v <= hi) counts[Math.min(bins - 1, Math.floor((v - lo) * norm))]++;
    }
    return counts;
  },
  range(x) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < x.length; i++) {
      if (x[i] < lo) lo = x[i];
      if (x[i] > hi) hi = x[i];
    }
    return [lo, hi];
  },
  bincount(x) {
    let top = 0;
    for (let i = 0; i < x.length; i++) if (x[i] > top) top = x[i];
    const counts = new Float64Array(top + 1);
    for (let i = 0; i < x.length; i++) counts[x[i]]++;
    return counts;
  },
};

/** name, corepool call, plain JS loop, numpy expression (a, b, ix, out as above). */
const KERNELS = [
  ['cumsum (out=)', (d) => cp.cumsum(d.a, { out: d.out }), (d) => js.cumsum(d.a, d.out), 'np.cumsum(a, out=out)'],
  ['cumsum (allocating)', (d) => cp.cumsum(d.a), (d) => js.cumsum(d.a, new Float64Array(N)), 'np.cumsum(a)'],
  ['cumprod (out=)', (d) => cp.cumprod(d.b, { out: d.out }), (d) => js.cumprod(d.b, d.out), 'np.cumprod(b, out=out)'],
  ['prod', (d) => cp.prod(d.b), (d) => js.prod(d.b), 'np.prod(b)'],
  ['var', (d) => cp.var(d.a), (d) => js.var(d.a), 'np.var(a)'],
  ['std', (d) => cp.std(d.a), (d) => Math.sqrt(js.var(d.a)), 'np.std(a)'],
  ['countNonzero', (d) => cp.countNonzero(d.a), (d) => js.countNonzero(d.a), 'np.count_nonzero(a)'],
  ['any', (d) => cp.any(d.a), (d) => js.countNonzero(d.a) > 0, 'np.any(a)'],
  ['nansum', (d) => cp.nansum(d.a), (d) => js.nansum(d.a), 'np.nansum(a)'],
  ['nanmean', (d) => cp.nanmean(d.a), (d) => js.nansum(d.a) / N, 'np.nanmean(a)'],
  ['nanmax', (d) => cp.nanmax(d.a), (d) => js.nanmax(d.a), 'np.nanmax(a)'],
  ['norm ord=1', (d) => cp.norm(d.a, { ord: 1 }), (d) => js.norm1(d.a), 'np.linalg.norm(a, 1)'],
  ['norm ord=Inf', (d) => cp.norm(d.a, { ord: Infinity }), (d) => js.normInf(d.a), 'np.linalg.norm(a, np.inf)'],
  [
    'histogram 100 bins, range',
    (d) => cp.histogram(d.a, { bins: 100, range: [-1, 1] }),
    (d) => js.histogram(d.a, 100, -1, 1),
    'np.histogram(a, 100, (-1, 1))',
  ],
  [
    'histogram 100 bins, auto range',
    (d) => cp.histogram(d.a, { bins: 100 }),
    (d) => js.histogram(d.a, 100, ...js.range(d.a)),
    'np.histogram(a, 100)',
  ],
  ['bincount (int32)', (d) => cp.bincount(d.ix), (d) => js.bincount(d.ix), 'np.bincount(ix)'],
];

const medianOf = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

async function once(fn) {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function median(fn) {
  await fn();
  const times = [];
  for (let r = 0; r < REPS; r++) times.push(await once(fn));
  return medianOf(times);
}

async function timeCorepool(data) {
  const out = {};
  for (const [name, call] of KERNELS) out[name] = await median(() => call(data));
  return out;
}

/**
 * The fallback child times each kernel alternately with its plain JS loop, so
 * both see the same load from other processes; ratio = median of the pairs.
 */
async function timeFallbackPaired(data) {
  const ms = {};
  const loop = {};
  const ratio = {};
  for (const [name, call, jsLoop] of KERNELS) {
    await call(data);
    jsLoop(data);
    const pairs = [];
    for (let r = 0; r < REPS; r++) pairs.push([await once(() => call(data)), await once(() => jsLoop(data))]);
    ms[name] = medianOf(pairs.map((p) => p[0]));
    loop[name] = medianOf(pairs.map((p) => p[1]));
    ratio[name] = medianOf(pairs.map((p) => p[0] / p[1]));
  }
  return { ms, loop, ratio };
}

if (CHILD) {
  process.stdout.write(JSON.stringify({ backend: cp.backend, threads: cp.threads, ...(await timeFallbackPaired(makeData(true))) }));
  process.exit(0);
}

/**
 * Compiles stats_stream.cc. Returns { figures: copy and read ms, serve():
 * a long-lived copy server, clean() } or { skipped }.
 */
function streamBaseline() {
  const dir = mkdtempSync(join(tmpdir(), 'corepool-stats-bench-'));
  const clean = () => rmSync(dir, { recursive: true, force: true });
  const exe = join(dir, 'stats_stream');
  const source = fileURLToPath(new URL('./baseline/stats_stream.cc', import.meta.url));
  const built = spawnSync('g++', ['-O3', '-march=native', '-std=c++17', '-pthread', source, '-o', exe], { encoding: 'utf8' });
  if (built.status !== 0) {
    clean();
    return { skipped: `g++ failed: ${built.stderr ?? built.error}` };
  }
  const r = JSON.parse(execFileSync(exe, [String(N), '10'], { encoding: 'utf8' }));
  const serve = () => {
    const child = spawn(exe, ['--serve', String(N)], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout });
    const waiting = [];
    lines.on('line', (line) => waiting.shift()?.(line));
    const next = () => new Promise((resolve) => waiting.push(resolve));
    return next().then(() => ({
      copy: async () => {
        const answer = next();
        child.stdin.write('copy\n');
        return Number(await answer) * 1e3;
      },
      close: () => child.stdin.end('quit\n'),
    }));
  };
  return { copyMs: r.copyS * 1e3, readMs: r.readS * 1e3, serve, clean };
}

function numpyTimes() {
  const dir = mkdtempSync(join(tmpdir(), 'corepool-stats-np-'));
  try {
    const script = join(dir, 'bench.py');
    writeFileSync(
      script,
      `
import json, sys, time
import numpy as np
n, reps = ${N}, ${REPS}
rng = np.random.default_rng(1)
a = rng.uniform(-1, 1, n)
b = 1 + (rng.random(n) - 0.5) * 1e-6
ix = rng.integers(0, 1000, n, dtype=np.int32)
out = np.empty(n)
exprs = json.loads(sys.argv[1])
result = {}
for name, expr in exprs.items():
    eval(expr)
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        eval(expr)
        times.append((time.perf_counter() - t0) * 1e3)
    result[name] = sorted(times)[len(times) // 2]
print(json.dumps({"version": np.__version__, "ms": result}))
`,
    );
    const run = spawnSync('python3', [script, JSON.stringify(Object.fromEntries(KERNELS.map(([name, , , expr]) => [name, expr])))], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (run.status !== 0) return { skipped: (run.stderr || String(run.error)).trim().split('\n').at(-1) };
    return JSON.parse(run.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (ms) => (ms === undefined ? 'n/a' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const ratio = (x, y) => (x === undefined || y === undefined ? 'n/a' : `${(x / y).toFixed(2)}×`);

const stream = streamBaseline();
const numpy = numpyTimes();
const fallback = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', '--n', String(N), '--reps', String(REPS)], {
  env: { ...process.env, COREPOOL_BACKEND: 'fallback' },
  encoding: 'utf8',
  maxBuffer: 1 << 20,
});
const fb = fallback.status === 0 ? JSON.parse(fallback.stdout) : { ms: {}, loop: {}, ratio: {}, error: fallback.stderr };
const data = makeData(false);
const native = await timeCorepool(data);
const loops = fb.loop;
// cumsum (out=) against the STREAM copy, pass for pass: a baseline process
// that keeps its arrays answers one copy pass per request, alternating with
// one cumsum each; the ratio is the median of the pairs.
let streamFigures = {};
if (stream.serve !== undefined) {
  const server = await stream.serve();
  const pairs = [];
  for (let r = 0; r < REPS + 1; r++) pairs.push([await server.copy(), await once(() => cp.cumsum(data.a, { out: data.out }))]);
  pairs.shift();
  server.close();
  stream.clean();
  streamFigures = {
    copyMs: medianOf(pairs.map((p) => p[0])),
    readMs: stream.readMs,
    ratio: medianOf(pairs.map((p) => p[1] / p[0])),
  };
}

const copyMs = streamFigures.copyMs;
const lines = [
  `## stats, scans, histogram — ${N.toExponential(0)} float64, median of ${REPS}`,
  '',
  `corepool ${cp.backend} with ${cp.threads} threads (${cp.info().simd}); fallback with ${fb.threads ?? '?'} workers on SharedArrayBuffer input ` +
    `(timed alternately with the JS loop in the same child); numpy ${numpy.version ?? `skipped (${numpy.skipped})`}; ` +
    `STREAM copy (all cores, plain stores): ${copyMs === undefined ? `not measured (${stream.skipped})` : `${fmt(copyMs)} ms, read: ${fmt(streamFigures.readMs)} ms`}; ` +
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  '',
  '| kernel | native ms | fallback ms | numpy ms | JS loop ms | native vs numpy | fallback vs JS loop |',
  '|---|---:|---:|---:|---:|---:|---:|',
];
for (const [name] of KERNELS) {
  const np = numpy.ms?.[name];
  const paired = fb.ratio[name] === undefined ? 'n/a' : `${fb.ratio[name].toFixed(2)}×`;
  lines.push(
    `| ${name} | ${fmt(native[name])} | ${fmt(fb.ms[name])} | ${fmt(np)} | ${fmt(loops[name])} | ${ratio(native[name], np)} | ${paired} |`,
  );
}
const verdict = (ok) => (ok === undefined ? 'not measured' : ok ? 'met' : 'NOT met');
const cumsum = native['cumsum (out=)'];
const npCumsum = numpy.ms?.['cumsum (out=)'];
const slowerFallback = KERNELS.map(([name]) => name).filter((name) => fb.ratio[name] > 1);
const streamRatio = streamFigures.ratio;
lines.push(
  '',
  '| target | measured | status |',
  '|---|---|---|',
  `| cumsum (out=) within 1.2× of STREAM copy | ${streamRatio === undefined ? 'n/a' : `${streamRatio.toFixed(2)}× (paired median)`} | ${verdict(streamRatio === undefined ? undefined : streamRatio <= 1.2)} |`,
  `| cumsum (out=) at least as fast as numpy out= | ${ratio(cumsum, npCumsum)} | ${verdict(npCumsum === undefined ? undefined : cumsum <= npCumsum)} |`,
  `| fallback never slower than the JS loop (≥ 1e6 elements) | ${slowerFallback.length === 0 ? 'every kernel' : `slower: ${slowerFallback.join(', ')}`} | ${verdict(fb.error === undefined ? slowerFallback.length === 0 : undefined)} |`,
);
process.stdout.write(`${lines.join('\n')}\n`);
