/**
 * Thread scaling: the same kernels with COREPOOL_THREADS = 1 … nproc, each
 * thread count in its own child process (the pool size is fixed when the
 * backend loads), on the native backend and on the fallback (workers reading
 * SharedArrayBuffer inputs in place). sum streams memory, so it stops scaling
 * once the memory bus is full; exp is compute-bound, so it shows how much
 * the extra threads can give at all.
 *
 *   node bench/scaling.mjs [--max-threads N]     (prints a markdown table)
 *   run.mjs calls benchScaling() and keeps the figures for the report.
 *
 * As a child (--child) it times the kernels once and prints one JSON line.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { emitJson, progress, runJsonChild } from './lib/child.mjs';
import { makeArray } from './lib/data.mjs';
import { fmtRatio, fmtTime, mdTable } from './lib/format.mjs';
import { measure } from './lib/stats.mjs';

/** Elements per call: large enough that the split across threads dominates the call overhead. */
export const SCALING_N = 1e7;
export const SCALING_KERNELS = ['sum', 'exp'];
const BACKENDS = ['native', 'fallback'];

/** One child: each kernel at SCALING_N on whatever backend and thread count the env chose. */
async function child() {
  const cp = await import('corepool');
  // Shared memory so the fallback's workers read in place instead of running inline.
  const x = makeArray(SCALING_N, { shared: true, seed: 5 });
  const out = new Float64Array(new SharedArrayBuffer(8 * SCALING_N));
  const calls = {
    sum: () => cp.sum(x),
    exp: async () => (await cp.exp(x, { out })).length,
  };
  const rows = [];
  for (const kernel of SCALING_KERNELS) {
    const stats = await measure(calls[kernel], { warmup: 2, budgetMs: 400, minSamples: 7, maxSamples: 40, minBatchNs: 0, async: true });
    rows.push({ kernel, n: SCALING_N, ...stats });
    progress(`${cp.backend} ${cp.threads} thread(s) ${kernel}: ${fmtTime(stats.medianNs)}`);
  }
  emitJson({ backend: cp.backend, threads: cp.threads, rows });
}

/**
 * Runs the children for 1 … maxThreads threads on both backends; returns
 * { n, maxThreads, runs: [{ backend, threads, kernel, medianNs, ... }] }.
 */
export async function benchScaling(maxThreads = availableParallelism()) {
  const script = fileURLToPath(import.meta.url);
  const runs = [];
  for (const backend of BACKENDS) {
    for (let threads = 1; threads <= maxThreads; threads++) {
      const env = { COREPOOL_BACKEND: backend, COREPOOL_THREADS: String(threads) };
      const result = await runJsonChild(process.execPath, [script, '--child'], { env });
      for (const row of result.rows) runs.push({ backend: result.backend, threads: result.threads, ...row });
    }
  }
  return { n: SCALING_N, maxThreads, runs };
}

/** Markdown: median time per thread count and the speed-up over one thread. */
export function renderScaling(scaling) {
  const rows = scaling.runs.map((r) => {
    const one = scaling.runs.find((o) => o.backend === r.backend && o.kernel === r.kernel && o.threads === 1);
    return [r.backend, r.kernel, String(r.threads), fmtTime(r.medianNs), fmtRatio(one && one.medianNs / r.medianNs)];
  });
  return mdTable(['backend', 'kernel', 'threads', 'median', 'speed-up vs 1 thread'], rows, ['l', 'l', 'r', 'r', 'r']);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--child')) await child();
  else {
    const at = process.argv.indexOf('--max-threads');
    const scaling = await benchScaling(at > 0 ? Number(process.argv[at + 1]) : undefined);
    console.log(renderScaling(scaling));
  }
}
