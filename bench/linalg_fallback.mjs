/**
 * The fallback backend's linear algebra (issue 4 target: the fallback GEMM on
 * 2 workers is at least 1.6x faster than a single-threaded blocked JS loop).
 *
 *   node bench/linalg_fallback.mjs [--pairs 5]
 *
 * Runs with COREPOOL_BACKEND=fallback and COREPOOL_THREADS=2 (set here before
 * corepool loads). The baseline is the blocked i-k-j loop a user would write
 * (64 x 64 x 64 blocks, one accumulator row in C). The target ratio is paired
 * (bench/lib/paired.mjs): the two contenders run back to back, alternating
 * order, and the median of the per-pair ratios is reported, so load from
 * other processes cancels out. Prints markdown tables.
 */
process.env.COREPOOL_BACKEND = 'fallback';
process.env.COREPOOL_THREADS ??= '2';
const cp = await import('corepool');
const { paired } = await import('./lib/paired.mjs');
const { median, nowNs } = await import('./lib/stats.mjs');

const args = process.argv.slice(2);
const at = args.indexOf('--pairs');
const PAIRS = at === -1 ? 5 : Number(args[at + 1]);

/** The single-threaded baseline: blocked i-k-j, C += a_ik * B[k, j-block]. */
function blockedJs(a, b, c, n) {
  const BS = 64;
  c.fill(0);
  for (let ii = 0; ii < n; ii += BS) {
    for (let kk = 0; kk < n; kk += BS) {
      for (let jj = 0; jj < n; jj += BS) {
        const ie = Math.min(ii + BS, n),
          ke = Math.min(kk + BS, n),
          je = Math.min(jj + BS, n);
        for (let i = ii; i < ie; i++) {
          for (let k = kk; k < ke; k++) {
            const x = a[i * n + k];
            const row = i * n;
            const brow = k * n;
            for (let j = jj; j < je; j++) c[row + j] += x * b[brow + j];
          }
        }
      }
    }
  }
}

function matrix(n, shared, seed) {
  const a = new Float64Array(shared ? new SharedArrayBuffer(n * n * 8) : new ArrayBuffer(n * n * 8));
  let s = seed;
  for (let i = 0; i < a.length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    a[i] = s / 2147483648 - 0.5;
  }
  return a;
}

async function timeMs(fn, reps) {
  await fn();
  const ms = [];
  for (let r = 0; r < reps; r++) {
    const t = nowNs();
    await fn();
    ms.push((nowNs() - t) / 1e6);
  }
  return median(ms);
}

const gflops = (n, ms) => ((2 * n ** 3) / ms / 1e6).toFixed(2);

console.log(`Backend ${cp.backend}, ${cp.threads} workers. Float64, square n x n x n, C = A B.\n`);
console.log(
  '| n | blocked JS loop, 1 thread (ms) | corepool kernel, 1 thread (matmulSync, ms) | fallback matmul, 2 workers, SAB (ms) | fallback, ordinary buffers (copied, ms) | GFLOP/s (2 workers) | speed-up vs JS loop (paired median, p10-p90) | target >= 1.6 |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |');
for (const n of [500, 1000]) {
  const a = matrix(n, true, 1);
  const b = matrix(n, true, 2);
  const plainA = new Float64Array(a);
  const plainB = new Float64Array(b);
  const c = new Float64Array(new SharedArrayBuffer(n * n * 8));
  const cJs = new Float64Array(n * n);
  const reps = n >= 1000 ? 3 : 5;
  const one = await timeMs(() => cp.sync.matmulSync(plainA, plainB, { k: n, out: cJs }), reps);
  const copied = await timeMs(() => cp.matmul(plainA, plainB, { k: n }), reps);
  const r = await paired(
    () => blockedJs(plainA, plainB, cJs, n),
    () => cp.matmul(a, b, { k: n, out: c }),
    { pairs: PAIRS, warmup: 1 },
  );
  const two = r.bMedianNs / 1e6;
  const speed = 1 / r.ratio;
  console.log(
    `| ${n} | ${(r.aMedianNs / 1e6).toFixed(1)} | ${one.toFixed(1)} | ${two.toFixed(1)} | ${copied.toFixed(1)} | ${gflops(n, two)} | ${speed.toFixed(2)}x (${(1 / r.ratioP90).toFixed(2)}-${(1 / r.ratioP10).toFixed(2)}) | ${speed >= 1.6 ? 'met' : 'NOT met'} |`,
  );
}

console.log('\nAround the inline threshold (FALLBACK_GEMM_INLINE_MAX_WORK = 2^19 multiply-adds, src/backend/fallback_linalg.ts):');
console.log(
  'matmulSync always runs on the calling thread; matmul (SAB operands) runs inline up to the threshold and on the workers above it.\n',
);
console.log('| n | n^3 | matmulSync (ms) | matmul, SAB (ms) |');
console.log('| ---: | ---: | ---: | ---: |');
for (const n of [64, 80, 96, 128, 160]) {
  const a = matrix(n, true, 3);
  const b = matrix(n, true, 4);
  const c = new Float64Array(new SharedArrayBuffer(n * n * 8));
  const sync = await timeMs(() => cp.sync.matmulSync(a, b, { k: n, out: c }), 31);
  const async = await timeMs(() => cp.matmul(a, b, { k: n, out: c }), 31);
  console.log(`| ${n} | ${n ** 3} | ${sync.toFixed(3)} | ${async.toFixed(3)} |`);
}

console.log('\nO(size) operations, 3000 x 3000 float64, SharedArrayBuffer operands (workers) vs the blocking form (calling thread):\n');
console.log('| operation | blocking (ms) | async on 2 workers (ms) |');
console.log('| --- | ---: | ---: |');
{
  const n = 3000;
  const a = matrix(n, true, 5);
  const x = new Float64Array(new SharedArrayBuffer(n * 8)).fill(0.5);
  const out = new Float64Array(new SharedArrayBuffer(n * n * 8));
  const rows = [
    ['matvec', () => cp.sync.matvecSync(a, x), () => cp.matvec(a, x)],
    ['matvec, trans', () => cp.sync.matvecSync(a, x, { trans: true }), () => cp.matvec(a, x, { trans: true })],
    ['transpose', () => cp.sync.transposeSync(a, { rows: n, out }), () => cp.transpose(a, { rows: n, out })],
    ['outer', () => cp.sync.outerSync(x, x, { out }), () => cp.outer(x, x, { out })],
  ];
  for (const [name, sync, async] of rows) {
    console.log(`| ${name} | ${(await timeMs(sync, 5)).toFixed(2)} | ${(await timeMs(async, 5)).toFixed(2)} |`);
  }
}
process.exit(0);
