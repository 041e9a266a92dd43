/**
 * Expression programs on the fallback backend: small ones inline, shared
 * arrays split into block ranges across the workers (zero-copy), ordinary
 * ones on this thread in slices that yield to the event loop.
 */
import { isShared, type NumericArray } from '../dtypes.js';
import { EXPR_BLOCK } from '../expr/program.js';
import { blockCount } from '../kernels/blocks.js';
import { decodeProgram, finishExpr, runExprBlocks, runExprInline, type ExprPlan } from '../kernels/expr_vm.js';
import { PARTIAL_FIELDS } from '../kernels/reduce.js';
import { settleAttached, throwIfDetached } from '../validate.js';
import { type KernelWorkers, splitBlocks } from './kernel_workers.js';
import { FALLBACK_INLINE_MAX_ELEMENTS, FALLBACK_SLICE_BLOCKS } from './thresholds.js';

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Joins block-range partials in block order and finishes (reduce mode), or 0 (store mode). */
function settle(plan: ExprPlan, pieces: ReadonlyArray<Float64Array | undefined>): number {
  if (pieces.some((piece) => piece === undefined)) return NaN;
  if (plan.store) return 0;
  const parts = new Float64Array(blockCount(plan.size, EXPR_BLOCK) * PARTIAL_FIELDS);
  let offset = 0;
  for (const piece of pieces) {
    parts.set(piece!, offset);
    offset += piece!.length;
  }
  return finishExpr(plan, parts);
}

async function onWorkers(
  workers: KernelWorkers,
  program: Float64Array,
  plan: ExprPlan,
  arrays: readonly NumericArray[],
  flag?: Int32Array,
) {
  const count = blockCount(plan.size, EXPR_BLOCK);
  const outputs = await Promise.all(
    splitBlocks(count, workers.size).map(([first, last], w) =>
      workers.run(w, { kind: 'expr', program, arrays: [...arrays], first, last, flag }),
    ),
  );
  return settle(
    plan,
    outputs.map((o) => (o.done === false ? undefined : (o.parts ?? new Float64Array(0)))),
  );
}

async function sliced(plan: ExprPlan, arrays: readonly NumericArray[], flag?: Int32Array): Promise<number> {
  const count = blockCount(plan.size, EXPR_BLOCK);
  const pieces: Array<Float64Array | undefined> = [];
  for (let first = 0; first < count; first += FALLBACK_SLICE_BLOCKS) {
    await yieldToLoop();
    throwIfDetached(arrays);
    const piece = runExprBlocks(plan, arrays, first, Math.min(count, first + FALLBACK_SLICE_BLOCKS), flag);
    pieces.push(piece);
    if (piece === undefined) break;
  }
  return settle(plan, pieces);
}

/** Backend.expr on the fallback. */
export function exprOnFallback(
  workers: KernelWorkers,
  program: Float64Array,
  arrays: readonly NumericArray[],
  flag?: Int32Array,
): Promise<number> {
  return settleAttached(arrays, async () => {
    const plan = decodeProgram(program);
    if (plan.size <= FALLBACK_INLINE_MAX_ELEMENTS) return runExprInline(plan, arrays);
    if (arrays.every(isShared)) return onWorkers(workers, program, plan, arrays, flag);
    return sliced(plan, arrays, flag);
  });
}

/** Backend.exprSync on the fallback. */
export function exprSyncOnFallback(program: Float64Array, arrays: readonly NumericArray[]): number {
  return runExprInline(decodeProgram(program), arrays);
}
