/**
 * Array expressions, numexpr's model: a formula over arrays runs as one
 * fused pass (blocks of a few thousand elements through L1-sized registers,
 * split across the pool), with no full-size temporaries.
 */
import { CorepoolTypeError, ErrorCode } from '../errors.js';
import type { Node } from '../expr/ast.js';
import {
  type CompiledExpression,
  compileTree,
  expressionSteps,
  type ExpressionOptions,
  type ExpressionResult,
  type ExpressionResultOf,
  type ExpressionVariables,
} from '../expr/compiled.js';
import { parseExpression } from '../expr/parse.js';
import type { NDArray } from '../nd/ndarray.js';
import { drive, driveSync, type Steps } from './steps.js';

export type { ExpressionOptions, ExpressionResult, ExpressionResultOf, ExpressionVariables } from '../expr/compiled.js';
export { CompiledExpression } from '../expr/compiled.js';

/** Parsed trees by expression string: a loop that evaluates one string parses it once. */
const parsed = new Map<string, Node>();
const PARSED_LIMIT = 256;

function checkString(expression: unknown, owner: string): string {
  if (typeof expression !== 'string') {
    throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `${owner}: expression must be a string; got ${typeof expression}`);
  }
  return expression;
}

function parseCached(given: unknown, owner: string): Node {
  const expression = checkString(given, owner);
  let tree = parsed.get(expression);
  if (tree === undefined) {
    tree = parseExpression(expression);
    if (parsed.size >= PARSED_LIMIT) parsed.delete(parsed.keys().next().value!);
    parsed.set(expression, tree);
  }
  return tree;
}

function* evaluateSteps(expression: unknown, vars: unknown, options: unknown, owner: string): Steps<ExpressionResult> {
  return yield* expressionSteps(parseCached(expression, owner), expression as string, vars, options, owner);
}

/**
 * Evaluates an array expression in one fused, multi-core pass, without
 * full-size temporaries: `await evaluate('2*a + 3*b*c', { a, b, c })`.
 *
 * The grammar: numbers, variables, `+ - * / % **`, unary `-`, comparisons,
 * `&& || !` (and `& | ~` on booleans), `c ? a : b` and `where(c, a, b)`,
 * every elementwise kernel by name (`sin`, `exp`, `hypot`, `minimum`, …),
 * dtype names as casts (`float32(x)`), and a reduction of the whole
 * expression: `sum`, `prod`, `min`, `max`, `mean`, optionally with
 * `axis=k` or `axis=(0, 1)`. Each step promotes dtypes as the kernel of
 * the same name does, so the result is bit for bit the chain of kernel
 * calls; float32 stays float32. The string is parsed, never evaluated as JS.
 *
 * Python equivalent: `numexpr.evaluate(expression, local_dict=vars, out=out)`.
 * @param expression - the expression.
 * @param vars - the variables: TypedArrays or NDArrays (broadcast together, numpy's rules) or numbers.
 * @param options - `out` (an NDArray of the result's shape, or a TypedArray of its size, of the result dtype), `signal`,
 *   and `axis` for a reduction of the whole expression (as `axis=` in the string).
 * @returns the result: an NDArray when an operand is one, else a TypedArray; a number for a reduction without axis
 *   (an NDArray with one). For a literal expression the type says which (ExpressionResultOf).
 * @throws (rejects) SyntaxError ERR_EXPRESSION_SYNTAX (the message points at the place), TypeError ERR_EXPRESSION_NAME /
 *   ERR_EXPRESSION_ARITY / ERR_EXPRESSION_TYPE / ERR_INVALID_ARG_TYPE / ERR_INVALID_OPTION, RangeError ERR_SHAPE_MISMATCH,
 *   AbortError ABORT_ERR.
 */
export function evaluate<V extends ExpressionVariables>(
  expression: string,
  vars: V,
  options: ExpressionOptions & { axis: number | readonly number[] },
): Promise<NDArray>;
export function evaluate<E extends string, V extends ExpressionVariables>(
  expression: E,
  vars: V,
  options?: ExpressionOptions,
): Promise<ExpressionResultOf<E, V>>;
export function evaluate<E extends string, V extends ExpressionVariables>(
  expression: E,
  vars: V,
  options?: ExpressionOptions,
): Promise<ExpressionResultOf<E, V>> {
  return drive(evaluateSteps(expression, vars, options, 'evaluate')) as Promise<ExpressionResultOf<E, V>>;
}

/** {@link evaluate}, blocking until done (from `corepool/sync`). */
export function evaluateSync<V extends ExpressionVariables>(
  expression: string,
  vars: V,
  options: ExpressionOptions & { axis: number | readonly number[] },
): NDArray;
export function evaluateSync<E extends string, V extends ExpressionVariables>(
  expression: E,
  vars: V,
  options?: ExpressionOptions,
): ExpressionResultOf<E, V>;
export function evaluateSync<E extends string, V extends ExpressionVariables>(
  expression: E,
  vars: V,
  options?: ExpressionOptions,
): ExpressionResultOf<E, V> {
  return driveSync(evaluateSteps(expression, vars, options, 'evaluate')) as ExpressionResultOf<E, V>;
}

/**
 * Parses and checks the syntax of an expression once, for many runs:
 * `const f = compile('exp(-(x - mu)**2 / (2*s*s))'); await f.run({ x, mu: 0, s: 1 })`.
 * Names and dtypes are checked at each run, against its variables.
 * @param expression - the expression (grammar of {@link evaluate}).
 * @returns a {@link CompiledExpression} with `run` and `runSync`.
 * @throws SyntaxError ERR_EXPRESSION_SYNTAX, TypeError ERR_INVALID_ARG_TYPE.
 */
export function compile<E extends string>(expression: E): CompiledExpression<E> {
  // compile is called once per expression: its tree is its own, not the string cache's.
  return compileTree(parseExpression(checkString(expression, 'compile')), expression);
}
