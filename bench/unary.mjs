/**
 * Times the unary kernels on 5e7 float64 elements: corepool native (`out=`
 * and allocating), numpy (python3, `out=` and allocating, same run), the plain
 * single-threaded JS loop a user would write, and the fallback backend (a
 * child with COREPOOL_BACKEND=fallback, on ordinary and on SharedArrayBuffer
 * memory). Prints markdown tables with the issue's targets met or not, and the
 * largest error of each native transcendental kernel against the correctly
 * rounded references in test/fixtures/ulp.
 *
 *   node bench/unary.mjs [--n 5e7] [--reps 7] [--small 1e6] [--kernels exp,log,...]
 *
 * Every figure is the median of --reps runs after one warm-up (JS loop and
 * fallback: at least 3).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as cp from '../dist/index.js';
import { fmtRatio, fmtTime, mdTable } from './lib/format.mjs';
import { LoadMonitor, machineInfo } from './lib/machine.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : args[at + 1];
};
const N = Number(arg('n', 5e7));
const SMALL = Number(arg('small', 1e6));
const REPS = Number(arg('reps', 7));
const SLOW_REPS = Math.max(3, Math.floor(REPS / 2));
const TARGETS = ['exp', 'log', 'sin', 'cos', 'tanh'];

const TWO_52 = 4503599627370496;
const rint = (v) => {
  const a = Math.abs(v);
  if (!(a < TWO_52)) return v;
  const r = a + TWO_52 - TWO_52;
  return v < 0 ? -r : r;
};

// Each kernel: its input domain, and the plain JS loop a user would write
// (its own literal, so V8 specialises it as it would a hand-written loop).
const KERNELS = {
  abs: [
    'sym100',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.abs(x[i]);
    },
  ],
  neg: [
    'sym100',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = -x[i];
    },
  ],
  sign: [
    'sym100',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.sign(x[i]);
    },
  ],
  sqrt: [
    'pos',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.sqrt(x[i]);
    },
  ],
  cbrt: [
    'sym100',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.cbrt(x[i]);
    },
  ],
  square: [
    'sym100',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = x[i] * x[i];
    },
  ],
  reciprocal: [
    'pos',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = 1 / x[i];
    },
  ],
  exp: [
    'sym10',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.exp(x[i]);
    },
  ],
  expm1: [
    'sym10',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.expm1(x[i]);
    },
  ],
  exp2: [
    'sym10',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = 2 ** x[i];
    },
  ],
  log: [
    'pos',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.log(x[i]);
    },
  ],
  log1p: [
    'pos',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.log1p(x[i]);
    },
  ],
  log2: [
    'pos',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.log2(x[i]);
    },
  ],
  log10: [
    'pos',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.log10(x[i]);
    },
  ],
  sin: [
    'sym100',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.sin(x[i]);
    },
  ],
  cos: [
    'sym100',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.cos(x[i]);
    },
  ],
  tan: [
    'sym100',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.tan(x[i]);
    },
  ],
  asin: [
    'unit',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.asin(x[i]);
    },
  ],
  acos: [
    'unit',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.acos(x[i]);
    },
  ],
  atan: [
    'sym100',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.atan(x[i]);
    },
  ],
  sinh: [
    'sym10',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.sinh(x[i]);
    },
  ],
  cosh: [
    'sym10',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.cosh(x[i]);
    },
  ],
  tanh: [
    'sym10',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.tanh(x[i]);
    },
  ],
  floor: [
    'sym100',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.floor(x[i]);
    },
  ],
  ceil: [
    'sym100',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.ceil(x[i]);
    },
  ],
  round: [
    'sym100',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = rint(x[i]);
    },
  ],
  trunc: [
    'sym100',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.trunc(x[i]);
    },
  ],
  isnan: [
    'sym100',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = x[i] !== x[i] ? 1 : 0;
    },
  ],
  isfinite: [
    'sym100',
    (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Number.isFinite(x[i]) ? 1 : 0;
    },
  ],
};
// The last --kernels wins (the fallback child gets one kernel appended).
const NAMES = (args.lastIndexOf('--kernels') === -1 ? Object.keys(KERNELS).join(',') : args[args.lastIndexOf('--kernels') + 1]).split(',');
const RANGES = { sym10: [-10, 10], sym100: [-100, 100], pos: [1e-3, 100], unit: [-1, 1] };
const outCtor = (name) => (name === 'isnan' || name === 'isfinite' ? Uint8Array : Float64Array);

/** Deterministic inputs of a domain (the same in every process of the run). */
function input(domain, n, shared) {
  const x = shared ? new Float64Array(new SharedArrayBuffer(8 * n)) : new Float64Array(n);
  const [lo, hi] = RANGES[domain];
  let s = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[i] = lo + ((s + 0.5) / 4294967296) * (hi - lo);
  }
  return x;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median wall time in ns of `reps` runs after a warm-up; `cpu` (if given) gets the median CPU time of this process, pool threads included. */
async function time(fn, reps, cpu) {
  await fn();
  const ns = [];
  const cpuNs = [];
  for (let r = 0; r < reps; r++) {
    const c = process.cpuUsage();
    const t = process.hrtime.bigint();
    await fn();
    ns.push(Number(process.hrtime.bigint() - t));
    const used = process.cpuUsage(c);
    cpuNs.push((used.user + used.system) * 1000);
  }
  if (cpu !== undefined) cpu.ns = median(cpuNs);
  return median(ns);
}

/** The fallback rows, in a child whose backend is fixed to 'fallback'. */
async function fallbackChild() {
  const rows = {};
  for (const n of [N, SMALL]) {
    for (const shared of [false, true]) {
      const inputs = {};
      for (const name of NAMES) {
        const domain = KERNELS[name][0];
        inputs[domain] ??= input(domain, n, shared);
        const Out = outCtor(name);
        const out = shared ? new Out(new SharedArrayBuffer(Out.BYTES_PER_ELEMENT * n)) : new Out(n);
        rows[`${name}/${n}/${shared ? 'shared' : 'plain'}`] = await time(
          () => cp[name](inputs[domain], { out }),
          n === N ? SLOW_REPS : REPS * 3,
        );
      }
    }
  }
  process.stdout.write(JSON.stringify(rows));
}

const NUMPY = `
import json, sys, time
import numpy as np
cfg = json.loads(sys.argv[1])
F = {"abs": np.abs, "neg": np.negative, "sign": np.sign, "sqrt": np.sqrt, "cbrt": np.cbrt, "square": np.square,
     "reciprocal": np.reciprocal, "exp": np.exp, "expm1": np.expm1, "exp2": np.exp2, "log": np.log, "log1p": np.log1p,
     "log2": np.log2, "log10": np.log10, "sin": np.sin, "cos": np.cos, "tan": np.tan, "asin": np.arcsin,
     "acos": np.arccos, "atan": np.arctan, "sinh": np.sinh, "cosh": np.cosh, "tanh": np.tanh, "floor": np.floor,
     "ceil": np.ceil, "round": np.rint, "trunc": np.trunc, "isnan": np.isnan, "isfinite": np.isfinite}
R = {"sym10": (-10, 10), "sym100": (-100, 100), "pos": (1e-3, 100), "unit": (-1, 1)}
n, reps = cfg["n"], cfg["reps"]
xs = {d: np.random.default_rng(1).uniform(*R[d], n) for d in {domain for _, domain in cfg["kernels"]}}
def med(fn, cpu_key=None):
    fn()
    ts, cs = [], []
    for _ in range(reps):
        c = time.process_time_ns(); t = time.perf_counter_ns(); fn()
        ts.append(time.perf_counter_ns() - t); cs.append(time.process_time_ns() - c)
    if cpu_key:
        rows[cpu_key] = sorted(cs)[len(cs) // 2]
    return sorted(ts)[len(ts) // 2]
rows = {}
with np.errstate(all="ignore"):
    for name, domain in cfg["kernels"]:
        x, f = xs[domain], F[name]
        out = np.empty(n, dtype=bool if name.startswith("is") else np.float64)
        rows[name + "/out"] = med(lambda: f(x, out=out), name + "/cpu")
        rows[name + "/alloc"] = med(lambda: f(x))
print(json.dumps(rows))
`;

function numpyRows(names) {
  const cfg = JSON.stringify({ n: N, reps: REPS, kernels: names.map((k) => [k, KERNELS[k][0]]) });
  const run = spawnSync('python3', ['-c', NUMPY, cfg], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) {
    process.stderr.write(`numpy unavailable: ${run.stderr.split('\n').slice(-2).join(' ')}\n`);
    return {};
  }
  return JSON.parse(run.stdout);
}

/** Largest true error in ulps of native results on the correctly rounded references. */
function worstError(name) {
  let bytes;
  try {
    bytes = readFileSync(new URL(`../test/fixtures/ulp/${name}.bin`, import.meta.url));
  } catch {
    return undefined;
  }
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const [n, n32] = new Uint32Array(buffer, 4, 2);
  const x = new Float64Array(buffer, 16, n);
  const ref = new Float64Array(buffer, 16 + 8 * n, n);
  const frac = new Float32Array(buffer, 16 + 16 * n + 16 * n32, n);
  const got = cp.sync[`${name}Sync`](x);
  const bits = new BigInt64Array(2);
  const f = new Float64Array(bits.buffer);
  let worst = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(ref[i]) || ref[i] === 0 || Math.sign(got[i]) !== Math.sign(ref[i])) continue;
    f[0] = Math.abs(got[i]);
    f[1] = Math.abs(ref[i]);
    worst = Math.max(worst, Math.abs(Number(bits[0] - bits[1]) * Math.sign(ref[i]) - frac[i]));
  }
  return worst;
}

async function main() {
  if (cp.backend !== 'native') throw new Error('bench/unary.mjs times the native backend; the fallback runs in its own child');
  const monitor = new LoadMonitor();
  const rows = {};
  const fallback = {};
  const numpy = {};
  const inputs = {};
  const script = fileURLToPath(import.meta.url);
  // Kernel by kernel, every implementation back to back, so a burst of load
  // from other processes hits all columns of a row alike.
  for (const name of NAMES) {
    const [domain, loop] = KERNELS[name];
    inputs[domain] ??= input(domain, N, false);
    const x = inputs[domain];
    const out = new (outCtor(name))(N);
    const cpu = {};
    rows[name] = {
      out: await time(() => cp[name](x, { out }), REPS, cpu),
      alloc: await time(() => cp[name](x), REPS),
      js: await time(() => loop(x, out), SLOW_REPS),
      jsSmall: await time(() => loop(x.subarray(0, SMALL), out), REPS * 3),
    };
    rows[name].cpu = cpu.ns;
    Object.assign(numpy, numpyRows([name]));
    const child = spawnSync(process.execPath, [script, '--child', 'fallback', ...args, '--kernels', name], {
      env: { ...process.env, COREPOOL_BACKEND: 'fallback' },
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (child.status !== 0) throw new Error(`fallback child failed: ${child.stderr}`);
    Object.assign(fallback, JSON.parse(child.stdout));
    process.stderr.write(
      `  ${name}: native ${fmtTime(rows[name].out)}, numpy ${fmtTime(numpy[`${name}/out`])}, JS loop ${fmtTime(rows[name].js)}\n`,
    );
  }
  const load = monitor.stop();
  report(rows, fallback, numpy, load);
}

function report(rows, fallback, numpy, load) {
  const m = machineInfo();
  const size = N.toExponential().replace('+', '');
  console.log(
    `### Unary kernels, ${size} float64 (${m.cpuModel}, ${m.nproc} cores, ${cp.threads} threads, SIMD ${cp.info().simd ?? ''})\n`,
  );
  console.log(`Other processes kept ${load.foreignCores.toFixed(2)} cores busy on average during the run.\n`);
  const body = NAMES.map((name) => {
    const r = rows[name];
    const fbPlain = fallback[`${name}/${N}/plain`];
    const fbShared = fallback[`${name}/${N}/shared`];
    return [
      `\`${name}\``,
      fmtTime(r.out),
      fmtTime(r.alloc),
      fmtTime(numpy[`${name}/out`]),
      fmtTime(numpy[`${name}/alloc`]),
      fmtTime(r.js),
      fmtTime(fbPlain),
      fmtTime(fbShared),
      fmtRatio(numpy[`${name}/out`] / r.out),
      fmtRatio(r.js / r.out),
    ];
  });
  console.log(
    mdTable(
      [
        'kernel',
        'native out=',
        'native alloc',
        'numpy out=',
        'numpy alloc',
        'JS loop',
        'fallback',
        'fallback (shared)',
        'numpy out= / native',
        'JS loop / native',
      ],
      body,
    ),
  );
  console.log(
    '\n**Targets** (issue 3): `exp`, `log`, `sin`, `cos`, `tanh` at least as fast as numpy `out=`, at least 8× a plain JS loop, within 1 ulp.\n',
  );
  const targets = TARGETS.filter((k) => NAMES.includes(k)).map((name) => {
    const r = rows[name];
    const np = numpy[`${name}/out`];
    const err = worstError(name);
    const ok = (c) => (c ? 'met' : '**not met**');
    return [
      `\`${name}\``,
      fmtTime(r.out),
      fmtTime(np),
      ok(np !== undefined && r.out <= np),
      fmtRatio(r.js / r.out),
      ok(r.js / r.out >= 8),
      err === undefined ? '–' : `${err.toFixed(3)} ulp`,
      ok(err !== undefined && err < 1),
    ];
  });
  console.log(mdTable(['kernel', 'native out=', 'numpy out=', '≤ numpy', 'vs JS loop', '≥ 8×', 'max error', '≤ 1 ulp'], targets));
  console.log(
    `\nCPU time per element (all threads; numpy runs on one), which load from other processes distorts far less than wall time:\n`,
  );
  const perElement = (ns) => (ns === undefined ? '–' : `${(ns / N).toFixed(2)} ns`);
  console.log(
    mdTable(
      ['kernel', 'native', 'numpy out=', 'native / numpy'],
      NAMES.map((name) => [
        `\`${name}\``,
        perElement(rows[name].cpu),
        perElement(numpy[`${name}/cpu`]),
        fmtRatio(rows[name].cpu / numpy[`${name}/cpu`]),
      ]),
    ),
  );
  console.log(
    `\n**Fallback never slower than the plain JS loop** (≥ 1e6 elements; at ${SMALL.toExponential().replace('+', '')} and ${size}):\n`,
  );
  const slower = [];
  for (const name of NAMES) {
    for (const [n, js] of [
      [SMALL, rows[name].jsSmall],
      [N, rows[name].js],
    ]) {
      for (const kind of ['plain', 'shared']) {
        const t = fallback[`${name}/${n}/${kind}`];
        if (t > js) slower.push([`\`${name}\``, String(n), kind, fmtTime(t), fmtTime(js), fmtRatio(t / js)]);
      }
    }
  }
  if (slower.length === 0) console.log('met for every kernel, on ordinary and on shared memory.');
  else console.log(mdTable(['kernel', 'n', 'memory', 'fallback', 'JS loop', 'fallback / JS'], slower));
}

if (arg('child', '') === 'fallback') await fallbackChild();
else await main();
