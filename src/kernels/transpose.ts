/**
 * Transpose, the JS twin of native/kernels/transpose.cc: out (cols x rows) =
 * A^T for A (rows x cols), row-major, in square tiles so both the reads and
 * the writes of a tile stay in cache. Pure data movement: every backend and
 * split gives the same bits.
 */
import type { FloatArray } from './matmul.js';

/** Tile edge (32 x 32 doubles = 8 KiB per side of a tile). */
export const TRANSPOSE_TILE = 32;

/**
 * Writes rows [j0, j1) of out, i.e. columns [j0, j1) of A. `a` and `out`
 * must not overlap. Returns false when `flag[0]` became non-zero first.
 */
export function transposeRange(
  a: FloatArray,
  out: FloatArray,
  rows: number,
  cols: number,
  j0: number,
  j1: number,
  flag?: Int32Array,
): boolean {
  const T = TRANSPOSE_TILE;
  if (rows === 0) return true; // nothing to move, however many (empty) columns
  for (let jb = j0; jb < j1; jb += T) {
    if (flag !== undefined && Atomics.load(flag, 0) !== 0) return false;
    const je = Math.min(j1, jb + T);
    for (let ib = 0; ib < rows; ib += T) {
      const ie = Math.min(rows, ib + T);
      for (let j = jb; j < je; j++) {
        const o = j * rows;
        for (let i = ib; i < ie; i++) out[o + i] = a[i * cols + j]!;
      }
    }
  }
  return true;
}

/** In place for a square n x n matrix: swaps tiles across the diagonal. */
function transposeSquareInPlace(a: FloatArray, n: number): void {
  const T = TRANSPOSE_TILE;
  for (let ib = 0; ib < n; ib += T) {
    for (let jb = ib; jb < n; jb += T) {
      const ie = Math.min(n, ib + T);
      const je = Math.min(n, jb + T);
      for (let i = ib; i < ie; i++) {
        for (let j = jb === ib ? i + 1 : jb; j < je; j++) {
          const t = a[i * n + j]!;
          a[i * n + j] = a[j * n + i]!;
          a[j * n + i] = t;
        }
      }
    }
  }
}

/** out = A^T on the calling thread; out === a transposes in place (non-square through a copy). */
export function transpose(a: FloatArray, out: FloatArray, rows: number, cols: number): void {
  if (out !== a) {
    transposeRange(a, out, rows, cols, 0, cols);
  } else if (rows === cols) {
    transposeSquareInPlace(a, rows);
  } else {
    transposeRange(a.slice(), a, rows, cols, 0, cols);
  }
}
