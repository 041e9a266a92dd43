/**
 * What the `vectorize` translator carries while it walks a function: the
 * scopes (which name is bound to which tree node), positions, the node
 * builders and the one error it throws. Shared by the statement walker
 * (vectorize.ts), the expression walker (vectorize_expr.ts) and the Math
 * table (vectorize_math.ts).
 */
import type { Node as AcornNode } from 'acorn';
import { CorepoolTypeError, ErrorCode } from '../errors.js';
import type { BinaryOp, Node, UnaryOp, Where } from './ast.js';

/**
 * A name's current value. `node` is undefined while the name cannot be read:
 * before its declaration (`tdz`, JS's temporal dead zone) or, for a `let`
 * declared without a value, until every path has assigned it.
 */
export interface Binding {
  readonly kind: 'param' | 'const' | 'let';
  readonly node: Node | undefined;
  readonly tdz: boolean;
}

/**
 * The scopes, innermost last. Frames are never changed in place: a branch
 * works on its own copy, so the two sides of an `if` cannot see each other's
 * assignments.
 */
export type Env = ReadonlyArray<ReadonlyMap<string, Binding>>;

/**
 * The most nodes one function may build. Trees grow linearly with the
 * source, so only a generated function of absurd length reaches it; the
 * compiler's own limits (256 instructions) refuse far smaller ones.
 */
export const MAX_NODES = 100_000;

/** One translation's source and node budget. */
export interface Context {
  /** The function's source, as Function.prototype.toString gives it. */
  readonly source: string;
  /** Offset of the source inside the text acorn parsed (the wrapping parenthesis). */
  readonly shift: number;
  nodes: number;
}

/**
 * Where `node` is in the function's source: `pos` is the offset, `line` is
 * 1-based with line 1 the function's first line, and `column` is 1-based,
 * on line 1 counted from the function's first character.
 */
export function where(ctx: Context, node: AcornNode): Where {
  const start = node.loc!.start;
  const column = start.line === 1 ? start.column - ctx.shift + 1 : start.column + 1;
  return { pos: node.start - ctx.shift, line: start.line, column };
}

/** The error for a construct outside the subset: `vectorize: 'for' loops are not supported (line 2, column 3)`. */
export function unsupported(ctx: Context, node: AcornNode, what: string): CorepoolTypeError {
  const at = where(ctx, node);
  return new CorepoolTypeError(ErrorCode.VECTORIZE_UNSUPPORTED, `vectorize: ${what} (line ${at.line}, column ${at.column})`);
}

/** The error for a whole function that cannot be translated (no position applies). */
export function refused(what: string, cause?: unknown): CorepoolTypeError {
  return new CorepoolTypeError(ErrorCode.VECTORIZE_UNSUPPORTED, `vectorize: ${what}`, cause === undefined ? undefined : { cause });
}

/** Counts a new tree node against {@link MAX_NODES}. */
export function built<T extends Node>(ctx: Context, node: T, from: AcornNode): T {
  if (++ctx.nodes > MAX_NODES) throw unsupported(ctx, from, `the function is too large to vectorize (more than ${MAX_NODES} nodes)`);
  return node;
}

/** The binding `name` resolves to, innermost scope first. */
export function lookup(env: Env, name: string): Binding | undefined {
  for (let i = env.length - 1; i >= 0; i--) {
    const binding = env[i]!.get(name);
    if (binding !== undefined) return binding;
  }
  return undefined;
}

/** `env` with `name` bound in its innermost scope. */
export function declare(env: Env, name: string, binding: Binding): Env {
  const inner = new Map(env[env.length - 1]);
  inner.set(name, binding);
  return [...env.slice(0, -1), inner];
}

/** `env` with the existing binding of `name` (in whichever scope holds it) now valued `node`. */
export function assign(env: Env, name: string, node: Node): Env {
  for (let i = env.length - 1; i >= 0; i--) {
    const binding = env[i]!.get(name);
    if (binding === undefined) continue;
    const frame = new Map(env[i]);
    frame.set(name, { ...binding, node });
    return [...env.slice(0, i), frame, ...env.slice(i + 1)];
  }
  return env;
}

/**
 * The scopes after an `if` whose branches fall through: a name the branches
 * left with different values becomes `test ? then : otherwise`, one that
 * either side left unassigned stays unreadable. Both sides have the frames
 * of `before` (their own block scopes were closed).
 */
export function merge(ctx: Context, from: AcornNode, test: Node, then: Env, otherwise: Env): Env {
  return then.map((frame, i) => {
    const other = otherwise[i]!;
    let merged: Map<string, Binding> | undefined;
    for (const [name, a] of frame) {
      const b = other.get(name)!;
      if (a.node === b.node) continue;
      merged ??= new Map(frame);
      const node = a.node === undefined || b.node === undefined ? undefined : makeAt(ctx, from).conditional(test, a.node, b.node);
      merged.set(name, { ...a, node });
    }
    return merged ?? frame;
  });
}

/** Builders of tree nodes that all carry one source position (a call site, an operator). */
export interface Make {
  number(value: number): Node;
  unary(op: UnaryOp, arg: Node): Node;
  binary(op: BinaryOp, left: Node, right: Node): Node;
  conditional(test: Node, then: Node, otherwise: Node): Node;
  call(name: string, args: readonly Node[]): Node;
}

/** A {@link Make} whose nodes are placed at `from`. */
export function makeAt(ctx: Context, from: AcornNode): Make {
  const at = where(ctx, from);
  const add = <T extends Node>(node: T): T => built(ctx, node, from);
  return {
    number: (value) => add({ type: 'number', value, ...at }),
    unary: (op, arg) => add({ type: 'unary', op, arg, ...at }),
    binary: (op, left, right) => add({ type: 'binary', op, left, right, ...at }),
    conditional: (test, then, otherwise) => add({ type: 'conditional', test, then, otherwise, ...at }),
    call: (name, args) => add({ type: 'call', name, args, keywords: [], ...at }),
  };
}
