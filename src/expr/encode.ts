/**
 * The compiler's back end: a checked list of operations (src/expr/lower.ts)
 * to the program words of src/expr/program.ts. Registers are reused as soon
 * as their last reader has run, so a long expression needs few of them and
 * its chunk buffers stay in cache.
 */
import { DTYPE_CODES, type Dtype, type NumericArray } from '../dtypes.js';
import { CorepoolTypeError, ErrorCode } from '../errors.js';
import { packGeometry } from '../kernels/strided.js';
import { stretch } from '../api/map_nd.js';
import { mapId } from '../kernels/registry.js';
import { scalarIn } from '../api/map_args.js';
import type { Lowered, Op, Value } from './lower.js';
import {
  HEADER_WORDS,
  INSTRUCTION_WORDS,
  MAX_BINDINGS,
  MAX_INSTRUCTIONS,
  MAX_REGISTERS,
  MODE_REDUCE,
  MODE_STORE,
  OPERAND_BINDING,
  OPERAND_REGISTER,
  OPERAND_SCALAR,
  PROGRAM_VERSION,
} from './program.js';

/** Where a store program writes: an NDArray, or just the layout of a result still to be allocated. */
export interface OutLayout {
  readonly dtype: Dtype;
  readonly offset: number;
  readonly strides: readonly number[];
  readonly data?: NumericArray;
}

export interface Encoded {
  readonly program: Float64Array;
  /** Binding b of the program is arrays[b]. */
  readonly arrays: NumericArray[];
}

function tooLarge(what: string, limit: number): CorepoolTypeError {
  return new CorepoolTypeError(ErrorCode.EXPRESSION_TYPE, `expression: too large (more than ${limit} ${what}); split it into parts`);
}

/** The operation list with a final copy when the result is not the last operation's. */
function withResultOp(lowered: Lowered): Op[] {
  const { ops, value } = lowered;
  if (value.kind === 'array' && value.source.type === 'op' && value.source.index === ops.length - 1) return ops;
  const dtype = (value as { dtype: Dtype }).dtype;
  return [...ops, { kernel: 'astype', kind: 'cast', dtype, args: [value] }];
}

/** Register of each operation's result; -1 for the one that writes binding 0. */
function allocateRegisters(ops: readonly Op[], store: boolean): { registers: number[]; dtypes: Dtype[] } {
  const lastUse = new Array<number>(ops.length).fill(-1);
  ops.forEach((op, i) => {
    for (const arg of op.args) if (arg.kind === 'array' && arg.source.type === 'op') lastUse[arg.source.index] = i;
  });
  const registers: number[] = [];
  const dtypes: Dtype[] = [];
  const free: number[] = [];
  ops.forEach((op, i) => {
    if (store && i === ops.length - 1) {
      registers.push(-1);
    } else {
      const reuse = free.findIndex((r) => dtypes[r] === op.dtype);
      let register: number;
      if (reuse >= 0) {
        register = free.splice(reuse, 1)[0]!;
      } else {
        register = dtypes.length;
        dtypes.push(op.dtype);
        if (dtypes.length > MAX_REGISTERS) throw tooLarge('live intermediate arrays', MAX_REGISTERS);
      }
      registers.push(register);
    }
    // Operands die after the destination is chosen, so no instruction writes what it reads.
    for (const arg of op.args) {
      if (arg.kind === 'array' && arg.source.type === 'op' && lastUse[arg.source.index] === i) free.push(registers[arg.source.index]!);
    }
  });
  return { registers, dtypes };
}

/** The words of one operand. */
function operandWords(op: Op, k: number, arg: Value, registers: readonly number[], base: number): [number, number] {
  if (arg.kind === 'array') {
    return arg.source.type === 'op' ? [OPERAND_REGISTER, registers[arg.source.index]!] : [OPERAND_BINDING, base + arg.source.index];
  }
  // A condition is only tested against zero; other numbers are rounded to
  // the compute dtype exactly as a kernel call rounds them (src/api/map_args.ts).
  if (op.kind === 'select' && k === 0) return [OPERAND_SCALAR, arg.value !== 0 ? 1 : 0];
  const compute: Dtype = op.kind === 'compare' ? 'float64' : op.dtype;
  return [OPERAND_SCALAR, scalarIn(arg.value, compute, `the number ${arg.value} in the expression`)];
}

/**
 * Encodes `lowered` as a program. Store mode writes `out` (a view of the
 * result's shape and dtype) as binding 0; reduce mode ends in reduction
 * `reduceId` over every element.
 */
export function encode(lowered: Lowered, out: OutLayout | undefined, reduceId: number): Encoded {
  const store = out !== undefined;
  const ops = withResultOp(lowered);
  if (ops.length > MAX_INSTRUCTIONS) throw tooLarge('operations', MAX_INSTRUCTIONS);
  const { registers, dtypes } = allocateRegisters(ops, store);
  const views: OutLayout[] = store ? [out, ...lowered.bindings] : lowered.bindings;
  if (views.length > MAX_BINDINGS) throw tooLarge('array variables', MAX_BINDINGS - 1);
  const shape = lowered.shape;
  const layouts = lowered.bindings.map((view) => stretch(view, shape));
  if (store) layouts.unshift({ offset: out.offset, strides: out.strides });
  const geometry = packGeometry(shape, layouts);
  const words = new Float64Array(HEADER_WORDS + geometry.length + views.length + dtypes.length + ops.length * INSTRUCTION_WORDS);
  words.set([PROGRAM_VERSION, store ? MODE_STORE : MODE_REDUCE, store ? -1 : reduceId, views.length, dtypes.length, ops.length]);
  words[6] = store ? -1 : registers[ops.length - 1]!;
  let at = HEADER_WORDS;
  words.set(geometry, at);
  at += geometry.length;
  for (const view of views) words[at++] = DTYPE_CODES.get(view.dtype)!;
  for (const dtype of dtypes) words[at++] = DTYPE_CODES.get(dtype)!;
  const base = store ? 1 : 0;
  ops.forEach((op, i) => {
    words[at] = mapId(op.kernel);
    words[at + 1] = registers[i]!;
    op.args.forEach((arg, k) => {
      const [kind, value] = operandWords(op, k, arg, registers, base);
      words[at + 2 + 2 * k] = kind;
      words[at + 3 + 2 * k] = value;
    });
    at += INSTRUCTION_WORDS;
  });
  return { program: words, arrays: views.map((view) => view.data!) };
}
