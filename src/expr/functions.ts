/**
 * What names and operators mean in an expression: every elementwise kernel
 * by its own name, the operators as kernels, dtype names as casts, and the
 * reductions that may end an expression. One table, read by the checker
 * (src/expr/lower.ts) and by the README's list of names.
 */
import type { Dtype } from '../dtypes.js';
import type { MapKind } from '../kernels/map.js';
import { MAP_KERNELS } from '../kernels/registry.js';
import type { BinaryOp } from './ast.js';
import { PROGRAM_REDUCTIONS } from './program.js';

export interface KernelInfo {
  readonly name: string;
  readonly arity: number;
  readonly kind: MapKind;
}

/** The elementwise kernels an expression may call by name (astype is spelled as a dtype name). */
export const EXPRESSION_KERNELS: ReadonlyMap<string, KernelInfo> = new Map(
  MAP_KERNELS.filter((k) => k.name !== 'astype').map((k) => [k.name, { name: k.name, arity: k.arity, kind: k.kind }]),
);

/** Arithmetic and comparison operators and the kernel each one runs. */
export const OPERATOR_KERNELS: Readonly<Partial<Record<BinaryOp, string>>> = {
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'div',
  '%': 'mod',
  '**': 'pow',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
  '==': 'eq',
  '!=': 'ne',
};

/** Casts: `float32(x)` converts as `astype` does. */
export const CAST_NAMES: ReadonlySet<Dtype> = new Set<Dtype>(['float64', 'float32', 'int32', 'uint32', 'int16', 'uint16', 'int8', 'uint8']);

export type ReductionName = (typeof PROGRAM_REDUCTIONS)[number];

/** The reductions an expression may end in. */
export const REDUCTION_NAMES: ReadonlySet<string> = new Set(PROGRAM_REDUCTIONS);

/**
 * numpy's fast paths for a scalar exponent (`a ** 2` runs `square(a)`):
 * taking the same ones gives numpy's results and avoids pow's cost.
 */
export const POWER_SHORTCUTS: ReadonlyMap<number, string> = new Map([
  [2, 'square'],
  [0.5, 'sqrt'],
  [-1, 'reciprocal'],
]);

/** The nearest of `names` to `name` (edit distance), for "did you mean" hints. */
export function nearestName(name: string, names: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(name.length / 3)) + 1;
  for (const candidate of names) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
