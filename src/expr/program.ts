/**
 * The bytecode an array expression compiles to, shared by both engines:
 * native/kernels/expr_vm.{h,cc} runs it natively and src/kernels/expr_vm.ts
 * is its TypeScript twin. Both read the same words, so the two backends give
 * the same bits wherever the elementwise kernels themselves do.
 *
 * A program is one Float64Array of integers (and scalar constants):
 *
 * | words | meaning |
 * |---|---|
 * | `[0]` | format version, {@link PROGRAM_VERSION} |
 * | `[1]` | mode: {@link MODE_STORE} writes binding 0; {@link MODE_REDUCE} reduces every element |
 * | `[2]` | the reduction's wire id (registry.def order) in reduce mode, else -1 |
 * | `[3]` | B, the number of bindings (1 to {@link MAX_BINDINGS}); `arrays.length` must equal it |
 * | `[4]` | R, the number of registers (0 to {@link MAX_REGISTERS}) |
 * | `[5]` | I, the number of instructions (1 to {@link MAX_INSTRUCTIONS}) |
 * | `[6]` | reduce mode: the register holding the values to reduce; else -1 |
 * | geometry | `ndim, B, ...shape, ...(offset, ...strides) per binding`: the packing of src/kernels/strided.ts with B operands (1 ≤ ndim ≤ 32) |
 * | B words | each binding's dtype code (`DTYPE_CODES` of src/dtypes.ts); it must be the array's own |
 * | R words | each register's dtype code |
 * | 8 words per instruction | map kernel wire id (registry_map.def order), destination, then three operand pairs `(kind, value)` |
 *
 * The geometry's shape is the iteration space (the result's shape) and its
 * C order numbers the elements 0…N-1. Binding b is `arrays[b]`, read (or, for
 * binding 0 in store mode, written) at `offset + Σ index[d] * strides[d]`;
 * every such position must lie inside the array.
 *
 * An instruction runs its map kernel exactly as a call of that kernel would:
 * `plan(destination dtype, dtype of the first non-scalar operand, else the
 * destination's)` picks the compute dtype; operands of another dtype are cast
 * to it (only exact casts are allowed), scalars are filled in (they must fit
 * the compute dtype), and the loop writes the destination.
 * - Destination: a register index, or -1 for binding 0 (store mode only; the
 *   last instruction, and only it, writes there).
 * - Operand kinds: {@link OPERAND_REGISTER} (value: a register written by an
 *   earlier instruction), {@link OPERAND_BINDING} (value: a binding index),
 *   {@link OPERAND_SCALAR} (value: the number). Pairs past the kernel's arity
 *   are `(0, 0)` and ignored.
 *
 * Evaluation runs in blocks of {@link EXPR_BLOCK} elements in C order (the
 * unit of parallel work, fixed by the shape alone), each block in chunks of
 * {@link EXPR_CHUNK}. Reduce mode computes the register of each block into a
 * block buffer, applies the reduction's block function to it, and combines
 * the partials in the flat reduction's tree order: the value is bit for bit
 * that of the reduction over the materialised result, for any thread count.
 * Only sum, mean, prod, min and max may reduce (their block results do not
 * depend on where the block starts).
 *
 * The call resolves NaN when its cancel flag stopped it (the caller checks
 * its own flag), else 0 in store mode and the reduced value in reduce mode.
 */

export const PROGRAM_VERSION = 1;
export const MODE_STORE = 0;
export const MODE_REDUCE = 1;
export const OPERAND_REGISTER = 0;
export const OPERAND_BINDING = 1;
export const OPERAND_SCALAR = 2;
/** Words before the geometry. */
export const HEADER_WORDS = 7;
/** Words per instruction. */
export const INSTRUCTION_WORDS = 8;
export const MAX_BINDINGS = 32;
export const MAX_REGISTERS = 32;
export const MAX_INSTRUCTIONS = 256;
/** Elements per block: the unit of parallel work (kMapBlock = kReduceBlock). */
export const EXPR_BLOCK = 16384;
/** Elements per chunk inside a block: its registers stay in L1/L2. */
export const EXPR_CHUNK = 1024;
/** The reductions a program may end in. */
export const PROGRAM_REDUCTIONS = ['sum', 'mean', 'prod', 'min', 'max'] as const;
