/**
 * Measurements behind the constants in src/backend/thresholds.ts.
 *
 *   node bench/inline_threshold.mjs            both parts, Markdown on stdout
 *   node bench/inline_threshold.mjs --part native|fallback   one part, JSON
 *
 * native:   sumSync (calling thread + pool, blocking) versus the raw async
 *           path (binding.reduce_async, which the public API only takes above
 *           INLINE_MAX_ELEMENTS), for 2^12 … 2^20 elements.
 * fallback: (1) shared inputs, inline versus the 2 workers, 2^12 … 2^22;
 *           (2) ordinary buffers of 1e7 and 5e7, the sliced inline path versus
 *           copying into a SharedArrayBuffer and using the workers.
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { emitJson, progress, runJsonChild } from './lib/child.mjs';
import { makeArray, toShared } from './lib/data.mjs';
import { fmtTime } from './lib/format.mjs';
import { sum4 } from './lib/js_loops.mjs';
import { RawWorkers } from './lib/raw_workers.mjs';
import { interleaved, measure, median, nowNs } from './lib/stats.mjs';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const SELF = fileURLToPath(import.meta.url);
let sumSync; // from 'corepool/sync', loaded with the backend in main()
const SUM = 0; // kernel id of sum in native/kernels/registry.def
const pow2 = (lo, hi) => Array.from({ length: hi - lo + 1 }, (_, i) => 2 ** (lo + i));
export const NATIVE_SIZES = pow2(12, 20);
export const SHARED_SIZES = pow2(12, 22);
export const ORDINARY_SIZES = [1e7, 5e7];

/** Rounds of interleaved batches; each batch lasts at least minBatchNs. */
function opts(n) {
  return n <= 65536 ? { warmup: 200, rounds: 21, minBatchNs: 300_000 } : { warmup: 10, rounds: 21, minBatchNs: 1_000_000 };
}

/**
 * How long reduce_async keeps the JS thread busy before returning its Promise
 * (the event loop is free after that). Each call is awaited before the next,
 * so no backlog builds up on the pool and skews later sizes.
 */
async function queueCost(binding, a, calls = 201) {
  const times = [];
  for (let k = 0; k < calls; k++) {
    const t0 = nowNs();
    const pending = binding.reduce_async(SUM, a);
    times.push(nowNs() - t0);
    await pending;
  }
  return median(times);
}

async function nativePart(cp) {
  const binding = createRequire(import.meta.url)('node-gyp-build')(REPO_ROOT);
  const big = makeArray(NATIVE_SIZES.at(-1));
  const rows = [];
  for (const n of NATIVE_SIZES) {
    const a = big.subarray(0, n);
    const t = await interleaved(
      {
        sync: { fn: () => sumSync(a) },
        async: { fn: () => binding.reduce_async(SUM, a), async: true },
        pub: { fn: () => cp.sum(a), async: true },
        js4: { fn: () => sum4(a) },
      },
      opts(n),
    );
    const queue = await queueCost(binding, a);
    rows.push({
      n,
      syncNs: t.sync.medianNs,
      asyncNs: t.async.medianNs,
      asyncRatio: t.async.ratio,
      publicNs: t.pub.medianNs,
      js4Ns: t.js4.medianNs,
      queueNs: queue,
    });
    progress(
      `native ${n}: sumSync ${fmtTime(t.sync.medianNs)}, reduce_async ${fmtTime(t.async.medianNs)} (${t.async.ratio.toFixed(2)}×), cp.sum ${fmtTime(t.pub.medianNs)}`,
    );
  }
  return { backend: cp.backend, threads: cp.threads, rows };
}

async function sharedCrossover(cp) {
  const workers = new RawWorkers(cp.threads);
  const big = makeArray(SHARED_SIZES.at(-1), { shared: true });
  const rows = [];
  for (const n of SHARED_SIZES) {
    const a = big.subarray(0, n);
    const t = await interleaved(
      {
        inline: { fn: () => sumSync(a) },
        workers: { fn: () => workers.sum(a), async: true },
        pub: { fn: () => cp.sum(a), async: true },
      },
      opts(n),
    );
    const check = await workers.sum(a);
    if (Math.abs(check - sumSync(a)) > 1e-9 * Math.abs(check)) throw new Error(`worker sum disagrees at n=${n}`);
    rows.push({ n, inlineNs: t.inline.medianNs, workersNs: t.workers.medianNs, workersRatio: t.workers.ratio, publicNs: t.pub.medianNs });
    progress(
      `fallback shared ${n}: inline ${fmtTime(t.inline.medianNs)}, 2 workers ${fmtTime(t.workers.medianNs)} (${t.workers.ratio.toFixed(2)}×)`,
    );
  }
  await workers.close();
  return rows;
}

async function ordinaryBuffers(cp) {
  const rows = [];
  const big = makeArray(ORDINARY_SIZES.at(-1));
  const o = { warmup: 1, budgetMs: 800, minSamples: 5, maxSamples: 11, minBatchNs: 0 };
  // A fresh 400 MB SharedArrayBuffer costs ~1 s of page faults here: fewer samples.
  const oc = { ...o, minSamples: 3, maxSamples: 5 };
  for (const n of ORDINARY_SIZES) {
    const a = big.subarray(0, n);
    const sliced = await measure(() => cp.sum(a), { ...o, async: true });
    const copyOnly = await measure(() => toShared(a)[0], oc);
    const copyAndWorkers = await measure(() => cp.sum(toShared(a)), { ...oc, async: true });
    const shared = toShared(a);
    const workersOnly = await measure(() => cp.sum(shared), { ...o, async: true });
    const inline = await measure(() => sumSync(a), o);
    rows.push({
      n,
      slicedNs: sliced.medianNs,
      copyNs: copyOnly.medianNs,
      copyWorkersNs: copyAndWorkers.medianNs,
      workersNs: workersOnly.medianNs,
      inlineNs: inline.medianNs,
    });
    progress(`fallback ordinary ${n}: sliced ${fmtTime(sliced.medianNs)}, copy+workers ${fmtTime(copyAndWorkers.medianNs)}`);
  }
  // One slice of FALLBACK_SLICE_BLOCKS (16 × 16384) blocks the event loop this long.
  const slice = await measure(() => sumSync(big.subarray(0, 16 * 16384)), opts(16 * 16384));
  return { rows, sliceNs: slice.medianNs };
}

async function fallbackPart(cp) {
  return { backend: cp.backend, threads: cp.threads, shared: await sharedCrossover(cp), ordinary: await ordinaryBuffers(cp) };
}

/** Runs both parts in their own processes; resolves with { native, fallback }. */
export async function benchInlineThreshold() {
  const native = await runJsonChild(process.execPath, [SELF, '--part', 'native'], { env: { COREPOOL_BACKEND: 'native' } });
  const fallback = await runJsonChild(process.execPath, [SELF, '--part', 'fallback'], {
    env: { COREPOOL_BACKEND: 'fallback', COREPOOL_THREADS: '2' },
  });
  return { native, fallback };
}

async function main() {
  const i = process.argv.indexOf('--part');
  if (i < 0) {
    const { renderThresholds } = await import('./lib/report_thresholds.mjs');
    console.log(renderThresholds(await benchInlineThreshold()));
    return;
  }
  const part = process.argv[i + 1];
  const cp = await import('corepool');
  ({ sumSync } = await import('corepool/sync'));
  if (cp.backend !== part) throw new Error(`--part ${part} is running on the '${cp.backend}' backend`);
  emitJson(part === 'native' ? await nativePart(cp) : await fallbackPart(cp));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
