/**
 * Times the fused and binary-math kernels and astype on 5e7 float64: corepool
 * native, numpy (python3, `out=` and allocating forms), a plain
 * single-threaded JS loop, and the fallback backend (a child with
 * COREPOOL_BACKEND=fallback, ordinary and SharedArrayBuffer memory, at 5e7
 * and 1e6). The STREAM-class limit is a C++ program (bench/baseline/
 * fused_stream.cc, g++ -O3 -march=native, all cores) running plain loops with
 * each target kernel's memory traffic: STREAM's scale for clip (1 read, 1
 * write; STREAM's copy becomes memcpy, whose non-temporal stores no plain
 * loop makes), triad for axpy, a 3-read/1-write loop for fma.
 *
 * Comparisons are paired (bench/lib/paired.mjs): both sides run back to back,
 * alternating, and the median of the per-pair ratios is reported, so load
 * from other processes hits both sides alike. The C++ baseline and numpy run
 * as servers (one pass per request) for that reason.
 *
 *   node bench/fused.mjs [--n 5e7] [--small 1e6] [--pairs 9] [--kernels fma,axpy,...]
 *
 * Prints markdown tables with each target met or not.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as cp from '../dist/index.js';
import { emitJson, runJsonChild } from './lib/child.mjs';
import { fmtRatio, fmtTime, mdTable } from './lib/format.mjs';
import { LoadMonitor, machineInfo } from './lib/machine.mjs';
import { paired } from './lib/paired.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const N = Number(arg('n', 5e7));
const SMALL = Number(arg('small', 1e6));
const PAIRS = Number(arg('pairs', 9));
const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const S = 1.0000001;

/** kernel → [STREAM-class baseline with the same traffic, or null; corepool call; the JS loop a user would write]. */
const KERNELS = {
  fma: [
    'fma',
    (d) => cp.fma(d.a, d.b, d.c, { out: d.out }),
    (d) => {
      const { a, b, c, out } = d;
      for (let i = 0; i < out.length; i++) out[i] = a[i] * b[i] + c[i];
    },
  ],
  axpy: [
    'triad',
    (d) => cp.axpy(S, d.a, d.y),
    (d) => {
      const { a, y } = d;
      for (let i = 0; i < y.length; i++) y[i] = S * a[i] + y[i];
    },
  ],
  // The loops compute what the kernels do (clip and mod with numpy's NaN and sign rules), written plainly.
  clip: [
    'scale',
    (d) => cp.clip(d.a, -100, 100, { out: d.out }),
    (d) => {
      const { a, out } = d;
      for (let i = 0; i < out.length; i++) {
        const v = a[i];
        const t = v !== v ? v : v > -100 ? v : -100;
        out[i] = t !== t ? t : t < 100 ? t : 100;
      }
    },
  ],
  lerp: [
    null,
    (d) => cp.lerp(d.a, d.b, d.t, { out: d.out }),
    (d) => {
      const { a, b, t, out } = d;
      for (let i = 0; i < out.length; i++) out[i] = a[i] + t[i] * (b[i] - a[i]);
    },
  ],
  where: [
    null,
    (d) => cp.where(d.mask, d.a, d.b, { out: d.out }),
    (d) => {
      const { mask, a, b, out } = d;
      for (let i = 0; i < out.length; i++) out[i] = mask[i] !== 0 ? a[i] : b[i];
    },
  ],
  pow: [
    null,
    (d) => cp.pow(d.base, d.t, { out: d.out }),
    (d) => {
      const { base, t, out } = d;
      for (let i = 0; i < out.length; i++) out[i] = base[i] ** t[i];
    },
  ],
  mod: [
    null,
    (d) => cp.mod(d.a, d.b, { out: d.out }),
    (d) => {
      const { a, b, out } = d;
      for (let i = 0; i < out.length; i++) {
        const m = a[i] % b[i];
        out[i] = m !== 0 && m < 0 !== b[i] < 0 ? m + b[i] : m;
      }
    },
  ],
  atan2: [
    null,
    (d) => cp.atan2(d.a, d.b, { out: d.out }),
    (d) => {
      const { a, b, out } = d;
      for (let i = 0; i < out.length; i++) out[i] = Math.atan2(a[i], b[i]);
    },
  ],
  hypot: [
    null,
    (d) => cp.hypot(d.a, d.b, { out: d.out }),
    (d) => {
      const { a, b, out } = d;
      for (let i = 0; i < out.length; i++) out[i] = Math.hypot(a[i], b[i]);
    },
  ],
  astype: [
    null,
    (d) => cp.astype(d.a, 'int32', { out: d.ints }),
    (d) => {
      const { a, ints } = d;
      for (let i = 0; i < ints.length; i++) ints[i] = a[i];
    },
  ],
};
const NAMES = arg('kernels', Object.keys(KERNELS).join(',')).split(',');
const TARGETS = new Set(['fma', 'axpy', 'clip']);
/** Transcendental loops take seconds at 5e7; fewer pairs keep the run short. */
const pairsFor = (name) => (['pow', 'atan2', 'hypot', 'mod'].includes(name) ? Math.max(3, Math.ceil(PAIRS / 3)) : PAIRS);

/** Inputs as numpy's server builds them in spirit: a, b, c in [-1000, 1000), t in [0, 1), mask ~ t < 0.5. */
function inputs(n, shared) {
  const f64 = () => (shared ? new Float64Array(new SharedArrayBuffer(8 * n)) : new Float64Array(n));
  const d = { a: f64(), b: f64(), c: f64(), t: f64(), base: f64(), out: f64(), y: f64() };
  d.mask = shared ? new Uint8Array(new SharedArrayBuffer(n)) : new Uint8Array(n);
  d.ints = shared ? new Int32Array(new SharedArrayBuffer(4 * n)) : new Int32Array(n);
  let s = 0x9e3779b9;
  const u = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  for (let i = 0; i < n; i++) {
    d.a[i] = (u() - 0.5) * 2000;
    d.b[i] = (u() - 0.5) * 2000 || 1;
    d.c[i] = (u() - 0.5) * 2000;
    d.t[i] = u();
    d.base[i] = Math.abs(d.a[i]);
    d.mask[i] = d.t[i] < 0.5 ? 1 : 0;
  }
  return d;
}

/** A line-protocol server (C++ baseline or numpy): ask(command) resolves with { ns } for one pass. */
function startServer(command, argv) {
  const child = spawn(command, argv, { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const next = () => new Promise((resolve) => waiting.push(resolve));
  const ready = next().then((line) => {
    if (line !== 'ready') throw new Error(`${command} said '${line}'`);
  });
  return ready.then(() => ({
    ask: async (request) => {
      const answer = next();
      child.stdin.write(`${request}\n`);
      return { ns: Number(await answer) * 1e9 };
    },
    close: () => child.stdin.end('quit\n'),
  }));
}

async function baselineServer() {
  const dir = mkdtempSync(join(tmpdir(), 'corepool-bench-fused-'));
  const exe = join(dir, 'fused_stream');
  const src = here('./baseline/fused_stream.cc');
  const flags = ['-O3', '-std=c++17', '-pthread'];
  const built = [[...flags, '-march=native'], flags].some((f) => spawnSync('g++', [...f, src, '-o', exe]).status === 0);
  if (!built)
    return { skipped: 'g++ could not build bench/baseline/fused_stream.cc', close: () => rmSync(dir, { recursive: true, force: true }) };
  const server = await startServer(exe, ['--serve', String(N)]);
  return {
    ...server,
    close: () => {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function numpyServer() {
  if (spawnSync('python3', ['-c', 'import numpy']).status !== 0) return { skipped: 'numpy is not importable', close() {} };
  return startServer('python3', [here('./fused_numpy.py'), String(N)]);
}

/** The fallback rows: each kernel against the plain JS loop, paired, in this child. */
async function fallbackChild() {
  const rows = [];
  for (const n of [N, SMALL]) {
    for (const shared of [false, true]) {
      const d = inputs(n, shared);
      for (const name of NAMES) {
        const [, call, loop] = KERNELS[name];
        const r = await paired(
          () => loop(d),
          () => call(d),
          { pairs: n === N ? pairsFor(name) : 3 * PAIRS },
        );
        rows.push({ name, n, shared, fallbackNs: r.bMedianNs, jsNs: r.aMedianNs, ratio: r.ratio });
        process.stderr.write(`  fallback ${name} n=${n} ${shared ? 'shared' : 'ordinary'}: ${fmtRatio(r.ratio)} of the JS loop\n`);
      }
    }
  }
  emitJson({ backend: cp.backend, threads: cp.threads, rows });
}

const verdict = (ok) => (ok === undefined ? 'not measured' : ok ? 'met' : '**not met**');

async function nativeRows(baseline, numpy) {
  const d = inputs(N, false);
  const rows = [];
  for (const name of NAMES) {
    const [stream, call, loop] = KERNELS[name];
    const pairs = pairsFor(name);
    const row = { name, stream };
    if (stream !== null && baseline.ask)
      row.stream = {
        kind: stream,
        ...(await paired(
          () => baseline.ask(stream),
          () => call(d),
          { pairs },
        )),
      };
    if (numpy.ask) {
      row.numpyOut = await paired(
        () => numpy.ask(`${name} out`),
        () => call(d),
        { pairs },
      );
      row.numpyAlloc = await paired(
        () => numpy.ask(`${name} alloc`),
        () => call(d),
        { pairs: Math.max(3, Math.ceil(pairs / 2)) },
      );
    }
    row.js = await paired(
      () => loop(d),
      () => call(d),
      { pairs: Math.max(3, Math.ceil(pairs / 3)) },
    );
    row.nativeNs = row.js.bMedianNs;
    rows.push(row);
    process.stderr.write(`  native ${name}: ${fmtTime(row.nativeNs)}\n`);
  }
  return rows;
}

function report(native, fallback, machine, load, baseline, numpy) {
  const out = [];
  out.push(`## Fused, binary-math and cast kernels (bench/fused.mjs), ${N.toExponential(0)} float64`);
  out.push('');
  out.push(
    `${machine.cpuModel}, ${machine.nproc} cores, Node ${machine.node}; native threads: ${native.threads}; ` +
      `other processes used ${load.foreignCores.toFixed(2)} cores on average during the run. ` +
      `STREAM-class baseline: ${baseline.skipped ?? 'bench/baseline/fused_stream.cc, g++ -O3 -march=native, all cores'}; ` +
      `numpy: ${numpy.skipped ?? 'single-threaded, python3'}. Ratios are medians of paired runs.`,
  );
  out.push('');
  const targetRows = native.rows
    .filter((r) => TARGETS.has(r.name))
    .map((r) => {
      const s = r.stream?.ratio;
      const np = r.numpyOut?.ratio;
      return [
        `\`${r.name}\``,
        fmtTime(r.nativeNs),
        r.stream?.kind ?? '–',
        fmtTime(r.stream?.aMedianNs),
        fmtRatio(s),
        verdict(s === undefined ? undefined : s <= 1.2),
        fmtTime(r.numpyOut?.aMedianNs),
        fmtRatio(np),
        verdict(np === undefined ? undefined : np <= 1),
      ];
    });
  out.push(
    mdTable(
      [
        'kernel',
        'corepool native',
        'baseline loop',
        'baseline',
        'native ÷ baseline',
        'target ≤ 1.2×',
        'numpy out=',
        'native ÷ numpy out=',
        'target ≤ 1×',
      ],
      targetRows,
    ),
  );
  out.push('');
  const infoRows = native.rows.map((r) => [
    `\`${r.name}\``,
    fmtTime(r.nativeNs),
    fmtTime(r.numpyOut?.aMedianNs),
    fmtTime(r.numpyAlloc?.aMedianNs),
    fmtRatio(r.numpyOut?.ratio),
    fmtTime(r.js.aMedianNs),
    fmtRatio(r.js.aMedianNs / r.js.bMedianNs),
  ]);
  out.push(
    mdTable(
      ['kernel', 'corepool native', 'numpy out=', 'numpy allocating', 'native ÷ numpy out=', 'JS loop (1 thread)', 'speed-up over JS loop'],
      infoRows,
    ),
  );
  out.push('');
  const fbRows = fallback.rows.map((r) => [
    `\`${r.name}\``,
    r.n.toExponential(0),
    r.shared ? 'SharedArrayBuffer (workers)' : 'ordinary (sliced inline)',
    fmtTime(r.fallbackNs),
    fmtTime(r.jsNs),
    fmtRatio(r.ratio),
    verdict(r.ratio <= 1),
  ]);
  out.push(
    `Fallback backend (${fallback.threads} workers) against the plain JS loop in the same process; target: never slower (≤ 1×) from 1e6 elements.`,
  );
  out.push('');
  out.push(mdTable(['kernel', 'n', 'memory', 'fallback', 'JS loop', 'fallback ÷ JS loop', 'target ≤ 1×'], fbRows));
  return out.join('\n');
}

async function main() {
  if (args.includes('--child-fallback')) return fallbackChild();
  if (cp.backend !== 'native') throw new Error('bench/fused.mjs times the native backend; the fallback runs in its own child');
  const monitor = new LoadMonitor();
  const machine = machineInfo();
  const baseline = await baselineServer();
  const numpy = await numpyServer();
  let rows;
  try {
    rows = await nativeRows(baseline, numpy);
  } finally {
    baseline.close();
    numpy.close();
  }
  const fallback = await runJsonChild(process.execPath, [here('./fused.mjs'), '--child-fallback', ...args], {
    env: { COREPOOL_BACKEND: 'fallback' },
  });
  process.stdout.write(`${report({ rows, threads: cp.threads }, fallback, machine, monitor.stop(), baseline, numpy)}\n`);
}

await main();
