/**
 * Times array expressions and `vectorize` (issue 13) on 5e7 float64 against
 * numpy and numexpr in the same run, the STREAM-class limit, `dot`, and plain
 * single-threaded JS loops; then compile + run of a 10-node expression on
 * 1000 elements.
 *
 * numpy and numexpr run in one python process, bench/expr_numpy.py, under
 * Debian's /usr/bin/python3 (numexpr is Debian's python3-numexpr, built for
 * Debian's numpy; the python3 first on PATH may have neither). Without
 * numexpr the numexpr column is skipped with a note; without numpy there,
 * python3 on PATH serves numpy alone. The STREAM-class baseline is
 * bench/baseline/fused_stream.cc (g++ -O3 -march=native, all cores): its
 * 'fma' loop has the 3-read/1-write traffic of `2*a + 3*b*c`.
 *
 * Comparisons are paired (bench/lib/paired.mjs): both sides run back to
 * back, alternating, and the median of the per-pair ratios is reported, so
 * load from other processes hits both sides alike. The baseline and python
 * run as servers (one pass per request, each reporting its own time).
 *
 * The backend is the process's (COREPOOL_BACKEND); a corepool call that
 * fails (an engine not built in yet) is reported in its row, and the rest
 * runs. Rows of `vectorize` are skipped with a note when the dist has none.
 *
 *   node bench/expr.mjs [--n 5e7] [--pairs 9] [--shared]
 *
 * --shared puts corepool's inputs and outputs in SharedArrayBuffers (the
 * fallback backend's workers need them to split a call).
 * Prints markdown tables with each target met or not.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as cp from '../dist/index.js';
import * as cpSync from '../dist/sync.js';
import { fmtRatio, fmtSize, fmtTime, mdTable } from './lib/format.mjs';
import { LoadMonitor, machineInfo } from './lib/machine.mjs';
import { paired } from './lib/paired.mjs';
import { median, nowNs } from './lib/stats.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
};
const N = Number(arg('n', 5e7));
const PAIRS = Number(arg('pairs', 9));
const SHARED = args.includes('--shared');
const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const DEBIAN_PYTHON = '/usr/bin/python3';
/** Transcendental rows take seconds per pass at 5e7 on numpy's and the JS loop's side: fewer pairs. */
const heavyPairs = Math.max(3, Math.ceil(PAIRS / 3));

/**
 * The rows. `compare`: what each is paired with (stream: the C++ baseline;
 * numpy, numpy_out, numexpr: the python server; dot: cp.dot; js: the loop).
 * `targets`: [against, '≥' (speed-up: their time ÷ corepool's) or '≤'
 * (corepool's time ÷ theirs), bound].
 */
const ROWS = [
  {
    key: 'fma',
    kind: 'expr',
    expr: '2*a + 3*b*c',
    vars: ['a', 'b', 'c'],
    dest: 'out',
    ref: (a, b, c) => 2 * a + 3 * b * c,
    loop: ({ a, b, c, out }) => {
      for (let i = 0; i < out.length; i++) out[i] = 2 * a[i] + 3 * b[i] * c[i];
    },
    compare: ['stream', 'numpy', 'numpy_out', 'numexpr', 'js'],
    targets: [
      ['numpy', '≥', 1.5],
      ['numexpr', '≥', 1.0],
      ['stream', '≤', 1.2],
    ],
  },
  {
    key: 'trig',
    kind: 'expr',
    expr: 'sin(a)**2 + cos(b)**2',
    vars: ['a', 'b'],
    dest: 'out',
    heavy: true,
    ref: (a, b) => Math.sin(a) ** 2 + Math.cos(b) ** 2,
    loop: ({ a, b, out }) => {
      for (let i = 0; i < out.length; i++) out[i] = Math.sin(a[i]) ** 2 + Math.cos(b[i]) ** 2;
    },
    compare: ['numpy', 'numpy_out', 'numexpr', 'js'],
    targets: [
      ['numpy', '≥', 2.0],
      ['numexpr', '≥', 1.0],
    ],
  },
  {
    key: 'cmp',
    kind: 'expr',
    expr: 'a*b - 4.1*a > 2.5*b',
    vars: ['a', 'b'],
    dest: 'mask',
    ref: (a, b) => (a * b - 4.1 * a > 2.5 * b ? 1 : 0),
    loop: ({ a, b, mask }) => {
      for (let i = 0; i < mask.length; i++) mask[i] = a[i] * b[i] - 4.1 * a[i] > 2.5 * b[i] ? 1 : 0;
    },
    compare: ['numpy', 'numpy_out', 'numexpr', 'js'],
    targets: [['numexpr', '≥', 1.0]],
  },
  {
    key: 'dot',
    kind: 'reduce',
    expr: 'sum(a * b)',
    vars: ['a', 'b'],
    loop: ({ a, b }) => {
      let s = 0;
      for (let i = 0; i < a.length; i++) s += a[i] * b[i];
      return s;
    },
    compare: ['dot', 'numpy', 'numpy_out', 'numexpr', 'js'],
    targets: [['dot', '≤', 1.1]],
  },
  {
    key: 'hypot',
    kind: 'vectorize',
    fn: (x, y) => Math.sqrt(x * x + y * y),
    label: '`vectorize((x, y) => Math.sqrt(x*x + y*y))`',
    vars: ['a', 'b'],
    dest: 'out',
    ref: (x, y) => Math.sqrt(x * x + y * y),
    loop: ({ a, b, out }) => {
      for (let i = 0; i < out.length; i++) out[i] = Math.sqrt(a[i] * a[i] + b[i] * b[i]);
    },
    compare: ['js', 'numpy', 'numexpr'],
    targets: [['js', '≥', 1.8]],
  },
  {
    key: 'heavy',
    kind: 'vectorize',
    fn: (x, y) => Math.exp(-0.5 * x * x) * Math.sin(3 * y) + Math.cos(x * y),
    label: '`vectorize((x, y) => Math.exp(-0.5*x*x) * Math.sin(3*y) + Math.cos(x*y))`',
    vars: ['a', 'b'],
    dest: 'out',
    heavy: true,
    ref: (x, y) => Math.exp(-0.5 * x * x) * Math.sin(3 * y) + Math.cos(x * y),
    loop: ({ a, b, out }) => {
      for (let i = 0; i < out.length; i++) out[i] = Math.exp(-0.5 * a[i] * a[i]) * Math.sin(3 * b[i]) + Math.cos(a[i] * b[i]);
    },
    compare: ['js', 'numpy', 'numexpr'],
    targets: [['js', '≥', 5.0]],
  },
];

/** The 10-node expression of the compile + run row (abs, 4 operators, 5 leaves); `k` varies its constant. */
const microExpr = (k) => `abs(a*b + c) * (a - ${k}.5)`;
const MICRO_N = 1000;

/** a, b, c uniform in [-2, 2), as bench/expr_numpy.py draws its own. */
function inputs(n, shared) {
  const f64 = () => (shared ? new Float64Array(new SharedArrayBuffer(8 * n)) : new Float64Array(n));
  const d = { a: f64(), b: f64(), c: f64(), out: f64() };
  d.mask = shared ? new Uint8Array(new SharedArrayBuffer(n)) : new Uint8Array(n);
  let s = 0x9e3779b9;
  const u = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  for (let i = 0; i < n; i++) {
    d.a[i] = (u() - 0.5) * 4;
    d.b[i] = (u() - 0.5) * 4;
    d.c[i] = (u() - 0.5) * 4;
  }
  return d;
}

/**
 * A line-protocol server: `infoLine` reads one JSON line before "ready".
 * ask(request) resolves with { ns } for one pass (NaN when it has no such pass).
 */
function startServer(command, argv, { infoLine = false } = {}) {
  const child = spawn(command, argv, { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  const early = []; // lines that came before anyone asked (the info line and "ready" can arrive in one chunk)
  lines.on('line', (line) => (waiting.length > 0 ? waiting.shift()(line) : early.push(line)));
  const next = () => (early.length > 0 ? Promise.resolve(early.shift()) : new Promise((resolve) => waiting.push(resolve)));
  const exited = new Promise((resolve) => child.on('close', (code) => resolve(`${command} exited with ${code}`)));
  const ready = (async () => {
    const info = infoLine ? JSON.parse(await next()) : {};
    const line = await next();
    if (line !== 'ready') throw new Error(`${command} said '${line}'`);
    return info;
  })();
  return Promise.race([ready, exited.then((why) => Promise.reject(new Error(why)))]).then((info) => ({
    info,
    ask: async (request) => {
      const answer = next();
      child.stdin.write(`${request}\n`);
      return { ns: Number(await answer) * 1e9 };
    },
    close: () => child.stdin.end('quit\n'),
  }));
}

async function baselineServer() {
  const dir = mkdtempSync(join(tmpdir(), 'corepool-bench-expr-'));
  const exe = join(dir, 'fused_stream');
  const src = here('./baseline/fused_stream.cc');
  const flags = ['-O3', '-std=c++17', '-pthread'];
  const clean = () => rmSync(dir, { recursive: true, force: true });
  const built = [[...flags, '-march=native'], flags].some((f) => spawnSync('g++', [...f, src, '-o', exe]).status === 0);
  if (!built) {
    clean();
    return { skipped: 'g++ could not build bench/baseline/fused_stream.cc', close() {} };
  }
  const server = await startServer(exe, ['--serve', String(N)]);
  return {
    ...server,
    close: () => {
      server.close();
      clean();
    },
  };
}

/** numpy + numexpr under Debian's python3; numpy alone under python3 on PATH when Debian's has no numpy. */
async function pythonServer() {
  const importable = (python, module) => spawnSync(python, ['-c', `import ${module}`]).status === 0;
  let python;
  if (importable(DEBIAN_PYTHON, 'numpy')) python = DEBIAN_PYTHON;
  else if (importable('python3', 'numpy')) python = 'python3';
  else
    return { skipped: 'numpy is importable by neither /usr/bin/python3 nor python3', numexprSkipped: 'no python with numpy', close() {} };
  const server = await startServer(python, [here('./expr_numpy.py'), String(N)], { infoLine: true });
  const { info } = server;
  const numexprSkipped =
    info.numexpr === null
      ? `numexpr is not importable by ${info.executable} (${info.numexprMissing}); \`apt-get install python3-numexpr\` installs Debian's, for /usr/bin/python3`
      : undefined;
  return { ...server, numexprSkipped };
}

/** Median time of `fn` alone (own { ns } or wall), for comparators whose corepool side failed. */
async function alone(fn, reps) {
  const times = [];
  for (let i = 0; i < reps + 1; i++) {
    const t0 = nowNs();
    const own = await fn();
    const ns = typeof own === 'object' && own !== null && 'ns' in own ? own.ns : nowNs() - t0;
    if (i > 0) times.push(ns);
  }
  return median(times);
}

const firstLine = (error) => String(error?.message ?? error).split('\n')[0];

/** The corepool forms of a row, the primary (the target's) first: [name, call]. */
function corepoolForms(row, d) {
  const vars = Object.fromEntries(row.vars.map((v) => [v, d[v]]));
  if (row.kind === 'expr') {
    const out = d[row.dest];
    const f = cp.compile(row.expr);
    return [
      ['evaluate out=', () => cp.evaluate(row.expr, vars, { out })],
      ['evaluate allocating', () => cp.evaluate(row.expr, vars)],
      ['compile reused, out=', () => f.run(vars, { out })],
    ];
  }
  if (row.kind === 'reduce') {
    const f = cp.compile(row.expr);
    return [
      ['evaluate', () => cp.evaluate(row.expr, vars)],
      ['compile reused', () => f.run(vars)],
    ];
  }
  const vf = cp.vectorize(row.fn);
  row.engine = vf.engine;
  const out = d[row.dest];
  const operands = row.vars.map((v) => d[v]);
  return [
    ['vectorized out=', () => vf(...operands, { out })],
    ['vectorized allocating', () => vf(...operands)],
  ];
}

/** Compares a run's result with the row's plain JS on a sample; a message when they differ. */
function verify(row, d, result) {
  if (row.kind === 'reduce') {
    const want = row.loop(d);
    let scale = 0; // rounding of a sum grows with the sum of magnitudes, not with the (cancelling) sum
    for (let i = 0; i < N; i++) scale += Math.abs(d.a[i] * d.b[i]);
    return Math.abs(result - want) <= 1e-7 * Math.max(1, scale) ? undefined : `sum ${result}, JS loop ${want}`;
  }
  const got = d[row.dest];
  const step = Math.max(1, Math.floor(N / 4096));
  let bad = 0;
  for (let i = 0; i < N; i += i < 1000 ? 1 : step) {
    const want = row.ref(d.a[i], d.b[i], d.c[i]);
    if (!(Math.abs(got[i] - want) <= 1e-9 * Math.max(1, Math.abs(want)))) bad++;
  }
  return bad === 0 ? undefined : `${bad} sampled elements differ from the JS`;
}

/** Each row: the corepool forms, then each comparator paired with the primary form. */
async function measureRows(baseline, python) {
  const d = inputs(N, SHARED);
  const other = (row, name) => {
    if (name === 'stream') return baseline.ask && (() => baseline.ask('fma'));
    if (name === 'dot') return () => cp.dot(d.a, d.b);
    if (name === 'js') return () => row.loop(d);
    if (!python.ask || (name === 'numexpr' && python.numexprSkipped)) return undefined;
    return () => python.ask(`${row.key} ${name}`);
  };
  const results = [];
  for (const row of ROWS) {
    const pairs = row.heavy ? heavyPairs : PAIRS;
    const warmup = row.heavy ? 1 : 2;
    const r = { row, pairs, compared: {}, forms: [] };
    results.push(r);
    if (row.kind === 'vectorize' && typeof cp.vectorize !== 'function') {
      r.skipped = 'cp.vectorize is not in this dist (not merged yet)';
    }
    let forms = [];
    if (r.skipped === undefined) {
      try {
        forms = corepoolForms(row, d);
        const result = await forms[0][1]();
        r.mismatch = verify(row, d, result);
        if (r.mismatch) process.stderr.write(`  ${row.key}: result differs: ${r.mismatch}\n`);
      } catch (error) {
        r.failed = firstLine(error);
        process.stderr.write(`  ${row.key}: corepool failed: ${r.failed}\n`);
      }
    }
    const corepool = r.skipped === undefined && r.failed === undefined ? forms[0][1] : undefined;
    for (const name of row.compare) {
      const fn = other(row, name);
      if (fn === undefined) continue;
      try {
        if (corepool === undefined) {
          r.compared[name] = { otherNs: await alone(fn, Math.min(pairs, 3)) };
        } else {
          const p = await paired(fn, corepool, { pairs, warmup });
          r.compared[name] = { otherNs: p.aMedianNs, corepoolNs: p.bMedianNs, timeRatio: p.ratio };
        }
      } catch (error) {
        r.compared[name] = { failed: firstLine(error) };
      }
    }
    if (corepool !== undefined) {
      for (const [name, call] of forms) {
        if (call === corepool) continue;
        try {
          const p = await paired(corepool, call, { pairs: Math.max(3, Math.ceil(pairs / 2)), warmup: 1 });
          r.forms.push({ name, ns: p.bMedianNs, ratio: p.ratio });
        } catch (error) {
          r.forms.push({ name, failed: firstLine(error) });
        }
      }
      const times = Object.values(r.compared)
        .map((c) => c.corepoolNs)
        .filter((t) => t !== undefined);
      r.primaryNs = times.length > 0 ? median(times) : await alone(corepool, 3);
      r.forms.unshift({ name: forms[0][0], ns: r.primaryNs });
    }
    process.stderr.write(`  ${row.key}: ${r.skipped ?? r.failed ?? fmtTime(r.primaryNs)}\n`);
  }
  return results;
}

/** Median over `rounds` of the mean time per call of `batch` calls of `step(i)` (i counts across rounds). */
async function perCall(step, { rounds = 9, batch }) {
  const means = [];
  let i = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = nowNs();
    for (let k = 0; k < batch; k++) await step(i++);
    means.push((nowNs() - t0) / batch);
  }
  return median(means);
}

function perCallSync(step, { rounds = 9, batch }) {
  const means = [];
  let i = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = nowNs();
    for (let k = 0; k < batch; k++) step(i++);
    means.push((nowNs() - t0) / batch);
  }
  return median(means);
}

/** Compile + run of the 10-node expression on 1000 elements: first time and reused, sync and async. */
async function measureMicro(python) {
  const d = inputs(MICRO_N, false);
  const vars = { a: d.a, b: d.b, c: d.c };
  const out = d.out;
  const m = {};
  let fresh = 1000; // every first-time call gets a string never seen before (the parse cache keys on it)
  const texts = (count) => Array.from({ length: count }, () => microExpr(fresh++));
  const attempt = async (key, fn) => {
    try {
      m[key] = await fn();
    } catch (error) {
      m[key] = { failed: firstLine(error) };
    }
  };
  const rounds = 9;
  const firstBatch = 200;
  await attempt('firstSync', () => {
    const all = texts(rounds * firstBatch + 50);
    for (let i = 0; i < 50; i++) cp.compile(all[rounds * firstBatch + i]).runSync(vars, { out }); // warm the JIT
    return perCallSync((i) => cp.compile(all[i]).runSync(vars, { out }), { rounds, batch: firstBatch });
  });
  await attempt('firstAsync', async () => {
    const all = texts(rounds * firstBatch + 50);
    for (let i = 0; i < 50; i++) await cp.compile(all[rounds * firstBatch + i]).run(vars, { out });
    return perCall((i) => cp.compile(all[i]).run(vars, { out }), { rounds, batch: firstBatch });
  });
  const f = cp.compile(microExpr(2));
  await attempt('reusedSync', () => {
    for (let i = 0; i < 500; i++) f.runSync(vars, { out });
    return perCallSync(() => f.runSync(vars, { out }), { rounds, batch: 5000 });
  });
  await attempt('reusedAsync', async () => {
    for (let i = 0; i < 500; i++) await f.run(vars, { out });
    return perCall(() => f.run(vars, { out }), { rounds, batch: 2000 });
  });
  const text = microExpr(2);
  await attempt('evaluateSync', () => {
    for (let i = 0; i < 500; i++) cpSync.evaluateSync(text, vars, { out });
    return perCallSync(() => cpSync.evaluateSync(text, vars, { out }), { rounds, batch: 5000 });
  });
  await attempt('evaluateAsync', async () => {
    for (let i = 0; i < 500; i++) await cp.evaluate(text, vars, { out });
    return perCall(() => cp.evaluate(text, vars, { out }), { rounds, batch: 2000 });
  });
  if (python.ask && !python.numexprSkipped) {
    const ask = async (form) => {
      const times = [];
      for (let r = 0; r < 5; r++) times.push((await python.ask(`micro ${form}`)).ns);
      return median(times);
    };
    m.numexprFirst = await ask('first');
    m.numexprReused = await ask('reused');
  }
  process.stderr.write(`  micro: ${JSON.stringify(m)}\n`);
  return m;
}

const verdict = (ok) => (ok === undefined ? 'not measured' : ok ? 'met' : '**not met**');
const labelOf = (row) => row.label ?? `\`${row.expr}\``;
const AGAINST = {
  stream: 'STREAM-class loop (C++, all cores)',
  numpy: 'numpy (with its temporaries)',
  numpy_out: 'numpy out=',
  numexpr: 'numexpr',
  dot: '`cp.dot(a, b)`',
  js: 'plain JS loop (1 thread)',
};

function commandLine() {
  const env = process.env.COREPOOL_BACKEND ? `COREPOOL_BACKEND=${process.env.COREPOOL_BACKEND} ` : '';
  const threads = process.env.COREPOOL_THREADS ? `COREPOOL_THREADS=${process.env.COREPOOL_THREADS} ` : '';
  return `${env}${threads}node bench/expr.mjs${args.length > 0 ? ` ${args.join(' ')}` : ''}`;
}

function report(results, micro, machine, load, baseline, python) {
  const out = [];
  out.push(`## Array expressions and vectorize (bench/expr.mjs), ${fmtSize(N)} float64`);
  out.push('');
  out.push(`Command: \`${commandLine()}\``);
  out.push('');
  const pyInfo = python.info;
  const numpyText =
    python.skipped ??
    `numpy ${pyInfo.numpy} under ${pyInfo.executable} (python ${pyInfo.python}), single-threaded except \`np.dot\` (BLAS)`;
  const numexprText = python.numexprSkipped ?? `numexpr ${pyInfo.numexpr}, ${pyInfo.numexprThreads} threads, in the same process and numpy`;
  out.push(
    `${machine.cpuModel}, ${machine.nproc} cores, Node ${machine.node}; corepool backend: ${cp.backend}, ${cp.threads} threads; ` +
      `${SHARED ? 'SharedArrayBuffer' : 'ordinary'} memory; other processes used ${load.foreignCores.toFixed(2)} cores on average during the run. ` +
      `${numpyText}; ${numexprText}. ` +
      `STREAM-class baseline: ${baseline.skipped ?? 'bench/baseline/fused_stream.cc `fma` (3 reads, 1 write), g++ -O3 -march=native, all cores'}. ` +
      `Inputs uniform in [-2, 2). Ratios are medians of paired runs (${PAIRS} pairs, ${heavyPairs} for the transcendental rows).`,
  );
  if (cp.backend !== 'native') {
    out.push('', `_The targets are the native backend's; on the ${cp.backend} backend the verdicts below are for information._`);
  }
  const vectorizeSkipped = results.find((r) => r.row.kind === 'vectorize' && r.skipped !== undefined);
  if (vectorizeSkipped) out.push('', `_vectorize rows skipped: ${vectorizeSkipped.skipped}._`);
  for (const r of results.filter((x) => x.failed !== undefined)) {
    out.push('', `_${labelOf(r.row)}: corepool failed on the ${cp.backend} backend: ${r.failed}_`);
  }
  for (const r of results.filter((x) => x.mismatch !== undefined)) {
    out.push('', `_${labelOf(r.row)}: **result differs from the JS**: ${r.mismatch}_`);
  }
  out.push('');
  out.push('Targets. Speed-up: their time ÷ corepool’s (≥ targets); time ratio: corepool’s time ÷ theirs (≤ targets).');
  out.push('');
  const targetRows = [];
  for (const r of results) {
    for (const [against, op, bound] of r.row.targets) {
      const c = r.compared[against];
      let measured;
      let ok;
      if (c?.timeRatio !== undefined) {
        measured = op === '≥' ? 1 / c.timeRatio : c.timeRatio;
        ok = op === '≥' ? measured >= bound : measured <= bound;
      }
      const why =
        r.skipped ??
        r.failed ??
        c?.failed ??
        (c === undefined
          ? against === 'numexpr'
            ? python.numexprSkipped
            : against === 'stream'
              ? baseline.skipped
              : python.skipped
          : undefined);
      targetRows.push([
        labelOf(r.row),
        r.forms[0]?.name ?? '–',
        fmtTime(r.primaryNs),
        AGAINST[against],
        fmtTime(c?.otherNs),
        `${op === '≥' ? 'speed-up' : 'time ratio'} ${fmtRatio(measured)}`,
        `${op} ${bound.toFixed(1)}×`,
        why !== undefined && measured === undefined ? 'not measured' : verdict(ok),
      ]);
    }
  }
  out.push(mdTable(['expression', 'corepool form', 'corepool', 'against', 'their time', 'measured', 'target', 'verdict'], targetRows));
  out.push('');
  const formTime = (r, i) => (r.forms[i]?.failed ? 'failed' : fmtTime(r.forms[i]?.ns));
  const cmpTime = (r, name) => (r.compared[name]?.failed ? 'failed' : fmtTime(r.compared[name]?.otherNs));
  const infoRows = results.map((r) => [
    labelOf(r.row) + (r.row.engine && r.row.engine !== 'expression' ? ` (engine: ${r.row.engine})` : ''),
    formTime(r, 0),
    r.row.kind === 'reduce' ? '–' : formTime(r, 1),
    r.row.kind === 'expr' ? formTime(r, 2) : r.row.kind === 'reduce' ? formTime(r, 1) : '–',
    cmpTime(r, 'numpy'),
    cmpTime(r, 'numpy_out'),
    cmpTime(r, 'numexpr'),
    r.row.kind === 'reduce' ? cmpTime(r, 'dot') : cmpTime(r, 'stream'),
    cmpTime(r, 'js'),
  ]);
  out.push(
    'All timings (medians). corepool out=: `evaluate(expr, vars, { out })` or `vectorized(a, b, { out })`; reused: one `compile(expr)`, `await f.run(...)`. ' +
      'numpy out=: the same chain with out= and one scratch array (for `sum(a * b)`: `np.dot`). Last-but-one column: the STREAM loop, or `cp.dot` for the reduction.',
  );
  out.push('');
  out.push(
    mdTable(
      ['expression', 'corepool out=', 'corepool allocating', 'compile reused', 'numpy', 'numpy out=', 'numexpr', 'STREAM / dot', 'JS loop'],
      infoRows,
    ),
  );
  out.push('');
  const us = (v) => (typeof v === 'number' ? `${(v / 1e3).toFixed(2)} µs` : v?.failed ? `failed: ${v.failed}` : '–');
  const meets = (v, bound) => (typeof v === 'number' ? verdict(v <= bound * 1e3) : 'not measured');
  out.push(
    `Compile and run of a 10-node expression (\`${microExpr(2)}\`, a fresh constant each first-time call) on ${MICRO_N} float64 with ` +
      `\`{ out }\`, ${cp.backend} backend: mean per call in batches, median of 9 batches. numexpr: \`numexpr.evaluate(expr, out=out)\`, ` +
      `a fresh string per call for the first time.`,
  );
  out.push('');
  out.push(
    mdTable(
      ['form', 'target', '`compile(s).runSync` / `f.runSync`', 'verdict', '`await compile(s).run` / `await f.run`', 'verdict', 'numexpr'],
      [
        [
          'first time: compile a new string, run',
          '≤ 20 µs',
          us(micro.firstSync),
          meets(micro.firstSync, 20),
          us(micro.firstAsync),
          meets(micro.firstAsync, 20),
          us(micro.numexprFirst),
        ],
        [
          '`compile` reused',
          '≤ 3 µs',
          us(micro.reusedSync),
          meets(micro.reusedSync, 3),
          us(micro.reusedAsync),
          meets(micro.reusedAsync, 3),
          us(micro.numexprReused),
        ],
        ['`evaluateSync` / `evaluate`, same string each call', '–', us(micro.evaluateSync), '', us(micro.evaluateAsync), '', '–'],
      ],
    ),
  );
  return out.join('\n');
}

async function main() {
  const monitor = new LoadMonitor();
  const machine = machineInfo();
  const baseline = await baselineServer();
  let python;
  try {
    python = await pythonServer();
  } catch (error) {
    python = { skipped: `the python server failed: ${firstLine(error)}`, numexprSkipped: 'the python server failed', close() {} };
  }
  let results;
  let micro;
  try {
    results = await measureRows(baseline, python);
    micro = await measureMicro(python);
  } finally {
    baseline.close();
    python.close();
  }
  process.stdout.write(`${report(results, micro, machine, monitor.stop(), baseline, python)}\n`);
}

await main();
