/**
 * References for the linear-algebra tests: a compensated dot product (Dot2,
 * twice-working-precision via TwoSum and Dekker's TwoProduct) and the error
 * bound the kernels must meet, |c - ref| <= 2 (k + 2) u (|alpha| sum_l |a_il b_lj| + |beta c0|).
 */
export type Floats = Float64Array | Float32Array;

const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter for doubles

/** a * b = p + e exactly (|a b| far below overflow in these tests). */
function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return [p, al * bl - (p - ah * bh - al * bh - ah * bl)];
}

/** Dot product of the `k` terms x(l) * y(l), as if in twice the working precision. */
export function dot2(k: number, x: (l: number) => number, y: (l: number) => number): { value: number; abs: number } {
  let s = 0;
  let c = 0;
  let abs = 0;
  for (let l = 0; l < k; l++) {
    const xl = x(l);
    const yl = y(l);
    const [p, e] = twoProduct(xl, yl);
    const t = s + p;
    const z = t - s;
    c += s - (t - z) + (p - z) + e;
    s = t;
    abs += Math.abs(xl * yl);
  }
  return { value: s + c, abs };
}

/** Unit roundoff of the array's dtype. */
export const unitRoundoff = (a: Floats): number => (a instanceof Float32Array ? 2 ** -24 : 2 ** -53);

export interface GemmCase {
  a: Floats;
  b: Floats;
  m: number;
  k: number;
  n: number;
  transA: boolean;
  transB: boolean;
  alpha: number;
  beta: number;
  /** C before the call (only read when beta != 0). */
  c0?: Floats | undefined;
}

/**
 * Exact-ish C and the allowed |error| per element. Async: it yields about every
 * million multiply-adds, as a large case would otherwise block the test worker
 * for seconds on a busy machine and starve vitest's RPC (issue 10, finding 11).
 */
export async function gemmReference(g: GemmCase): Promise<{ ref: Float64Array; tol: Float64Array }> {
  const { a, b, m, k, n, transA, transB, alpha, beta, c0 } = g;
  const u = unitRoundoff(a);
  const ref = new Float64Array(m * n);
  const tol = new Float64Array(m * n);
  let work = 0;
  for (let i = 0; i < m; i++) {
    work += n * (k + 1);
    if (work > 1 << 20) {
      work = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (let j = 0; j < n; j++) {
      const d =
        alpha === 0
          ? { value: 0, abs: 0 }
          : dot2(
              k,
              (l) => a[transA ? l * m + i : i * k + l]!,
              (l) => b[transB ? j * k + l : l * n + j]!,
            );
      const old = beta === 0 ? 0 : beta * c0![i * n + j]!;
      ref[i * n + j] = alpha * d.value + old;
      tol[i * n + j] = 2 * (k + 2) * u * (Math.abs(alpha) * d.abs + Math.abs(old)) + 1e-300;
    }
  }
  return { ref, tol };
}

/** The first element (of at most `limit` reported) outside its tolerance, or undefined. */
export function outsideTolerance(c: ArrayLike<number>, ref: ArrayLike<number>, tol: ArrayLike<number>): string | undefined {
  if (c.length !== ref.length) return `length ${c.length} vs ${ref.length}`;
  for (let i = 0; i < c.length; i++) {
    const err = Math.abs(c[i]! - ref[i]!);
    if (!(err <= tol[i]!)) return `[${i}] got ${c[i]}, reference ${ref[i]}, |error| ${err} > ${tol[i]}`;
  }
  return undefined;
}

/** Bitwise equality (NaN equal to NaN), or the first difference. */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): string | undefined {
  if (a.length !== b.length) return `length ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i]) && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return `[${i}] ${a[i]} vs ${b[i]}`;
  }
  return undefined;
}

/** A float matrix of `n` values in [-1, 1) scaled by 2^[-4, 4), at `offset` elements into its buffer. */
export function floats(float32: boolean, n: number, seed: number, { offset = 0, shared = false } = {}): Floats {
  const size = float32 ? 4 : 8;
  const buffer: ArrayBufferLike = shared ? new SharedArrayBuffer((n + offset) * size) : new ArrayBuffer((n + offset) * size);
  const out = float32 ? new Float32Array(buffer, offset * size, n) : new Float64Array(buffer, offset * size, n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const u = s / 4294967296;
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (2 * u - 1) * 2 ** ((s >>> 29) - 4);
  }
  return out;
}
