/**
 * The plain single-threaded JavaScript loops corepool is compared with: what
 * a user would write without the library. The 1-accumulator loop is bound by
 * the latency of one floating-point add per element; 4 independent
 * accumulators let the CPU overlap the adds, which is the fair "best plain
 * JS" reference the targets use.
 */

export function sum1(a) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

export function sum4(a) {
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  const n = a.length;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += a[i];
    s1 += a[i + 1];
    s2 += a[i + 2];
    s3 += a[i + 3];
  }
  for (; i < n; i++) s0 += a[i];
  return s0 + s1 + (s2 + s3);
}

export function dot1(a, b) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function dot4(a, b) {
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  const n = a.length;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
    s2 += a[i + 2] * b[i + 2];
    s3 += a[i + 3] * b[i + 3];
  }
  for (; i < n; i++) s0 += a[i] * b[i];
  return s0 + s1 + (s2 + s3);
}

// min: NaN handling is left out on purpose; the plain loop a user writes has none.
export function min1(a) {
  let m = Infinity;
  for (let i = 0; i < a.length; i++) if (a[i] < m) m = a[i];
  return m;
}

export function min4(a) {
  let m0 = Infinity,
    m1 = Infinity,
    m2 = Infinity,
    m3 = Infinity;
  const n = a.length;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    if (a[i] < m0) m0 = a[i];
    if (a[i + 1] < m1) m1 = a[i + 1];
    if (a[i + 2] < m2) m2 = a[i + 2];
    if (a[i + 3] < m3) m3 = a[i + 3];
  }
  for (; i < n; i++) if (a[i] < m0) m0 = a[i];
  return Math.min(m0, m1, m2, m3);
}

/** The loops by kernel name: [1 accumulator, 4 accumulators]. */
export const JS_LOOPS = {
  sum: [sum1, sum4],
  dot: [dot1, dot4],
  min: [min1, min4],
};
