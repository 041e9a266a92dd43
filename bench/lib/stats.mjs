/**
 * Timing and summary statistics shared by every benchmark module.
 *
 * Small calls are timed in batches (one clock read per batch, divided by the
 * batch size) because a clock read costs about as much as a 1000-element sum;
 * large calls are timed one by one. Samples are taken until a time budget is
 * spent, so small sizes get many more repetitions than large ones.
 */

/** Nanoseconds from a monotonic clock, as a Number (safe for ~104 days). */
export const nowNs = () => Number(process.hrtime.bigint());

/** Keeps results observable so the JIT cannot drop the timed work. */
export const sink = { value: 0 };

/** Median of a numeric array (the mean of the middle pair for even lengths). */
export function median(values) {
  const s = [...values].sort((x, y) => x - y);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Value at quantile q in [0, 1] by nearest rank. */
export function quantile(values, q) {
  const s = [...values].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
}

/** Median, min, p10/p90 and counts of per-call samples in ns. */
export function summarize(samples, batch) {
  return {
    medianNs: median(samples),
    minNs: Math.min(...samples),
    p10Ns: quantile(samples, 0.1),
    p90Ns: quantile(samples, 0.9),
    samples: samples.length,
    batch,
    calls: samples.length * batch,
  };
}

const DEFAULTS = { warmup: 3, budgetMs: 300, minSamples: 7, maxSamples: 2000, minBatchNs: 200_000, maxBatch: 20_000 };

async function timeBatch(fn, batch, isAsync) {
  const t0 = nowNs();
  if (isAsync) {
    for (let k = 0; k < batch; k++) sink.value += await fn();
  } else {
    for (let k = 0; k < batch; k++) sink.value += fn();
  }
  return (nowNs() - t0) / batch;
}

/**
 * Times `fn` (sync, or async with opts.async) and returns per-call stats in ns.
 * Warm-up runs first; then the batch size is chosen so one sample lasts at
 * least minBatchNs; then samples are taken until budgetMs is spent and at
 * least minSamples exist (capped at maxSamples).
 */
export async function measure(fn, opts = {}) {
  const o = { ...DEFAULTS, ...opts };
  const isAsync = o.async === true;
  let single = Infinity;
  for (let i = 0; i < o.warmup; i++) single = Math.min(single, await timeBatch(fn, 1, isAsync));
  const batch = Math.max(1, Math.min(o.maxBatch, Math.ceil(o.minBatchNs / Math.max(single, 1))));
  const samples = [];
  const start = nowNs();
  const budgetNs = o.budgetMs * 1e6;
  while (samples.length < o.maxSamples && (samples.length < o.minSamples || nowNs() - start < budgetNs)) {
    samples.push(await timeBatch(fn, batch, isAsync));
  }
  return summarize(samples, batch);
}

/** Runs `fn` once and returns its wall time in ns (for one-off costs). */
export async function timeOnce(fn) {
  const t0 = nowNs();
  await fn();
  return nowNs() - t0;
}

/**
 * Times several contenders in rounds: each round runs one batch of every
 * contender, rotating which goes first. On a machine whose load changes
 * from second to second, a ratio taken within a round compares like with
 * like, which separate measure() calls a few seconds apart do not.
 * @param contenders - { name: { fn, async } }; the first one is the reference.
 * @returns { name: { medianNs, ratio } } where ratio is the median over
 *   rounds of this contender's time ÷ the reference's time in that round.
 */
export async function interleaved(contenders, opts = {}) {
  const o = { ...DEFAULTS, rounds: 21, ...opts };
  const entries = Object.entries(contenders);
  const batches = [];
  for (const [, c] of entries) {
    let single = Infinity;
    for (let i = 0; i < o.warmup; i++) single = Math.min(single, await timeBatch(c.fn, 1, c.async === true));
    batches.push(Math.max(1, Math.min(o.maxBatch, Math.ceil(o.minBatchNs / Math.max(single, 1)))));
  }
  const times = entries.map(() => []);
  for (let r = 0; r < o.rounds; r++) {
    for (let k = 0; k < entries.length; k++) {
      const i = (r + k) % entries.length;
      const c = entries[i][1];
      times[i].push(await timeBatch(c.fn, batches[i], c.async === true));
    }
  }
  const out = {};
  entries.forEach(([name], i) => {
    out[name] = { medianNs: median(times[i]), ratio: median(times[i].map((t, r) => t / times[0][r])), batch: batches[i] };
  });
  return out;
}
