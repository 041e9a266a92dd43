/**
 * The fallback backend's sort against Float64Array.prototype.sort:
 *   node bench/sort_fallback.mjs [sizes...]
 * (sets COREPOOL_BACKEND=fallback and, unless given, COREPOOL_THREADS=2 before corepool loads).
 * Random float64 in a SharedArrayBuffer (the workers sort it in place; an
 * ordinary buffer adds one copy each way). Each figure is the median of a
 * few runs on fresh copies of the same data; prints a table.
 */
process.env.COREPOOL_BACKEND = 'fallback';
process.env.COREPOOL_THREADS ??= '2';
const cp = await import('corepool');

if (cp.backend !== 'fallback') throw new Error(`run with COREPOOL_BACKEND=fallback; running on '${cp.backend}'`);

const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(1e6, 1e7);

function random(n, seed) {
  let s = seed >>> 0;
  const a = new Float64Array(new SharedArrayBuffer(8 * n));
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = (s / 2 ** 32 - 0.5) * 2 ** ((s & 63) - 32);
  }
  return a;
}

async function median(runs, fn) {
  const times = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    await fn(r);
    times.push(performance.now() - t0);
  }
  return times.sort((x, y) => x - y)[runs >> 1];
}

function copy(a, shared) {
  const out = new Float64Array(shared ? new SharedArrayBuffer(a.byteLength) : new ArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

const rows = [];
for (const n of sizes) {
  const data = random(n, n);
  const runs = n >= 1e7 ? 3 : 7;
  const inputs = (shared) => Array.from({ length: runs }, () => copy(data, shared));
  const js = inputs(false);
  const shared = inputs(true);
  const plain = inputs(false);
  const argIn = copy(data, true);
  await cp.sort(copy(data, true)); // start the workers
  const tJs = await median(runs, (r) => js[r].sort());
  const tShared = await median(runs, (r) => cp.sort(shared[r]));
  const tPlain = await median(runs, (r) => cp.sort(plain[r]));
  const tArg = await median(runs, () => cp.argsort(argIn));
  rows.push({ n, tJs, tShared, tPlain, tArg });
}

const f = (ms) => ms.toFixed(1).padStart(9);
console.log(`COREPOOL_BACKEND=fallback COREPOOL_THREADS=${cp.threads} node bench/sort_fallback.mjs ${sizes.join(' ')}`);
console.log('| n | Float64Array.prototype.sort ms | cp.sort SAB ms | speed-up | cp.sort ArrayBuffer ms | cp.argsort SAB ms |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.n.toExponential(0)} | ${f(r.tJs)} | ${f(r.tShared)} | ${(r.tJs / r.tShared).toFixed(1)}x | ${f(r.tPlain)} | ${f(r.tArg)} |`,
  );
}
