/**
 * A peephole pass over the checked operations: `x*y + z` becomes one `fma`
 * instruction when that gives the same bits. The fma kernel rounds twice, as
 * `mul` then `add` do (it is numpy's `a * b + c`, not a fused multiply-add),
 * so the rewrite is exact whenever the product's dtype is already the sum's:
 * then fma computes in that dtype too, and the product rounds where mul would
 * have rounded it. One instruction less is one pass less over a chunk.
 */
import type { Lowered, Op, Source, Value } from './lower.js';

const opIndex = (v: Value): number => (v.kind === 'array' && v.source.type === 'op' ? v.source.index : -1);

/** How many times each operation's result is read (the result of the whole counts once). */
function useCounts(ops: readonly Op[], value: Value): number[] {
  const uses = new Array<number>(ops.length).fill(0);
  for (const op of ops) for (const arg of op.args) if (opIndex(arg) >= 0) uses[opIndex(arg)]!++;
  if (opIndex(value) >= 0) uses[opIndex(value)]!++;
  return uses;
}

/** The fma that replaces `add` (op i), or undefined. */
function fused(ops: readonly Op[], i: number, uses: readonly number[]): { op: Op; product: number } | undefined {
  const op = ops[i]!;
  if (op.kernel !== 'add') return undefined;
  for (const k of [0, 1]) {
    const j = opIndex(op.args[k]!);
    const product = j >= 0 ? ops[j]! : undefined;
    if (product === undefined || product.kernel !== 'mul' || uses[j] !== 1 || product.dtype !== op.dtype) continue;
    return { op: { kernel: 'fma', kind: 'arith', dtype: op.dtype, args: [...product.args, op.args[1 - k]!] }, product: j };
  }
  return undefined;
}

/** `lowered` with every exact multiply-add fused (the operations renumbered). */
export function fuseMultiplyAdd(lowered: Lowered): Lowered {
  const uses = useCounts(lowered.ops, lowered.value);
  const ops = lowered.ops.slice();
  const dead = new Set<number>();
  for (let i = 0; i < ops.length; i++) {
    const f = fused(ops, i, uses);
    if (f === undefined) continue;
    ops[i] = f.op;
    dead.add(f.product);
  }
  if (dead.size === 0) return lowered;
  const renumber = new Array<number>(ops.length);
  let next = 0;
  for (let i = 0; i < ops.length; i++) if (!dead.has(i)) renumber[i] = next++;
  const move = (v: Value): Value =>
    v.kind === 'array' && v.source.type === 'op' ? { ...v, source: { type: 'op', index: renumber[v.source.index]! } as Source } : v;
  const kept = ops.filter((_, i) => !dead.has(i)).map((op) => ({ ...op, args: op.args.map(move) }));
  return { ...lowered, ops: kept, value: move(lowered.value) };
}
