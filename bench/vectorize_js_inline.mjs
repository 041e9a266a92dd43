// Where vectorize's JS fallback stops looping on the calling thread and goes
// to the pool's workers (JS_INLINE_ELEMENTS in src/api/vectorize_js.ts): the
// same block loop it ships, run once on this thread and once as parallelFor
// blocks (one per worker) over shared memory, per size.
// Usage: npm run build:ts && node bench/vectorize_js_inline.mjs [--rounds 200]
import { Pool } from 'corepool';

const ROUNDS = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 200;
const body = (x) => Math.sin(x) * Math.exp(-x * x);
const block = (start, end, shared) => {
  const f = (x) => Math.sin(x) * Math.exp(-x * x);
  for (let i = start; i < end; i++) shared.out[i] = f(shared.x[i]);
};

const pool = new Pool();
for (const n of [1024, 2048, 4096, 8192, 16384, 65536]) {
  const x = new Float64Array(new SharedArrayBuffer(n * 8));
  for (let i = 0; i < n; i++) x[i] = i / n;
  const out = new Float64Array(new SharedArrayBuffer(n * 8));
  const here = () => {
    for (let i = 0; i < n; i++) out[i] = body(x[i]);
  };
  const workers = () => pool.parallelFor(n, block, { shared: { x, out }, blocks: pool.processes });
  for (let r = 0; r < 20; r++) {
    here();
    await workers();
  }
  let t = performance.now();
  for (let r = 0; r < ROUNDS; r++) here();
  const hereMs = (performance.now() - t) / ROUNDS;
  t = performance.now();
  for (let r = 0; r < ROUNDS; r++) await workers();
  const poolMs = (performance.now() - t) / ROUNDS;
  console.log(`n=${n}: this thread ${hereMs.toFixed(3)} ms, ${pool.processes} workers ${poolMs.toFixed(3)} ms`);
}
await pool.terminate();
