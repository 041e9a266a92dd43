/**
 * Times corepool's reductions (and, with --js, the plain JS loops) at every
 * size in lib/config.mjs, plus the per-call overhead on 1000 elements.
 *
 * Run as a child by run.mjs, once per backend, because the backend is fixed
 * per process:   COREPOOL_BACKEND=native node bench/reductions.mjs --js [--paired <read_bw>]
 * child_fallback.mjs reuses the functions here with shared-memory inputs.
 * Prints one JSON line on stdout.
 */
import * as cp from 'corepool';
import { sumSync } from 'corepool/sync';
import { pathToFileURL } from 'node:url';
import { emitJson, progress } from './lib/child.mjs';
import { KERNELS, LARGEST, OVERHEAD_N, SIZES, sampling } from './lib/config.mjs';
import { makeArray } from './lib/data.mjs';
import { fmtSize, fmtTime } from './lib/format.mjs';
import { JS_LOOPS, sum1, sum4 } from './lib/js_loops.mjs';
import { startBaselineServer } from './lib/baseline.mjs';
import { paired } from './lib/paired.mjs';
import { measure } from './lib/stats.mjs';

/** The two operands at full size; every size is a prefix view of them. */
export function makeInputs(shared) {
  return { a: makeArray(LARGEST, { shared, seed: 1 }), b: makeArray(LARGEST, { shared, seed: 2 }) };
}

/** One timed call of `kernel` through the Promise API. */
function corepoolCall(kernel, a, b) {
  if (kernel === 'dot') return () => cp.dot(a, b);
  return () => cp[kernel](a);
}

/** Median latency of cp.sum/dot/min at every size; impl labels the rows. */
export async function benchCorepool(impl, inputs) {
  const rows = [];
  for (const kernel of KERNELS) {
    for (const n of SIZES) {
      const a = inputs.a.subarray(0, n);
      const b = inputs.b.subarray(0, n);
      const stats = await measure(corepoolCall(kernel, a, b), { ...sampling(n), async: true });
      rows.push({ impl, kernel, n, ...stats });
      progress(`${impl} ${kernel} ${fmtSize(n)}: ${fmtTime(stats.medianNs)}`);
    }
  }
  return rows;
}

/** Median latency of the 1- and 4-accumulator JS loops at every size. */
export async function benchJsLoops(inputs) {
  const rows = [];
  for (const kernel of KERNELS) {
    for (const [k, fn] of JS_LOOPS[kernel].entries()) {
      const impl = k === 0 ? 'js-1acc' : 'js-4acc';
      for (const n of SIZES) {
        const a = inputs.a.subarray(0, n);
        const b = inputs.b.subarray(0, n);
        const stats = await measure(kernel === 'dot' ? () => fn(a, b) : () => fn(a), sampling(n));
        rows.push({ impl, kernel, n, ...stats });
        progress(`${impl} ${kernel} ${fmtSize(n)}: ${fmtTime(stats.medianNs)}`);
      }
    }
  }
  return rows;
}

/**
 * Per-call cost on OVERHEAD_N elements: each figure is the mean over a batch
 * of thousands of back-to-back calls, and the median of those batch means.
 * Overhead = corepool call − plain JS loop over the same elements.
 */
export async function benchOverhead() {
  const a = makeArray(OVERHEAD_N, { seed: 3 });
  const opts = { warmup: 2000, budgetMs: 600, minSamples: 21, minBatchNs: 2_000_000 };
  const js1 = await measure(() => sum1(a), opts);
  const js4 = await measure(() => sum4(a), opts);
  const asyncCall = await measure(() => cp.sum(a), { ...opts, async: true });
  const syncCall = await measure(() => sumSync(a), opts);
  const result = {
    n: OVERHEAD_N,
    js1Ns: js1.medianNs,
    js4Ns: js4.medianNs,
    asyncNs: asyncCall.medianNs,
    syncNs: syncCall.medianNs,
    calls: asyncCall.calls,
  };
  progress(
    `overhead ${cp.backend}: await cp.sum ${fmtTime(result.asyncNs)}, sumSync ${fmtTime(result.syncNs)}, JS loop ${fmtTime(result.js1Ns)}`,
  );
  return result;
}

/**
 * The bandwidth targets, paired: each native call at LARGEST elements runs
 * back to back with one pass of the C++ baseline (read_bw --serve at `exe`).
 * ratio = native time ÷ baseline time for the same pairing.
 */
async function benchPaired(exe, inputs) {
  const server = await startBaselineServer(exe, LARGEST);
  const read = async () => ({ ns: await server.read() });
  const cDot = async () => ({ ns: await server.dot() });
  const result = {
    sumVsRead: await paired(read, () => cp.sum(inputs.a), { pairs: 21 }),
    dotVsRead: await paired(read, () => cp.dot(inputs.a, inputs.b), { pairs: 21 }),
    dotVsCDot: await paired(cDot, () => cp.dot(inputs.a, inputs.b), { pairs: 11 }),
  };
  server.close();
  progress(
    `paired: sum ${(100 / result.sumVsRead.ratio).toFixed(0)}% of baseline read; dot ${result.dotVsRead.ratio.toFixed(2)}× one baseline read pass`,
  );
  return result;
}

async function main() {
  const withJs = process.argv.includes('--js');
  const pairedAt = process.argv.indexOf('--paired');
  const inputs = makeInputs(false);
  const result = {
    backend: cp.backend,
    threads: cp.threads,
    simd: cp.info().simd,
    info: cp.info(),
    rows: await benchCorepool(cp.backend, inputs),
    overhead: await benchOverhead(),
  };
  if (withJs) result.rows.push(...(await benchJsLoops(inputs)));
  if (pairedAt > 0) result.paired = await benchPaired(process.argv[pairedAt + 1], inputs);
  emitJson(result);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
