/**
 * The work a soak repeats: kernel calls (async and sync twins, small inputs
 * that run inline and medium ones that go to the pool threads, several
 * families) and Pool tasks (apply, map, imap; numbers and typed arrays).
 * Inputs are allocated once so that what the soak measures is what the
 * library keeps, not what the loop allocates.
 */
import * as cp from '../../dist/index.js';

const SMALL = 256;
// Above INLINE_MAX_ELEMENTS (131072): these go to the native pool threads (or fallback workers).
const MEDIUM = 150_000;

function inputs(n, seed) {
  const a = new Float64Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    a[i] = x / 2147483648 - 0.5;
  }
  return a;
}

export function kernelOps() {
  const sizes = [SMALL, MEDIUM].map((n) => ({
    n,
    a: inputs(n, 1),
    b: inputs(n, 2),
    out: new Float64Array(n),
    scratch: new Float64Array(n),
  }));
  const m = new Float64Array(32 * 32).fill(0.5);
  // [family, async call, sync call]; each op takes one size record.
  return [
    ['sum', (s) => cp.sum(s.a), (s) => cp.sync.sumSync(s.a)],
    ['dot', (s) => cp.dot(s.a, s.b), (s) => cp.sync.dotSync(s.a, s.b)],
    ['argmax', (s) => cp.argmax(s.a), (s) => cp.sync.argmaxSync(s.a)],
    ['add (new array)', (s) => cp.add(s.a, s.b), (s) => cp.sync.addSync(s.a, s.b)],
    ['exp (out)', (s) => cp.exp(s.a, { out: s.out }), (s) => cp.sync.expSync(s.a, { out: s.out })],
    ['std', (s) => cp.std(s.a), (s) => cp.sync.stdSync(s.a)],
    ['cumsum (new array)', (s) => cp.cumsum(s.a), (s) => cp.sync.cumsumSync(s.a)],
    ['random.normal (out)', (s) => cp.random.normal(s.out, { seed: 7 }), (s) => cp.sync.randomSync.normal(s.out, { seed: 7 })],
    [
      'sort (copy, in place)',
      (s) => {
        s.scratch.set(s.a);
        return cp.sort(s.scratch);
      },
      (s) => {
        s.scratch.set(s.a);
        cp.sync.sortSync(s.scratch);
      },
    ],
    ['matmul 32x32', () => cp.matmul(m, m, { m: 32, k: 32, n: 32 }), () => cp.sync.matmulSync(m, m, { m: 32, k: 32, n: 32 })],
  ].map(([name, run, runSync]) => ({ name, run, runSync, sizes }));
}

/** Call i: op i mod ops, sync on odd rounds, medium size one call in 8 (sort medium one in 64: it is slow). */
export async function kernelCall(ops, i) {
  const op = ops[i % ops.length];
  const round = Math.floor(i / ops.length);
  const medium = op.name.startsWith('sort') ? round % 64 === 0 : round % 8 === 0;
  const size = op.sizes[medium ? 1 : 0];
  if (round % 2 === 1) op.runSync(size);
  else await op.run(size);
}

const double = (x) => x * 2;
const sumOf = (a) => a.reduce((s, v) => s + v, 0);

/** A batch of `count` Pool tasks (a map chunk is one task): apply, map, imap, typed-array arguments in turn. */
export async function poolBatch(pool, batch, count) {
  const xs = Array.from({ length: count }, (_, i) => i);
  switch (batch % 4) {
    case 0:
      await Promise.all(xs.map((x) => pool.apply(double, [x])));
      break;
    case 1:
      await pool.map(double, xs, { chunksize: 1 });
      break;
    case 2:
      for await (const _ of pool.imap(double, xs, { chunksize: 1 }));
      break;
    default:
      await Promise.all(xs.map((x) => pool.apply(sumOf, [new Float64Array(64).fill(x)])));
  }
}
