// Elementwise kernels on NDArrays against numpy: random broadcast shapes of
// 0–5 axes (zero-size and size-1 axes included), operands that are reversed
// slices, transposes, offsets and broadcastTo views, scalars and flat
// TypedArrays mixed in, every dtype, options.out as a strided view, in-place
// and overlapping calls, and large strided cases that cross the inline
// threshold and the block. numpy answers each batch in one python3 run.
import { broadcastShapes, NDArray } from 'corepool';
import { describe, expect, it } from 'vitest';
import {
  type Arg,
  build,
  DTYPES,
  type Dt,
  elements,
  kernel,
  type Layout,
  type NumpyCase,
  numpyAnswers,
  type Operand,
  positions,
  randomLayout,
  type Rng,
  snapshot,
  ulps,
} from './map_cases.js';
import { randomShape, rng } from './numpy_batch.js';

type Kind = 'arith' | 'float' | 'compare' | 'select' | 'cast';
interface Op {
  arity: number;
  kind: Kind;
  /** Largest distance to numpy in ulp of the result dtype (0: bit for bit). */
  ulp: number;
  fills?: Layout['fill'][];
  scalars?: number[];
}
const UNARY_EXACT = ['abs', 'neg', 'sign', 'square', 'sqrt', 'reciprocal', 'floor', 'ceil', 'round', 'trunc'];
const LIBM = [
  'cbrt',
  'exp',
  'expm1',
  'exp2',
  'log',
  'log1p',
  'log2',
  'log10',
  'sin',
  'cos',
  'tan',
  'asin',
  'acos',
  'atan',
  'sinh',
  'cosh',
  'tanh',
];
const OPS: Record<string, Op> = {
  ...Object.fromEntries(
    UNARY_EXACT.map((n) => [n, { arity: 1, kind: ['abs', 'neg', 'sign', 'square'].includes(n) ? 'arith' : 'float', ulp: 0 }]),
  ),
  ...Object.fromEntries(LIBM.map((n) => [n, { arity: 1, kind: 'float', ulp: 2 }])),
  isnan: { arity: 1, kind: 'compare', ulp: 0 },
  isfinite: { arity: 1, kind: 'compare', ulp: 0 },
  ...Object.fromEntries(['add', 'sub', 'mul', 'maximum', 'minimum', 'mod'].map((n) => [n, { arity: 2, kind: 'arith', ulp: 0 }])),
  div: { arity: 2, kind: 'float', ulp: 0 },
  pow: { arity: 2, kind: 'arith', ulp: 2, fills: ['random', 'small'], scalars: [0, 1, 2, 3] },
  hypot: { arity: 2, kind: 'float', ulp: 1 },
  atan2: { arity: 2, kind: 'float', ulp: 2 },
  copysign: { arity: 2, kind: 'float', ulp: 0 },
  heaviside: { arity: 2, kind: 'float', ulp: 0 },
  logaddexp: { arity: 2, kind: 'float', ulp: 2 },
  ...Object.fromEntries(['eq', 'ne', 'lt', 'le', 'gt', 'ge'].map((n) => [n, { arity: 2, kind: 'compare', ulp: 0 }])),
  fma: { arity: 3, kind: 'arith', ulp: 0 },
  lerp: { arity: 3, kind: 'float', ulp: 0, fills: ['random', 'random', 'unit'] },
  clip: { arity: 3, kind: 'arith', ulp: 0 },
  where: { arity: 3, kind: 'select', ulp: 0, fills: ['unit', 'random', 'random'] },
};
const SCALARS = [0, 1, 3, 7, 100, 0.5, -2.5, 1.25];

const isFloat = (d: string): boolean => d.startsWith('float');
const shapeOf = (v: NDArray | ArrayLike<number>): number[] => (v instanceof NDArray ? [...v.shape] : [v.length]);
const cStrides = (shape: readonly number[]): number[] => shape.map((_, k) => shape.slice(k + 1).reduce((p, d) => p * d, 1));

/** A shape that broadcasts to `shape`: leading axes dropped, some axes 1. */
function partOf(r: Rng, shape: readonly number[]): number[] {
  const drop = r.chance(0.3) ? r.int(0, shape.length) : 0;
  return shape.slice(drop).map((e) => (r.chance(0.25) ? 1 : e));
}

/** The first differences between corepool's values and numpy's, with the tolerance. */
function differences(mine: ArrayLike<number>, theirs: ArrayLike<number>, ulp: number, single: boolean): string[] {
  const out: string[] = [];
  if (mine.length !== theirs.length) return [`length ${mine.length} vs ${theirs.length}`];
  for (let i = 0; i < mine.length && out.length < 3; i++) {
    const d = ulps(mine[i]!, theirs[i]!, single);
    if (d > ulp) out.push(`[${i}] ${mine[i]} vs numpy ${theirs[i]} (${d} ulp)`);
  }
  return out;
}

interface Pending {
  label: string;
  np: NumpyCase;
  ulp: number;
  result: unknown;
}

/** Checks every pending result against numpy's answer; returns the failures. */
function compare(pending: readonly Pending[]): string[] {
  const answers = numpyAnswers(pending.map((p) => p.np));
  const failures: string[] = [];
  pending.forEach((p, k) => {
    const want = answers[k]!;
    const got = p.result;
    if (!(got instanceof NDArray)) {
      failures.push(`${p.label}: not an NDArray (${String(got)})`);
      return;
    }
    const problems: string[] = [];
    if (got.dtype !== want.dtype) problems.push(`dtype ${got.dtype} vs numpy ${want.dtype}`);
    if (JSON.stringify(got.shape) !== JSON.stringify(want.shape)) problems.push(`shape ${got.shape} vs numpy ${want.shape}`);
    if (!got.isContiguous) problems.push('not C-contiguous');
    if (problems.length === 0) problems.push(...differences(elements(got), want.values, p.ulp, got.dtype === 'float32'));
    if (problems.length > 0) failures.push(`${p.label}: ${problems.join('; ')}`);
  });
  return failures;
}

function describeArg(a: Arg): string {
  if (typeof a === 'number') return String(a);
  const L = a.layout;
  const v = a.value;
  return `${L.flat ? 'flat ' : ''}${L.dtype}${JSON.stringify(shapeOf(v))}${L.perm ? ` T${L.perm}` : ''}${L.index ? ` [${L.index}]` : ''}${L.bcast ? ' bcast' : ''}${L.offset ? ` +${L.offset}` : ''}${L.shared ? ' sab' : ''}`;
}

/** One random case of `name`: operands, the call (async, then Sync), an `out` view sometimes. */
async function randomCase(r: Rng, name: string, i: number, pending: Pending[], failures: string[]): Promise<void> {
  const op = OPS[name]!;
  const { run, runSync } = kernel(name);
  const full = randomShape(r, 5, 4);
  const first = r.pick(DTYPES);
  const args: Arg[] = [];
  for (let k = 0; k < op.arity; k++) {
    const fill = op.fills?.[k] ?? 'random';
    if (op.arity > 1 && k > 0 && r.chance(0.2)) {
      args.push(r.pick(fill === 'small' ? op.scalars! : fill === 'unit' ? [0, 1] : (op.scalars ?? SCALARS)));
      continue;
    }
    const dtype = k === 0 || r.chance(0.5) ? first : r.pick(DTYPES);
    const part = k === 0 ? full : partOf(r, full);
    const layout = randomLayout(r, dtype, part, fill, r.chance(0.2));
    if (k > 0 && r.chance(0.15) && !layout.flat) layout.bcast = broadcastShapes(part, full);
    args.push(build(r, layout));
  }
  // At least one NDArray operand (else the flat API runs).
  const arrays = args.filter((a): a is Operand => typeof a !== 'number');
  if (!arrays.some((a) => a.value instanceof NDArray)) {
    const a = arrays[0]!;
    a.layout.flat = false;
    a.value = new NDArray(a.data, a.layout.base, undefined, a.layout.offset);
  }
  // Integer scalars must fit the integer dtype they take (corepool rejects others); skip such draws.
  const values = args.map((a) => (typeof a === 'number' ? a : a.value));
  const label = `#${i} ${name}(${args.map(describeArg).join(', ')})`;
  const np: NumpyCase = { op: name, kind: op.kind, ins: args.map(snapshot) };
  let result: unknown;
  try {
    result = await run(...values);
  } catch (e) {
    failures.push(`${label}: threw ${(e as Error).message}`);
    return;
  }
  pending.push({ label, np, ulp: op.ulp, result });
  if (!(result instanceof NDArray)) return;
  const shared = arrays.some((a) => a.layout.shared);
  if (result.data.buffer instanceof SharedArrayBuffer !== shared) failures.push(`${label}: shared result ${!shared}`);
  if (result.size > 0 && (result.offset !== 0 || JSON.stringify(result.strides) !== JSON.stringify(cStrides(result.shape))))
    failures.push(`${label}: layout`);
  const again = runSync(...values) as NDArray;
  if (Buffer.compare(Buffer.from(elements(again).buffer), Buffer.from(elements(result).buffer)) !== 0)
    failures.push(`${label}: Sync differs`);
  if (r.chance(0.3)) await checkOut(r, label, result, values, run, runSync, failures);
}

/** options.out as a strided view of a bigger array: only its elements change, to the fresh result's bits. */
async function checkOut(
  r: Rng,
  label: string,
  fresh: NDArray,
  values: unknown[],
  run: (...a: unknown[]) => Promise<unknown>,
  runSync: (...a: unknown[]) => unknown,
  failures: string[],
): Promise<void> {
  const want = Buffer.from(elements(fresh).buffer);
  for (const blocking of [false, true]) {
    const layout = randomLayout(r, fresh.dtype as Dt, fresh.shape, 'random', r.chance(0.3));
    const out = build(r, layout);
    const before = out.data.slice();
    const returned = blocking ? runSync(...values, { out: out.value }) : await run(...values, { out: out.value });
    const tag = `${label} out=${describeArg(out)}${blocking ? ' Sync' : ''}`;
    if (out.value instanceof NDArray && returned !== out.value) failures.push(`${tag}: did not return out`);
    if (Buffer.compare(Buffer.from(elements(out.value).buffer), want) !== 0) failures.push(`${tag}: values differ from the fresh result`);
    const written = new Set(out.value instanceof NDArray ? positions(out.value) : []);
    const base = out.value instanceof NDArray ? out.data : null;
    if (base !== null) {
      for (let p = 0; p < base.length; p++) {
        if (!written.has(p) && !Object.is(base[p], before[p]) && !(Number.isNaN(base[p]) && Number.isNaN(before[p]))) {
          failures.push(`${tag}: element ${p} outside the view changed`);
          break;
        }
      }
    }
  }
}

describe(`elementwise kernels on NDArrays vs numpy (${process.env.COREPOOL_BACKEND})`, () => {
  it('random broadcast cases over every kernel family, layout and dtype', async () => {
    const r = rng(20261207);
    const pending: Pending[] = [];
    const failures: string[] = [];
    const names = Object.keys(OPS);
    for (let i = 0; i < 900; i++) await randomCase(r, names[i % names.length]!, i, pending, failures);
    failures.push(...compare(pending));
    expect(failures.slice(0, 30)).toEqual([]);
    expect(pending.length).toBe(900);
  });

  it('astype to every dtype from strided views', async () => {
    const r = rng(7);
    const pending: Pending[] = [];
    const failures: string[] = [];
    const { run, runSync } = kernel('astype');
    for (let i = 0; i < 160; i++) {
      const from = DTYPES[i % DTYPES.length]!;
      const to = DTYPES[Math.floor(i / DTYPES.length) % DTYPES.length]!;
      // numpy leaves out-of-range float -> int casts undefined: keep floats in [0, 100) then.
      const fill = isFloat(from) && !isFloat(to) ? 'positive' : 'random';
      const a = build(r, randomLayout(r, from, randomShape(r, 4, 5), fill, r.chance(0.3)));
      if (!(a.value instanceof NDArray)) a.value = new NDArray(a.data, a.layout.base, undefined, a.layout.offset);
      const label = `#${i} astype(${describeArg(a)}, ${to})`;
      const result = (await run(a.value, to)) as NDArray;
      pending.push({ label, np: { op: 'astype', kind: 'cast', ins: [snapshot(a)], target: to }, ulp: 0, result });
      if (Buffer.compare(Buffer.from(elements(runSync(a.value, to) as NDArray).buffer), Buffer.from(elements(result).buffer)) !== 0) {
        failures.push(`${label}: Sync differs`);
      }
      await checkOut(r, label, result, [a.value, to], run, runSync, failures);
    }
    failures.push(...compare(pending));
    expect(failures.slice(0, 30)).toEqual([]);
  });

  it('axpy updates a strided y in place: y = a*x + y with x broadcast', async () => {
    const r = rng(11);
    const pending: Pending[] = [];
    const failures: string[] = [];
    const { run, runSync } = kernel('axpy');
    for (let i = 0; i < 80; i++) {
      const dtype = DTYPES[i % DTYPES.length]!;
      const shape = randomShape(r, 4, 4);
      const y = build(r, randomLayout(r, dtype, shape, 'random', r.chance(0.3)));
      if (!(y.value instanceof NDArray)) y.value = new NDArray(y.data, y.layout.base, undefined, y.layout.offset);
      const x = build(r, randomLayout(r, dtype, partOf(r, shape), 'random', r.chance(0.3)));
      const a = isFloat(dtype) ? r.pick([0.5, -2.5, 3]) : r.pick([0, 1, 3, 7]);
      const label = `#${i} axpy(${a}, ${describeArg(x)}, ${describeArg(y)})`;
      const np: NumpyCase = { op: 'axpy', kind: 'arith', ins: [snapshot(a), snapshot(x), snapshot(y)] };
      const blocking = i % 2 === 1;
      const returned = blocking ? runSync(a, x.value, y.value) : await run(a, x.value, y.value);
      if (returned !== y.value) failures.push(`${label}: did not return y`);
      pending.push({ label, np, ulp: 0, result: y.value.copy() });
    }
    failures.push(...compare(pending));
    expect(failures.slice(0, 30)).toEqual([]);
  });

  it('in place (out is an input, same layout) and overlapping (out = a, input a.T) calls give numpy copy semantics', async () => {
    const r = rng(13);
    const pending: Pending[] = [];
    const failures: string[] = [];
    for (let i = 0; i < 96; i++) {
      const name = ['add', 'sub', 'mul', 'maximum', 'fma', 'neg', 'clip', 'where'][i % 8]!;
      const op = OPS[name]!;
      const { run, runSync } = kernel(name);
      const dtype = DTYPES[Math.floor(i / 8) % DTYPES.length]!;
      const n = r.pick([1, 2, 3, 5, 17, 40]);
      const a = build(r, randomLayout(r, dtype, [n, n], 'random', r.chance(0.3)));
      if (!(a.value instanceof NDArray)) continue;
      const av = a.value;
      const others = Array.from({ length: op.arity - 1 }, () => build(r, randomLayout(r, dtype, [n, n])));
      const overlap = i % 3 !== 0;
      // Overlap: the other operands read a through its transpose; otherwise through a second, identical view.
      const operands: unknown[] =
        name === 'where'
          ? [others[0]!.value, av, overlap ? av.T : others[1]!.value]
          : [av, ...others.map((o) => (overlap ? av.T : o.value))];
      const ins =
        name === 'where'
          ? [snapshot(others[0]!), snapshot(a), overlap ? null : snapshot(others[1]!)]
          : [snapshot(a), ...others.map((o) => (overlap ? null : snapshot(o)))];
      // numpy sees a.T as a's layout transposed.
      const aT = {
        layout: { ...a.layout, perm: null as number[] | null, index: null as string | null },
        b64: (snapshot(a) as { b64: string }).b64,
      };
      const transposed = a.layout.perm === null ? [1, 0] : [a.layout.perm[1]!, a.layout.perm[0]!];
      const np: NumpyCase = {
        op: name,
        kind: op.kind,
        ins: ins.map(
          (s) =>
            s ?? {
              ...aT,
              layout: { ...a.layout, perm: transposed, index: a.layout.index ? a.layout.index.split(',').reverse().join(',') : null },
            },
        ),
      };
      const label = `#${i} ${name} ${overlap ? 'overlapping' : 'in place'} on ${describeArg(a)}`;
      try {
        const returned = i % 2 ? runSync(...operands, { out: av }) : await run(...operands, { out: av });
        if (returned !== av) failures.push(`${label}: did not return out`);
      } catch (e) {
        failures.push(`${label}: threw ${(e as Error).message}`);
        continue;
      }
      pending.push({ label, np, ulp: 0, result: av.copy() });
    }
    failures.push(...compare(pending));
    expect(failures.slice(0, 30)).toEqual([]);
  });
});
