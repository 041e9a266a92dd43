// corepool demo: heavy reductions over 50 million float64 values on every
// core, against the plain JavaScript loop a user would otherwise write.
import * as corepool from 'corepool';

const n = Number(process.argv[2] ?? 5e7);
const { backend, threads, simd } = corepool.info();
console.log(`corepool ${corepool.info().versions.corepool}: backend=${backend}, threads=${threads}, simd=${simd}`);
if (corepool.info().nativeError && backend === 'fallback') console.log(`(native not used: ${corepool.info().nativeError})`);

// SharedArrayBuffer memory is read in place by every thread, on both backends.
const a = new Float64Array(new SharedArrayBuffer(n * 8));
const b = new Float64Array(new SharedArrayBuffer(n * 8));
for (let i = 0; i < n; i++) {
  a[i] = Math.sin(i) * 1e3;
  b[i] = Math.cos(i);
}
console.log(`${(n / 1e6).toFixed(0)}M elements, ${((2 * n * 8) / 2 ** 20).toFixed(0)} MiB\n`);

const loops = {
  sum: () => {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[i];
    return s;
  },
  dot: () => {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[i] * b[i];
    return s;
  },
  norm: () => {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[i] * a[i];
    return Math.sqrt(s);
  },
  argmax: () => {
    let best = 0;
    for (let i = 1; i < n; i++) if (a[i] > a[best]) best = i;
    return best;
  },
};
const kernels = {
  sum: () => corepool.sum(a),
  dot: () => corepool.dot(a, b),
  norm: () => corepool.norm(a),
  argmax: () => corepool.argmax(a),
};

async function best(fn, reps = 5) {
  let fastest = Infinity;
  let value;
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    value = await fn();
    fastest = Math.min(fastest, performance.now() - t);
  }
  return { ms: fastest, value };
}

console.log('kernel   corepool      JS loop     speed-up   result');
for (const name of Object.keys(kernels)) {
  const ours = await best(kernels[name]);
  const js = await best(loops[name], 3);
  const same = Math.abs(ours.value - js.value) <= 1e-9 * Math.abs(js.value) ? '' : `  (JS loop: ${js.value})`;
  console.log(
    `${name.padEnd(8)} ${ours.ms.toFixed(1).padStart(7)} ms ${js.ms.toFixed(1).padStart(9)} ms ${(js.ms / ours.ms).toFixed(1).padStart(8)}x   ${ours.value}${same}`,
  );
}
