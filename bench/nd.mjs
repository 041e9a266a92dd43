/**
 * n-dimensional arrays (issue 12): corepool's NDArray kernels on a 4000 ×
 * 4000 float64 matrix against numpy (a python3 child, the same data: this
 * script writes it, numpy reads it) and numpy-ts (npm devDependency, single
 * threaded WASM/JS, in this process), with the machine's memory baselines
 * where the issue states a bandwidth target:
 *
 * - reductions against bench/baseline/read_bw.cc (one all-core read pass
 *   over as many bytes as the matrix);
 * - the broadcast adds against bench/baseline/fused_stream.cc's STREAM
 *   scale loop d[i] = s·a[i] over as many elements: one read stream and one
 *   written stream, the traffic of add(m, row, { out }) (the row stays in
 *   cache), so it is the like-for-like STREAM figure.
 *
 * Corepool and numpy (and each baseline) run back to back, alternating, and
 * the median of the per-pair ratios is reported (bench/lib/paired.mjs), so
 * load from other processes hits both sides alike. A corepool workload whose
 * call throws, rejects or returns something other than an NDArray of the
 * expected shape is reported as n/a with the reason; the bench never asserts.
 *
 *   node bench/nd.mjs [--n 4000] [--pairs 7]
 *
 * Prints a markdown table with a verdict per target; takes about 1-3 min.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as cp from '../dist/index.js';
import { buildBaseline, cleanBaseline, startBaselineServer } from './lib/baseline.mjs';
import { fmtRatio, fmtTime, mdTable } from './lib/format.mjs';
import { LoadMonitor, machineInfo } from './lib/machine.mjs';
import { paired } from './lib/paired.mjs';
import { measure, median, nowNs } from './lib/stats.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback);
const N = arg('n', 4000);
const PAIRS = arg('pairs', 7);
/** Pairs for the slow rows (sort; numpy-ts, which is single-threaded and allocates). */
const FEW = 3;
const BATCH = [64, 128, 128];
const SMALL = [10, 10];
const SMALL_TARGET_NS = 3000;
const here = (file) => fileURLToPath(new URL(file, import.meta.url));

// ---------------------------------------------------------------------------
// Data: one deterministic stream, on SharedArrayBuffer (the fallback backend's
// workers need it; the native one does not care).

function filled(size, seed) {
  const a = new Float64Array(new SharedArrayBuffer(8 * size));
  let s = seed >>> 0;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = s / 4294967296 - 0.5;
  }
  return a;
}

const prod = (shape) => shape.reduce((x, y) => x * y, 1);
const RAW = {
  m: [filled(N * N, 1), [N, N]],
  row: [filled(N, 2), [N]],
  col: [filled(N, 3), [N, 1]],
  ba: [filled(prod(BATCH), 4), BATCH],
  bb: [filled(BATCH[1] * BATCH[2], 5), BATCH.slice(1)],
  // Ordinary memory: the per-call figure is corepool's overhead, and a result
  // on a SharedArrayBuffer (as shared inputs give) costs V8 ~10 µs to allocate.
  s1: [Float64Array.from(filled(prod(SMALL), 6)), SMALL],
  s2: [Float64Array.from(filled(prod(SMALL), 7)), SMALL],
};

// ---------------------------------------------------------------------------
// The workloads. Each: key (numpy's name for it), label, the target's
// baseline kind (read / scale / null), expected result shape, the corepool
// call, the numpy-ts call (or null where it has none).

/** corepool's operands, built lazily so a missing constructor is an n/a, not a crash. */
function corepoolOperands() {
  const nd = (key) => cp.ndarray(RAW[key][0], RAW[key][1]);
  const work = new Float64Array(new SharedArrayBuffer(8 * N * N));
  return {
    m: nd('m'),
    row: nd('row'),
    col: nd('col'),
    ba: nd('ba'),
    bb: nd('bb'),
    s1: nd('s1'),
    s2: nd('s2'),
    out: cp.zeros([N, N], { shared: true }),
    work,
    workNd: cp.ndarray(work, [N, N]),
  };
}

const reduce = (name, axis) => ({
  key: `${name}${axis}`,
  label: `\`${name}(m, { axis: ${axis} })\``,
  baseline: 'read',
  shape: [N],
  corepool: (c) => cp[name](c.m, { axis }),
  numpyTs: (t) => t.np[name](t.m, axis),
});

const WORKLOADS = [
  reduce('sum', 0),
  reduce('sum', 1),
  reduce('mean', 0),
  reduce('mean', 1),
  reduce('max', 0),
  reduce('max', 1),
  {
    key: 'add_row',
    label: '`add(m, row, { out })`',
    baseline: 'scale',
    shape: [N, N],
    corepool: (c) => cp.add(c.m, c.row, { out: c.out }),
    numpyTs: (t) => t.np.add(t.m, t.row),
  },
  {
    key: 'add_col',
    label: '`add(m, col, { out })`',
    baseline: 'scale',
    shape: [N, N],
    corepool: (c) => cp.add(c.m, c.col, { out: c.out }),
    numpyTs: (t) => t.np.add(t.m, t.col),
  },
  {
    key: 'add_T',
    label: '`add(m.T, m, { out })`',
    baseline: null,
    shape: [N, N],
    corepool: (c) => cp.add(c.m.T, c.m, { out: c.out }),
    numpyTs: (t) => t.np.add(t.m.T, t.m),
  },
  {
    key: 'argmax1',
    label: '`argmax(m, { axis: 1 })`',
    baseline: null,
    shape: [N],
    corepool: (c) => cp.argmax(c.m, { axis: 1 }),
    numpyTs: (t) => t.np.argmax(t.m, 1),
  },
  {
    key: 'cumsum0',
    label: '`cumsum(m, { axis: 0 })`',
    baseline: null,
    shape: [N, N],
    corepool: (c) => cp.cumsum(c.m, { axis: 0 }),
    numpyTs: (t) => t.np.cumsum(t.m, 0),
  },
  {
    key: 'sort1',
    label: '`sort(m, { axis: 1 })`',
    baseline: null,
    shape: [N, N],
    slow: true,
    // A fresh unsorted copy before each call, outside the timed region, so
    // the timing holds whether sort returns a new array or sorts in place.
    corepool: async (c) => {
      c.work.set(RAW.m[0]);
      const t0 = nowNs();
      const result = await cp.sort(c.workNd, { axis: 1 });
      return { ns: nowNs() - t0, result };
    },
    numpyTs: (t) => t.np.sort(t.m, 1),
  },
  {
    key: 'matmul',
    label: `batched \`matmul\` ${BATCH[0]} × (${BATCH[1]} × ${BATCH[2]}) · (${BATCH[1]} × ${BATCH[2]})`,
    baseline: null,
    shape: BATCH,
    corepool: (c) => cp.matmul(c.ba, c.bb),
    numpyTs: (t) => t.np.matmul(t.ba, t.bb),
  },
];

// ---------------------------------------------------------------------------
// numpy: a python3 child that loads the same data and answers each stdin
// line "<key>" with the seconds one call took ("small": per-call seconds of
// np.add on the 10 × 10 operands, median of batches).

const NUMPY = `
import json, statistics, sys, time
import numpy as np
d, n = sys.argv[1], int(sys.argv[2])
shapes = json.loads(sys.argv[3])
x = {k: np.fromfile(f"{d}/{k}.bin", dtype=np.float64).reshape(s) for k, s in shapes.items()}
m, row, col, ba, bb, s1, s2 = (x[k] for k in ("m", "row", "col", "ba", "bb", "s1", "s2"))
out = np.empty((n, n))
W = {
    "sum0": lambda: np.sum(m, axis=0), "sum1": lambda: np.sum(m, axis=1),
    "mean0": lambda: np.mean(m, axis=0), "mean1": lambda: np.mean(m, axis=1),
    "max0": lambda: np.max(m, axis=0), "max1": lambda: np.max(m, axis=1),
    "add_row": lambda: np.add(m, row, out=out), "add_col": lambda: np.add(m, col, out=out),
    "add_T": lambda: np.add(m.T, m, out=out),
    "argmax1": lambda: np.argmax(m, axis=1), "cumsum0": lambda: np.cumsum(m, axis=0),
    "sort1": lambda: np.sort(m, axis=1),  # returns a sorted copy; m stays unsorted
    "matmul": lambda: np.matmul(ba, bb),
}
def small():
    per = []
    for _ in range(15):
        t0 = time.perf_counter()
        for _ in range(10000):
            np.add(s1, s2)
        per.append((time.perf_counter() - t0) / 10000)
    return statistics.median(per)
try:
    blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    blas = f'{blas.get("name")} {blas.get("version", "")}'.strip()
except Exception:
    blas = "unknown"
print(json.dumps({"numpy": np.__version__, "blas": blas}), flush=True)
for line in sys.stdin:
    key = line.strip()
    if key == "small":
        print(small(), flush=True)
        continue
    if key not in W:
        break
    t0 = time.perf_counter()
    W[key]()
    print(time.perf_counter() - t0, flush=True)
`;

/** A line-protocol child: first line is its hello; ask(request) resolves with { ns } for one pass. */
async function lineServer(command, argv, env) {
  const child = spawn(command, argv, { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const failed = new Promise((resolve) => {
    child.on('error', (error) => resolve({ error }));
    child.on('close', (code) => resolve({ error: new Error(`${command} exited with ${code}`) }));
  });
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const next = () => Promise.race([new Promise((resolve) => waiting.push(resolve)), failed]);
  const hello = await next();
  if (typeof hello !== 'string') return { skipped: hello.error.message, close() {} };
  return {
    hello,
    ask: async (request) => {
      const answer = next();
      child.stdin.write(`${request}\n`);
      const line = await answer;
      if (typeof line !== 'string') throw line.error;
      return { ns: Number(line) * 1e9 };
    },
    close: () => {
      child.stdin.end('quit\n');
      lines.close();
    },
  };
}

async function numpyServer(dir) {
  if (spawnSync('python3', ['-c', 'import numpy']).status !== 0) return { skipped: 'python3 with numpy is not available', close() {} };
  for (const [key, [data]] of Object.entries(RAW)) writeFileSync(join(dir, `${key}.bin`), new Uint8Array(data.buffer));
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE; // OpenBLAS picks its own best kernel for this CPU
  delete env.OPENBLAS_L2_SIZE;
  const shapes = Object.fromEntries(Object.entries(RAW).map(([key, [, shape]]) => [key, shape]));
  const server = await lineServer('python3', ['-u', '-c', NUMPY, dir, String(N), JSON.stringify(shapes)], env);
  return server.skipped === undefined ? { ...server, ...JSON.parse(server.hello) } : server;
}

/** read_bw --serve ('read') and fused_stream --serve ('scale'), each over N × N float64. */
async function baselineServers(dir) {
  const servers = {};
  const read = buildBaseline();
  if (read.skipped === undefined) {
    const server = await startBaselineServer(read.exe, N * N);
    servers.read = { ask: async () => ({ ns: await server.read() }), close: server.close };
  } else servers.read = { skipped: read.skipped };
  const exe = join(dir, 'fused_stream');
  const flags = ['-O3', '-std=c++17', '-pthread'];
  const source = here('./baseline/fused_stream.cc');
  if ([[...flags, '-march=native'], flags].some((f) => spawnSync('g++', [...f, source, '-o', exe]).status === 0)) {
    const server = await lineServer(exe, ['--serve', String(N * N)], process.env);
    servers.scale = server.skipped === undefined ? { ...server, ask: () => server.ask('scale') } : server;
  } else servers.scale = { skipped: 'g++ could not build bench/baseline/fused_stream.cc' };
  servers.close = () => {
    servers.read.close?.();
    servers.scale.close?.();
    cleanBaseline(read);
  };
  return servers;
}

// ---------------------------------------------------------------------------
// numpy-ts: its own arrays (frombuffer copies into its WASM heap). Its heap
// defaults to 256 MiB, too small for a 128 MB matrix plus a result (sort
// fails with "WASM OOM"), so it gets 1 GiB here.

async function numpyTsSetup() {
  let np;
  try {
    np = await import('numpy-ts');
  } catch (error) {
    return { skipped: `numpy-ts not installed (${error.code ?? error.message})` };
  }
  np.configureWasm({ maxMemory: 2 ** 30 });
  const arr = (key) => np.frombuffer(RAW[key][0], 'float64').reshape(...RAW[key][1]);
  const { version } = JSON.parse(readFileSync(here('../node_modules/numpy-ts/package.json'), 'utf8'));
  return { np, version, m: arr('m'), row: arr('row'), col: arr('col'), ba: arr('ba'), bb: arr('bb'), s1: arr('s1'), s2: arr('s2') };
}

// ---------------------------------------------------------------------------
// Timing.

const reason = (error) => {
  const text = String(error?.code ?? error?.message ?? error).replace(/\|/g, '/');
  return text.length > 70 ? `${text.slice(0, 67)}...` : text;
};
const sameShape = (a, b) => Array.isArray(a) && a.length === b.length && a.every((v, i) => v === b[i]);

/** One call to see whether corepool has the workload yet: undefined if so, else the reason. */
async function probe(fn, shape) {
  try {
    const r = await fn();
    const result = r?.ns === undefined ? r : r.result;
    if (!sameShape(result?.shape, shape)) return `returned ${result?.constructor?.name ?? typeof result}, not shape [${shape}]`;
    return undefined;
  } catch (error) {
    return reason(error);
  }
}

/** Median ns of `reps` calls after one warm-up (for a contender that runs alone). */
async function alone(fn, reps) {
  await fn();
  const ns = [];
  for (let i = 0; i < reps; i++) {
    const t0 = nowNs();
    const r = await fn();
    ns.push(r?.ns ?? nowNs() - t0);
  }
  return median(ns);
}

/** Drops a numpy-ts result at once (its WASM heap would otherwise wait for the GC). */
const disposing = (fn) => () => {
  const r = fn();
  r?.dispose?.();
  return 0;
};

async function timeWorkload(w, c, numpy, nts, baselines) {
  const row = { w };
  const ours = c.error ?? (await probe(() => w.corepool(c), w.shape));
  const ok = ours === undefined;
  if (!ok) row.error = ours;
  const pairs = w.slow ? FEW : PAIRS;
  const mine = () => w.corepool(c);
  if (numpy.ask) {
    if (ok) {
      row.numpy = await paired(() => numpy.ask(w.key), mine, { pairs, warmup: 1 });
    } else row.numpy = { aMedianNs: await alone(() => numpy.ask(w.key), w.slow ? FEW : 5) };
  }
  if (nts.np && w.numpyTs) {
    const theirs = disposing(() => w.numpyTs(nts));
    try {
      row.nts = ok ? await paired(theirs, mine, { pairs: FEW, warmup: 1 }) : { aMedianNs: await alone(theirs, FEW) };
    } catch (error) {
      row.ntsError = reason(error);
    }
  }
  const base = w.baseline && baselines[w.baseline];
  if (base?.ask) row.base = ok ? await paired(base.ask, mine, { pairs }) : { aMedianNs: await alone(base.ask, 5) };
  process.stderr.write(`  ${w.key}: corepool ${ok ? fmtTime(row.numpy?.bMedianNs ?? row.nts?.bMedianNs) : `n/a (${ours})`}\n`);
  return row;
}

async function timeSmall(c, numpy, nts) {
  const w = { key: 'small', label: `\`add\` on two ${SMALL.join(' × ')} NDArrays, per call`, shape: SMALL };
  const row = { w };
  const ours = c.error ?? (await probe(() => cp.add(c.s1, c.s2), SMALL));
  if (ours === undefined) row.corepoolNs = (await measure(() => cp.add(c.s1, c.s2).then(() => 0), { async: true, budgetMs: 500 })).medianNs;
  else row.error = ours;
  if (numpy.ask) row.numpyNs = (await numpy.ask('small')).ns;
  if (nts.np) {
    try {
      const call = disposing(() => nts.np.add(nts.s1, nts.s2));
      row.ntsNs = (await measure(call, { budgetMs: 500 })).medianNs;
    } catch (error) {
      row.ntsError = reason(error);
    }
  }
  return row;
}

// ---------------------------------------------------------------------------
// Report.

const pct = (x) => `${(x * 100).toFixed(0)} %`;
/** Speed of corepool relative to a reference: the reference's time ÷ corepool's, median over pairs. */
const speed = (p) => (p?.ratio === undefined ? undefined : 1 / p.ratio);

function verdict(checks) {
  if (checks.some((k) => k.ok === undefined)) {
    const missing = checks.filter((k) => k.ok === undefined).map((k) => k.name);
    const failed = checks.filter((k) => k.ok === false).map((k) => k.name);
    return failed.length > 0 ? `**not met** (${failed.join(', ')}); ${missing.join(', ')} not measured` : 'not measured';
  }
  const failed = checks.filter((k) => !k.ok).map((k) => k.name);
  return failed.length === 0 ? 'met' : `**not met** (${failed.join(', ')})`;
}

function tableRow(r, baselines) {
  const { w } = r;
  const na = `n/a (${r.error})`;
  const ourNs = r.error ? undefined : (r.numpy?.bMedianNs ?? r.nts?.bMedianNs ?? r.base?.bMedianNs);
  const vsNumpy = speed(r.numpy);
  const vsNts = speed(r.nts);
  const checks = [{ name: 'numpy', ok: vsNumpy === undefined ? undefined : vsNumpy >= 1 }];
  let baseCell = '–';
  let vsBase = '–';
  let target = '≥ 1× numpy';
  if (w.baseline === 'read') {
    const share = speed(r.base);
    baseCell = r.base ? `read ${fmtTime(r.base.aMedianNs)}` : `not measured (${baselines.read.skipped})`;
    vsBase = share === undefined ? '–' : `${pct(share)} of read bw`;
    checks.push({ name: 'read bw', ok: share === undefined ? undefined : share >= 0.8 });
    target += '; ≥ 80 % of read bw';
  } else if (w.baseline === 'scale') {
    const ratio = r.base?.ratio;
    baseCell = r.base ? `STREAM scale ${fmtTime(r.base.aMedianNs)}` : `not measured (${baselines.scale.skipped})`;
    vsBase = ratio === undefined ? '–' : `${fmtRatio(ratio)} its time`;
    checks.push({ name: 'STREAM', ok: ratio === undefined ? undefined : ratio <= 1.2 });
    target += '; ≤ 1.2× STREAM';
  }
  return [
    w.label,
    r.error ? na : fmtTime(ourNs),
    fmtTime(r.numpy?.aMedianNs),
    r.ntsError ? `fails (${r.ntsError})` : w.numpyTs ? fmtTime(r.nts?.aMedianNs) : 'n/a (no such call)',
    fmtRatio(vsNumpy),
    fmtRatio(vsNts),
    baseCell,
    vsBase,
    target,
    r.error ? 'not measured' : verdict(checks),
  ];
}

function smallRow(r) {
  return [
    r.w.label,
    r.error ? `n/a (${r.error})` : fmtTime(r.corepoolNs),
    fmtTime(r.numpyNs),
    r.ntsError ? `fails (${r.ntsError})` : fmtTime(r.ntsNs),
    fmtRatio(r.numpyNs / r.corepoolNs),
    fmtRatio(r.ntsNs / r.corepoolNs),
    '–',
    '–',
    '≤ 3 µs per call',
    r.error ? 'not measured' : r.corepoolNs <= SMALL_TARGET_NS ? 'met' : '**not met**',
  ];
}

function report(rows, small, ctx) {
  const { machine, load, numpy, nts, baselines } = ctx;
  const info = cp.info();
  const lines = [
    `## n-dimensional arrays (bench/nd.mjs), ${N} × ${N} float64`,
    '',
    `${machine.cpuModel}, ${machine.nproc} cores, Node ${machine.node}; corepool ${info.backend} (${info.simd}, ${info.threads} threads); ` +
      `numpy ${numpy.numpy ?? `skipped (${numpy.skipped})`}${numpy.blas ? ` (${numpy.blas}, OPENBLAS_CORETYPE unset)` : ''}; ` +
      `numpy-ts ${nts.version ?? `skipped (${nts.skipped})`}; other processes used ${load.foreignCores.toFixed(2)} cores on average during the run.`,
    '',
    `Times are medians; corepool and each reference run back to back, alternating (${PAIRS} pairs, ${FEW} for sort and numpy-ts), ` +
      'and the speed columns are medians of the per-pair ratios (reference time ÷ corepool time: above 1× corepool is faster). ' +
      'Baselines: `read` is bench/baseline/read_bw.cc reading as many bytes as the matrix on all cores; `STREAM scale` is ' +
      'bench/baseline/fused_stream.cc running d[i] = s·a[i] over as many elements on all cores, one read and one written stream, ' +
      'the traffic of a broadcast add into `out` (a STREAM figure, not the read baseline scaled).',
    '',
    mdTable(
      [
        'workload',
        'corepool',
        'numpy',
        'numpy-ts',
        'corepool speed ÷ numpy',
        'corepool speed ÷ numpy-ts',
        'baseline',
        'corepool vs baseline',
        'target',
        'verdict',
      ],
      [...rows.map((r) => tableRow(r, baselines)), smallRow(small)],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'l'],
    ),
    '',
    'numpy forms: `np.sum(m, axis=0)` etc.; `np.add(m, row, out=out)`, `np.add(m.T, m, out=out)`; `np.argmax(m, axis=1)`, ' +
      '`np.cumsum(m, axis=0)` (allocating, as corepool); `np.sort(m, axis=1)` (returns a sorted copy; corepool sorts a fresh copy ' +
      'per call, the copy untimed); `np.matmul(a, b)` (allocating, OpenBLAS threads); the 10 × 10 add is `np.add(s1, s2)`, ' +
      'median of 15 batches of 10000 calls.',
    '',
    'numpy-ts forms: the same calls with positional axis (`np.sum(m, 0)`), on arrays `frombuffer` copied into its WASM heap ' +
      '(configured to 1 GiB: the 256 MiB default cannot hold the matrix and a result); it has no `out=`, so its adds allocate ' +
      'a 128 MB result per call (disposed at once), and it is single-threaded.',
  ];
  return lines.join('\n');
}

// ---------------------------------------------------------------------------

async function main() {
  const monitor = new LoadMonitor();
  const machine = machineInfo();
  const dir = mkdtempSync(join(tmpdir(), 'corepool-bench-nd-'));
  let c;
  try {
    c = corepoolOperands();
  } catch (error) {
    c = { error: reason(error) };
  }
  const numpy = await numpyServer(dir);
  const baselines = await baselineServers(dir);
  const nts = await numpyTsSetup();
  const rows = [];
  let small;
  try {
    for (const w of WORKLOADS) rows.push(await timeWorkload(w, c, numpy, nts, baselines));
    small = await timeSmall(c, numpy, nts);
  } finally {
    numpy.close();
    baselines.close();
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`${report(rows, small, { machine, load: monitor.stop(), numpy, nts, baselines })}\n`);
}

await main();
