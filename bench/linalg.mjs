/**
 * Dense linear algebra, native backend vs numpy/OpenBLAS in the same run
 * (issue 4 target: matmul 2000x2000 float64 on all cores >= 60 % of numpy,
 * about 110 GFLOP/s here).
 *
 *   node bench/linalg.mjs [--reps 7] [--quick]
 *
 * numpy runs in a python3 child with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
 * removed from its environment, so OpenBLAS picks its own best kernel for
 * this CPU (the target is measured against that). Each case runs on both
 * sides back to back; both use every core, write into a preallocated
 * output, and report the median of `reps` timed calls after one warm-up. Prints markdown tables; takes well under 2 min.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { createInterface } from 'node:readline';

const cp = await import('corepool');
const { median, nowNs } = await import('./lib/stats.mjs');

const args = process.argv.slice(2);
const at = args.indexOf('--reps');
const REPS = at === -1 ? 7 : Number(args[at + 1]);
const QUICK = args.includes('--quick');
const GEMM_SIZES = QUICK ? [256, 1000] : [256, 512, 1000, 2000];
const L2_N = QUICK ? 1000 : 3000; // gemv / transpose / outer: n x n

const DTYPES = { float64: Float64Array, float32: Float32Array };

function filled(Kind, n, seed) {
  const a = new Kind(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    a[i] = s / 2 ** 32 - 0.5;
  }
  return a;
}

async function timeMs(fn) {
  await fn();
  const ms = [];
  for (let r = 0; r < REPS; r++) {
    const t = nowNs();
    await fn();
    ms.push((nowNs() - t) / 1e6);
  }
  return median(ms);
}

/** Every case as [name, dtype, n, work (flop or bytes), unit, corepool call]. */
function cases() {
  const list = [];
  for (const [dtype, Kind] of Object.entries(DTYPES)) {
    for (const n of GEMM_SIZES) {
      const a = filled(Kind, n * n, 1),
        b = filled(Kind, n * n, 2),
        out = new Kind(n * n);
      list.push(['matmul', dtype, n, 2 * n ** 3, 'GFLOP/s', () => cp.matmul(a, b, { m: n, k: n, n, out })]);
    }
    const n = L2_N,
      bytes = n * n * Kind.BYTES_PER_ELEMENT;
    const a = filled(Kind, n * n, 3),
      x = filled(Kind, n, 4),
      y = new Kind(n),
      out = new Kind(n * n);
    list.push(['matvec', dtype, n, bytes, 'GB/s read', () => cp.matvec(a, x, { m: n, n, out: y })]);
    list.push(['matvec trans', dtype, n, bytes, 'GB/s read', () => cp.matvec(a, x, { m: n, n, trans: true, out: y })]);
    list.push(['transpose', dtype, n, 2 * bytes, 'GB/s r+w', () => cp.transpose(a, { rows: n, cols: n, out })]);
    list.push(['transpose in place', dtype, n, 2 * bytes, 'GB/s r+w', () => cp.transpose(out, { rows: n, cols: n, out })]);
    list.push(['outer', dtype, n, bytes, 'GB/s written', () => cp.outer(x, x, { out })]);
  }
  return list;
}

// numpy side: a python3 child that answers one case per stdin line with
// its median ms, so each case runs back to back with ours (load from other
// processes then hits both sides alike).
const NUMPY = `
import json, statistics, sys, time
import numpy as np
rng = np.random.default_rng(1)
def t(fn, reps):
    fn()
    ms = []
    for _ in range(reps):
        t0 = time.perf_counter(); fn(); ms.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(ms)
def build(name, dt, n):
    a = rng.random((n, n)).astype(dt) - 0.5
    if name == "matmul":
        b = rng.random((n, n)).astype(dt) - 0.5; c = np.empty((n, n), dt)
        return lambda: np.matmul(a, b, out=c)
    x = rng.random(n).astype(dt); y = np.empty(n, dt); o = np.empty((n, n), dt)
    return {
        "matvec": lambda: np.matmul(a, x, out=y),
        "matvec trans": lambda: np.matmul(a.T, x, out=y),
        "transpose": lambda: np.copyto(o, a.T),
        "transpose in place": lambda: np.copyto(a, a.T.copy()),
        "outer": lambda: np.outer(x, x, out=o),
    }[name]
try:
    blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    blas = f'{blas.get("name")} {blas.get("version", "")}'.strip()
except Exception:
    blas = "unknown"
print(json.dumps({"numpy": np.__version__, "blas": blas}), flush=True)
for line in sys.stdin:
    c = json.loads(line)
    print(json.dumps({"ms": t(build(c["name"], c["dtype"], c["n"]), c["reps"])}), flush=True)
`;

/** Starts the numpy child; resolves with ask(case) -> ms, or { skipped }. */
async function startNumpy() {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE; // let OpenBLAS pick its best kernel
  delete env.OPENBLAS_L2_SIZE;
  const child = spawn('python3', ['-u', '-c', NUMPY], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const failed = new Promise((resolve) => child.on('error', (e) => resolve({ done: true, error: e })));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const r = await Promise.race([lines.next(), failed]);
    return r.done ? undefined : JSON.parse(r.value);
  };
  const hello = await next().catch(() => undefined);
  if (hello === undefined) return { skipped: 'python3 with numpy is not available' };
  return {
    ...hello,
    ask: async (c) => {
      child.stdin.write(`${JSON.stringify(c)}\n`);
      return (await next())?.ms;
    },
    close: () => child.stdin.end(),
  };
}

const rate = (work, ms) => work / (ms * 1e6);
const fmt = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

const list = cases();
const np = await startNumpy();
const ours = [];
const theirs = [];
for (const [name, dtype, n, , , fn] of list) {
  ours.push(await timeMs(fn));
  theirs.push(np.ask ? await np.ask({ name, dtype, n, reps: REPS }) : undefined);
}
np.close?.();

console.log(
  `Command: \`node bench/linalg.mjs${args.length ? ` ${args.join(' ')}` : ''}\`; ${os.cpus()[0]?.model ?? 'cpu'}, ` +
    `${os.cpus().length} cores, corepool ${cp.info().backend} (${cp.info().simd}, ${cp.info().threads} threads); ` +
    `numpy ${np.numpy ?? '-'} (${np.blas ?? np.skipped}) with OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset; median of ${REPS} after 1 warm-up.\n`,
);
console.log('| op | dtype | n | unit | corepool | numpy | corepool / numpy |');
console.log('|---|---|---:|---|---:|---:|---:|');
list.forEach(([name, dtype, n, work, unit], i) => {
  const mine = rate(work, ours[i]);
  const ref = theirs[i] === undefined ? undefined : rate(work, theirs[i]);
  const ratio = ref === undefined ? '-' : `${(mine / ref).toFixed(2)}x`;
  console.log(`| ${name} | ${dtype} | ${n} | ${unit} | ${fmt(mine)} | ${ref === undefined ? '-' : fmt(ref)} | ${ratio} |`);
});
process.exit(0);
