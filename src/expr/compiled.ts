/**
 * TEMPORARY stub, on branch h-vec only: the real module (the checker and
 * compiler to bytecode) comes from the expression engine's branch and
 * replaces this file when the branches merge. It exists so that
 * src/api/vectorize.ts type-checks; running a compiled expression throws.
 */
import type { Node } from './ast.js';

/** An expression compiled once, run on any variables of matching names. */
export interface CompiledExpression {
  run(vars: Record<string, unknown>, options?: { out?: unknown; signal?: AbortSignal }): Promise<unknown>;
  runSync(vars: Record<string, unknown>, options?: { out?: unknown; signal?: AbortSignal }): unknown;
}

const notYet = (): never => {
  throw new Error('compiled expressions are not available yet (src/expr/compiled.ts is a stub)');
};

/** Stub: returns an expression whose run and runSync throw. */
export function compileTree(_root: Node, _source: string): CompiledExpression {
  return { run: async () => notYet(), runSync: notYet };
}
