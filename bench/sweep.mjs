/**
 * One kernel per family (lib/sweep_cases.mjs) across sizes, side by side:
 * corepool native, a plain JS loop, corepool's fallback backend (2 workers,
 * SharedArrayBuffer inputs so the workers read in place) and numpy. The
 * report charts native's speed-up over each of the others against size.
 *
 *   node bench/sweep.mjs     (prints a markdown table; run.mjs keeps the figures)
 *
 * As a child (--child [--js]) it times the backend the environment chose
 * (plus the JS loops with --js) and prints one JSON line.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { emitJson, progress, runJsonChild } from './lib/child.mjs';
import { sampling } from './lib/config.mjs';
import { makeArray } from './lib/data.mjs';
import { fmtRatio, fmtSize, fmtTime, mdTable } from './lib/format.mjs';
import { measure } from './lib/stats.mjs';
import { SWEEP_CASES, callWork } from './lib/sweep_cases.mjs';

/** JS loops a user would write; each returns a number so the timer can keep it observable. */
const JS = {
  add: (a, b, out) => {
    for (let i = 0; i < a.length; i++) out[i] = a[i] + b[i];
    return out[0];
  },
  exp: (a, _b, out) => {
    for (let i = 0; i < a.length; i++) out[i] = Math.exp(a[i]);
    return out[0];
  },
  sort: (a, _b, out) => {
    out.set(a);
    out.sort();
    return out[0];
  },
  /** i-k-j order: the inner loop walks rows of b and out contiguously. */
  matmul: (a, b, out, n) => {
    out.fill(0);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++) {
        const aik = a[i * n + k];
        for (let j = 0; j < n; j++) out[i * n + j] += aik * b[k * n + j];
      }
    }
    return out[0];
  },
};

/** The corepool call for a case, writing into `out` like the JS loop and numpy do. */
function corepoolCall(cp, kernel, a, b, out, n) {
  if (kernel === 'add') return async () => (await cp.add(a, b, { out }))[0];
  if (kernel === 'exp') return async () => (await cp.exp(a, { out }))[0];
  if (kernel === 'sort') return async () => (await cp.sort(a, { out }))[0];
  return async () => (await cp.matmul(a, b, { m: n, k: n, n, out }))[0];
}

/** Inputs for one case and size: length size, or size × size for matmul. */
function inputs(kernel, size, shared) {
  const length = kernel === 'matmul' ? size * size : size;
  const out = makeArray(length, { shared, seed: 9 });
  return { a: makeArray(length, { shared, seed: 7 }), b: makeArray(length, { shared, seed: 8 }), out };
}

async function child() {
  const cp = await import('corepool');
  const withJs = process.argv.includes('--js');
  const rows = [];
  for (const { family, kernel, sizes } of SWEEP_CASES) {
    for (const size of sizes) {
      const { a, b, out } = inputs(kernel, size, cp.backend === 'fallback');
      const opts = sampling(callWork(kernel, size));
      const timed = [[cp.backend, corepoolCall(cp, kernel, a, b, out, size), true]];
      if (withJs) timed.push(['js', () => JS[kernel](a, b, out, size), false]);
      for (const [impl, fn, async] of timed) {
        const stats = await measure(fn, { ...opts, async });
        rows.push({ impl, family, kernel, size, ...stats });
        progress(`${impl} ${kernel} ${fmtSize(size)}: ${fmtTime(stats.medianNs)}`);
      }
    }
  }
  emitJson({ backend: cp.backend, threads: cp.threads, rows });
}

/** numpy's rows, or { skipped: reason } when python3 or numpy is missing. */
async function numpyRows() {
  const probe = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) return { skipped: 'numpy is not importable by python3', rows: [] };
  const script = fileURLToPath(new URL('./lib/sweep_numpy.py', import.meta.url));
  try {
    return await runJsonChild('python3', [script, JSON.stringify(SWEEP_CASES)]);
  } catch (error) {
    return { skipped: `numpy sweep failed: ${error.message}`, rows: [] };
  }
}

/** Every case on the native backend with JS loops, on the fallback (2 workers), and in numpy. */
export async function benchSweep() {
  const script = fileURLToPath(import.meta.url);
  const native = await runJsonChild(process.execPath, [script, '--child', '--js'], { env: { COREPOOL_BACKEND: 'native' } });
  const fallback = await runJsonChild(process.execPath, [script, '--child'], {
    env: { COREPOOL_BACKEND: 'fallback', COREPOOL_THREADS: '2' },
  });
  const numpy = await numpyRows();
  return {
    cases: SWEEP_CASES,
    threads: { native: native.threads, fallback: fallback.threads },
    numpy: numpy.skipped ?? numpy.version,
    rows: [...native.rows, ...fallback.rows, ...numpy.rows],
  };
}

/** Markdown: each case and size, the medians and native's speed-up over the others. */
export function renderSweep(sweep) {
  const body = [];
  for (const { kernel, sizes } of sweep.cases) {
    for (const size of sizes) {
      const at = (impl) => sweep.rows.find((r) => r.impl === impl && r.kernel === kernel && r.size === size)?.medianNs;
      const native = at('native');
      const ratio = (impl) => fmtRatio(at(impl) && native && at(impl) / native);
      body.push([
        kernel,
        fmtSize(size),
        ...['native', 'js', 'fallback', 'numpy'].map((i) => (at(i) ? fmtTime(at(i)) : '–')),
        ratio('js'),
        ratio('fallback'),
        ratio('numpy'),
      ]);
    }
  }
  return mdTable(
    ['kernel', 'size', 'native', 'JS loop', 'fallback (2 workers)', 'numpy', 'native vs JS', 'native vs fallback', 'native vs numpy'],
    body,
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--child')) await child();
  else console.log(renderSweep(await benchSweep()));
}
