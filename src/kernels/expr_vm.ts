/**
 * The TypeScript twin of native/kernels/expr_vm.cc: runs an expression
 * program (src/expr/program.ts) block by block. Each instruction runs its
 * kernel's own twin loop on chunk buffers of the register dtypes, so every
 * step rounds exactly where the chained kernel calls would, and reduce mode
 * applies the reduction's block function to each block's values in the
 * blocks the flat reduction uses: the same bits as native.
 */
import { CONSTRUCTOR_BY_DTYPE, type Dtype, type NumericArray } from '../dtypes.js';
import { EXPR_BLOCK, EXPR_CHUNK, HEADER_WORDS, INSTRUCTION_WORDS, MODE_STORE, OPERAND_BINDING, OPERAND_REGISTER } from '../expr/program.js';
import { blockCount } from './blocks.js';
import type { MapInput, MapTwin } from './map.js';
import { PARTIAL_FIELDS, type ReduceTwin } from './reduce.js';
import { mapTwin, reduceTwin } from './registry.js';
import { forEachSegment } from './strided.js';
import { sum } from './sum.js';
import { dtypeOf } from '../validate.js';

const DTYPES: readonly Dtype[] = ['float64', 'float32', 'int32', 'uint32', 'int16', 'uint16', 'int8', 'uint8', 'uint8clamped'];

interface Instruction {
  readonly twin: MapTwin;
  readonly dst: number;
  /** Per operand: [kind, value]. */
  readonly operands: ReadonlyArray<readonly [number, number]>;
}

/** A decoded program. */
export interface ExprPlan {
  readonly store: boolean;
  readonly reduce: ReduceTwin | undefined;
  readonly size: number;
  readonly registers: readonly Dtype[];
  readonly result: number;
  readonly instructions: readonly Instruction[];
  /** One single-operand geometry per binding, for gathers and scatters. */
  readonly layouts: ReadonlyArray<readonly number[]>;
  /** Per binding: the offset when it is one unit-stride run in C order, else -1. */
  readonly runs: readonly number[];
}

/** Plans by program: a compiled expression run in a loop reuses its program words. */
const DECODED = new WeakMap<Float64Array, ExprPlan>();

/** Decodes program words the compiler wrote (src/expr/encode.ts); cached per words array, which callers never change. */
export function decodeProgram(words: Float64Array): ExprPlan {
  let plan = DECODED.get(words);
  if (plan === undefined) {
    plan = decode(words);
    DECODED.set(words, plan);
  }
  return plan;
}

function decode(words: Float64Array): ExprPlan {
  const bindings = words[3]!;
  const registerCount = words[4]!;
  const count = words[5]!;
  let at = HEADER_WORDS;
  const ndim = words[at]!;
  const shape = Array.from({ length: ndim }, (_, d) => words[at + 2 + d]!);
  const layouts: number[][] = [];
  const runs: number[] = [];
  for (let b = 0; b < bindings; b++) {
    const base = at + 2 + ndim + b * (1 + ndim);
    const strides = Array.from({ length: ndim }, (_, d) => words[base + 1 + d]!);
    layouts.push([ndim, 1, ...shape, words[base]!, ...strides]);
    // C order with unit steps: one run starting at the offset.
    let step = 1;
    let unit = true;
    for (let d = ndim - 1; d >= 0 && unit; d--) {
      unit = shape[d] === 1 || strides[d] === step;
      step *= shape[d]!;
    }
    runs.push(unit ? words[base]! : -1);
  }
  at += 2 + ndim + bindings * (1 + ndim);
  at += bindings;
  const registers = Array.from({ length: registerCount }, (_, r) => DTYPES[words[at + r]!]!);
  at += registerCount;
  const instructions: Instruction[] = [];
  for (let i = 0; i < count; i++, at += INSTRUCTION_WORDS) {
    const twin = mapTwin(words[at]!);
    const operands = Array.from({ length: twin.arity }, (_, k) => [words[at + 2 + 2 * k]!, words[at + 3 + 2 * k]!] as const);
    instructions.push({ twin, dst: words[at + 1]!, operands });
  }
  const store = words[1] === MODE_STORE;
  return {
    store,
    reduce: store ? undefined : reduceTwin(words[2]!),
    size: shape.reduce((a, b) => a * b, 1),
    registers,
    result: words[6]!,
    instructions,
    layouts,
    runs,
  };
}

/** Copies elements [lo, hi) of a binding (C order of the shape) into `into`. */
function gather(array: NumericArray, layout: readonly number[], lo: number, hi: number, into: Float64Array): void {
  let k = 0;
  forEachSegment(layout, lo, hi, (pos, n) => {
    const stride = layout[layout.length - 1]!;
    for (let i = 0, p = pos[0]!; i < n; i++, p += stride) into[k++] = array[p]!;
  });
}

/** Writes `from` to elements [lo, hi) of a binding. */
function scatter(array: NumericArray, layout: readonly number[], lo: number, hi: number, from: NumericArray): void {
  let k = 0;
  forEachSegment(layout, lo, hi, (pos, n) => {
    const stride = layout[layout.length - 1]!;
    for (let i = 0, p = pos[0]!; i < n; i++, p += stride) array[p] = from[k++]!;
  });
}

const buffer = (dtype: Dtype, n: number): NumericArray => new (CONSTRUCTOR_BY_DTYPE.get(dtype)!)(n);

/**
 * Runs blocks [first, last) of `plan` over `arrays`. Store mode returns an
 * empty array; reduce mode the blocks' partials. Returns undefined when
 * `flag[0]` became non-zero first.
 */
export function runExprBlocks(
  plan: ExprPlan,
  arrays: readonly NumericArray[],
  first: number,
  last: number,
  flag?: Int32Array,
): Float64Array | undefined {
  // Buffers no longer than the data: a small call allocates little.
  const chunk = Math.min(EXPR_CHUNK, plan.size);
  const registers = plan.registers.map((dtype) => buffer(dtype, chunk));
  const gathered = arrays.map((_, b) => (plan.runs[b]! >= 0 ? undefined : new Float64Array(chunk)));
  const out = arrays[0]!;
  const outChunk = plan.store && plan.runs[0]! < 0 ? buffer(dtypeOf(out)!, chunk) : undefined;
  const blockValues = plan.reduce === undefined ? undefined : buffer(plan.registers[plan.result]!, Math.min(EXPR_BLOCK, plan.size));
  const parts = new Float64Array(plan.reduce === undefined ? 0 : (last - first) * PARTIAL_FIELDS);
  const ins: MapInput[] = [0, 0, 0];
  for (let b = first; b < last; b++) {
    if (flag !== undefined && Atomics.load(flag, 0) !== 0) return undefined;
    const begin = b * EXPR_BLOCK;
    const end = Math.min(plan.size, begin + EXPR_BLOCK);
    for (let lo = begin; lo < end; lo += EXPR_CHUNK) {
      const hi = Math.min(end, lo + EXPR_CHUNK);
      const n = hi - lo;
      let ready = 0; // bit b: binding b is gathered for this chunk (at most 32 bindings)
      for (const instruction of plan.instructions) {
        instruction.operands.forEach(([kind, value], k) => {
          if (kind === OPERAND_REGISTER) {
            ins[k] = registers[value]!;
          } else if (kind === OPERAND_BINDING) {
            const run = plan.runs[value]!;
            if (run >= 0) {
              ins[k] = arrays[value]!.subarray(run + lo, run + hi);
            } else {
              if ((ready & (1 << value)) === 0) gather(arrays[value]!, plan.layouts[value]!, lo, hi, gathered[value]!);
              ready |= 1 << value;
              ins[k] = gathered[value]!;
            }
          } else {
            ins[k] = value;
          }
        });
        if (instruction.dst >= 0) {
          instruction.twin.loop(ins, registers[instruction.dst]!, 0, n);
        } else if (plan.runs[0]! >= 0) {
          instruction.twin.loop(ins, out.subarray(plan.runs[0]! + lo, plan.runs[0]! + hi), 0, n);
        } else {
          instruction.twin.loop(ins, outChunk!, 0, n);
          scatter(out, plan.layouts[0]!, lo, hi, outChunk!);
        }
      }
      if (blockValues !== undefined) blockValues.set(registers[plan.result]!.subarray(0, n), lo - begin);
    }
    if (plan.reduce !== undefined) plan.reduce.block([blockValues!.subarray(0, end - begin)], 0, end - begin, parts, b - first);
  }
  return parts;
}

/** The reduced value from every block's partials, finished as the flat reduction finishes over `size` elements. */
export function finishExpr(plan: ExprPlan, parts: Float64Array): number {
  const twin = plan.reduce!;
  if (plan.size === 0) return twin.emptyValue;
  const sample = buffer(plan.registers[plan.result]!, 1);
  const count = blockCount(plan.size, EXPR_BLOCK);
  // mean's total divides by its operand's length, which here is only a sample of the dtype.
  if (twin.name === 'mean') return sum.total(parts, count, [sample]) / plan.size;
  return twin.total(parts, count, [sample]);
}

/** The whole program on the calling thread: 0 in store mode, the reduced value in reduce mode. */
export function runExprInline(plan: ExprPlan, arrays: readonly NumericArray[]): number {
  const parts = runExprBlocks(plan, arrays, 0, blockCount(plan.size, EXPR_BLOCK))!;
  return plan.store ? 0 : finishExpr(plan, parts);
}
