/** Runs one linear-algebra task (src/worker/types.ts LinalgTask) inside a kernel worker. */
import { gemvRange } from '../kernels/gemv.js';
import { gemmBatchRange, gemmRange } from '../kernels/matmul.js';
import { outerRange } from '../kernels/outer.js';
import { transposeRange } from '../kernels/transpose.js';
import type { LinalgOp } from './types.js';

/** Rows [begin, end) of the op's output; false when `flag` stopped it. */
export function runLinalg(op: LinalgOp, begin: number, end: number, flag: Int32Array | undefined): boolean {
  switch (op.name) {
    case 'gemm':
      return gemmRange(op.p, begin, end, op.j0, op.j1, flag);
    case 'gemmBatch':
      return gemmBatchRange(op.p, begin, end, flag);
    case 'gemv':
      return gemvRange(op.p, begin, end, flag);
    case 'transpose':
      return transposeRange(op.a, op.out, op.rows, op.cols, begin, end, flag);
    case 'outer':
      return outerRange(op.x, op.y, op.out, begin, end, flag);
  }
}
