/**
 * Benchmarks the native sort family against numpy (python3 child, the same
 * data: python writes it, both sides read it) and TypedArray.prototype.sort,
 * all in the same run (issue 4 targets: sort of 1e7 float64 at least as fast
 * as numpy's in-place a.sort() and >= 15x faster than Float64Array#sort).
 * Prints a markdown table on stdout and the command line under it.
 *
 *   node bench/sort.mjs [--n 1e7] [--reps 7] [--addon path/to/corepool.node]
 *
 * By default it times the public API (dist/index.js, which must run the
 * native backend); --addon times the raw binding of that addon file instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const N = Number(option('--n', 1e7));
const REPS = Number(option('--reps', 7));
const ADDON = option('--addon', undefined);

/** [name, ctor, numpy generator, numpy timed statement, corepool op]. */
const CASES = [
  ['sort float64 uniform [0,1)', Float64Array, 'rng.random(n)', 'b.sort()', 'sort'],
  ['sort float64 normal', Float64Array, 'rng.standard_normal(n)', 'b.sort()', 'sort'],
  ['sort float32 uniform', Float32Array, 'rng.random(n, dtype=np.float32)', 'b.sort()', 'sort'],
  ['sort int32 full range', Int32Array, 'rng.integers(-2**31, 2**31, n, dtype=np.int32)', 'b.sort()', 'sort'],
  ['sort int16', Int16Array, 'rng.integers(-2**15, 2**15, n, dtype=np.int16)', 'b.sort()', 'sort'],
  ['sort float64 descending', Float64Array, 'rng.random(n)', 'b[::-1].sort()', 'sortDesc'],
  ['argsort float64 uniform', Float64Array, 'rng.random(n)', "np.argsort(a, kind='stable')", 'argsort'],
  ['argsort int32', Int32Array, 'rng.integers(-2**31, 2**31, n, dtype=np.int32)', "np.argsort(a, kind='stable')", 'argsort'],
  ['partition float64 k=n/2', Float64Array, 'rng.random(n)', 'np.partition(a, n // 2)', 'partition'],
  ['topk float64 k=100', Float64Array, 'rng.random(n)', 'np.argpartition(a, -100)[-100:]', 'topk'],
  ['searchsorted 1e6 in sorted float64', Float64Array, 'np.sort(rng.random(n))', 'np.searchsorted(a, q)', 'searchsorted'],
];

// A persistent numpy child: "gen i" writes case i's data to <dir>/i.bin,
// "time i" runs its statement once on a fresh copy and prints the ms, so
// numpy and corepool repetitions alternate and see the same machine load.
const PY = `
import json, sys, time, numpy as np
d = sys.argv[1]
cases = json.loads(sys.argv[2])
n = int(sys.argv[3])
q = np.random.default_rng(7).random(1000000)
data = {}
print(json.dumps({'numpy': np.__version__}), flush=True)
for line in sys.stdin:
    cmd, i = line.split(); i = int(i)
    gen, stmt = cases[i]
    if cmd == 'gen':
        rng = np.random.default_rng(42 + i)
        data[i] = eval(gen)
        data[i].tofile(f'{d}/{i}.bin')
        print('{}', flush=True)
    else:
        a = data[i]; b = a.copy()
        t0 = time.perf_counter(); exec(stmt); t1 = time.perf_counter()
        print(json.dumps((t1 - t0) * 1e3), flush=True)
`;

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

async function loadApi() {
  if (ADDON !== undefined) {
    const b = createRequire(import.meta.url)(ADDON);
    const idx = (n) => new Uint32Array(n);
    return {
      label: `raw binding ${ADDON}`,
      sort: (a) => b.sort_async(a, false),
      sortDesc: (a) => b.sort_async(a, true),
      argsort: (a) => b.argsort_async(a, idx(a.length), false),
      partition: (a) => b.partition_async(a, a.length >> 1, new a.constructor(a.length), idx(a.length)),
      topk: (a) => b.topk_async(a, 100, true, new a.constructor(100), idx(100)),
      searchsorted: (a, q) => b.searchsorted_async(a, q, false, idx(q.length)),
    };
  }
  const cp = await import('../dist/index.js');
  if (cp.backend !== 'native') throw new Error(`corepool runs the ${cp.backend} backend; build the addon first`);
  return {
    label: `corepool ${cp.backend}, ${cp.threads} threads`,
    sort: (a) => cp.sort(a),
    sortDesc: (a) => cp.sort(a, { descending: true }),
    argsort: (a) => cp.argsort(a),
    partition: (a) => cp.partition(a, a.length >> 1),
    topk: (a) => cp.topk(a, 100),
    searchsorted: (a, q) => cp.searchsorted(a, q),
  };
}

/** Alternates numpy and corepool repetitions of one case; medians of each. */
async function timePaired(api, numpy, i, op, data, query) {
  const work = new data.constructor(data.length);
  const ours = [];
  const theirs = [];
  for (let r = 0; r <= REPS; r++) {
    const np = Number(await numpy.ask(`time ${i}`));
    work.set(data);
    const t0 = process.hrtime.bigint();
    await api[op](op.startsWith('sort') ? work : data, query);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r > 0) {
      ours.push(ms);
      theirs.push(np);
    }
  }
  return { ms: median(ours), numpy: median(theirs) };
}

/** The numpy child and a request/response helper over its stdio lines. */
function startNumpy(dir) {
  const child = spawn('python3', ['-c', PY, dir, JSON.stringify(CASES.map((c) => [c[2], c[3]])), String(N)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const next = () => new Promise((resolve) => waiting.push(resolve));
  return {
    first: next(),
    ask(command) {
      const reply = next();
      child.stdin.write(`${command}\n`);
      return reply;
    },
    close: () => child.stdin.end(),
  };
}

function timeTypedArraySort(data) {
  const work = new data.constructor(data.length);
  work.set(data);
  const t0 = process.hrtime.bigint();
  work.sort();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const dir = mkdtempSync(join(tmpdir(), 'corepool-sort-bench-'));
const numpy = startNumpy(dir);
try {
  const api = await loadApi();
  const npVersion = JSON.parse(await numpy.first).numpy;
  const query = new Float64Array(readQuery());
  const rows = [];
  for (const [i, [name, Ctor, , , op]] of CASES.entries()) {
    await numpy.ask(`gen ${i}`);
    const bytes = readFileSync(join(dir, `${i}.bin`));
    const data = new Ctor(bytes.buffer, bytes.byteOffset, bytes.length / Ctor.BYTES_PER_ELEMENT).slice();
    const { ms, numpy: npMs } = await timePaired(api, numpy, i, op, data, query);
    const jsMs = op === 'sort' && i === 0 ? timeTypedArraySort(data) : undefined;
    rows.push({ name, ms, numpy: npMs, jsMs });
  }
  print(api.label, npVersion, rows);
} finally {
  numpy.close();
  rmSync(dir, { recursive: true, force: true });
}

/** The 1e6 searchsorted queries: the same stream numpy used (default_rng(7).random). */
function readQuery() {
  const q = spawnSync(
    'python3',
    ['-c', 'import numpy as np,sys; sys.stdout.buffer.write(np.random.default_rng(7).random(1000000).tobytes())'],
    {
      maxBuffer: 1 << 24,
    },
  );
  return new Float64Array(q.stdout.buffer, q.stdout.byteOffset, q.stdout.length / 8).slice();
}

function print(label, npVersion, rows) {
  const f = (x) => (x === undefined ? '' : x.toFixed(1));
  console.log(
    `n = ${N}, median of ${REPS} (numpy and corepool repetitions alternate); ${label}; numpy ${npVersion}; load ${loadavg()[0].toFixed(2)}\n`,
  );
  console.log(
    "numpy comparators: sort = in-place a.sort() (default kind), argsort = kind='stable', topk = np.argpartition (unsorted), partition = np.partition.\n",
  );
  console.log('| case | corepool ms | numpy ms | numpy / corepool | TypedArray#sort ms | speed-up vs TypedArray#sort |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const vsJs = r.jsMs === undefined ? '' : `${(r.jsMs / r.ms).toFixed(1)}x`;
    console.log(`| ${r.name} | ${f(r.ms)} | ${f(r.numpy)} | ${(r.numpy / r.ms).toFixed(2)} | ${f(r.jsMs)} | ${vsJs} |`);
  }
  console.log(`\ncommand: node bench/sort.mjs ${args.join(' ')}`.trimEnd());
}
