/**
 * `vectorize`'s front end: a JS function's source to the expression tree of
 * src/expr/ast.ts, which the compiler runs as one fused pass over arrays.
 * acorn parses the source; nothing of it is ever evaluated here.
 *
 * The subset: plain identifier parameters; `const`/`let` locals (a `let`
 * may be reassigned, `x = …`, `x += …`, `x++`, which rebinds the name to a
 * new node; `var` is refused, since its hoisting across blocks is rarely
 * meant in code like this); `return expr`; `if`/`else`. Statements run in
 * order with the scopes as a value: after an `if`, each name its sides
 * left different is `test ? a : b`, and a side that returned puts the rest
 * of the function under `test ? returned : rest`, so early returns chain
 * into conditionals. Every path must return.
 * Expressions are in vectorize_expr.ts, the globals in vectorize_math.ts.
 *
 * Positions in messages and on nodes are relative to the function's source
 * (Function.prototype.toString): line 1 is the line the function starts on;
 * columns are 1-based, on line 1 counted from the function's first character.
 */
import { type Node as AcornNode, parse } from 'acorn';
import type * as acorn from 'acorn';
import { CorepoolTypeError, ErrorCode } from '../errors.js';
import { describeValue } from '../validate.js';
import type { NameNode, Node } from './ast.js';
import {
  assign,
  type Binding,
  type Context,
  declare,
  type Env,
  lookup,
  makeAt,
  merge,
  refused,
  unsupported,
  where,
} from './vectorize_context.js';
import { expression, truth } from './vectorize_expr.js';

/** A translated function: its parameter names in order, the tree of its result, and its source. */
export interface Translation {
  readonly params: string[];
  readonly root: Node;
  readonly source: string;
}

const NATIVE = /\{\s*\[native code\]\s*\}\s*$/;

/** Statements refused by their JS node type. */
const REFUSED: Readonly<Record<string, string>> = {
  ForStatement: "'for' loops are not supported",
  ForInStatement: "'for...in' loops are not supported",
  ForOfStatement: "'for...of' loops are not supported",
  WhileStatement: "'while' loops are not supported",
  DoWhileStatement: "'do...while' loops are not supported",
  SwitchStatement: "'switch' statements are not supported",
  TryStatement: "'try' statements are not supported",
  ThrowStatement: "'throw' statements are not supported",
  BreakStatement: "'break' is not supported",
  ContinueStatement: "'continue' is not supported",
  LabeledStatement: 'labels are not supported',
  WithStatement: "'with' statements are not supported",
  FunctionDeclaration: 'nested functions are not supported',
  ClassDeclaration: 'classes are not supported',
  DebuggerStatement: "'debugger' is not supported",
};

/**
 * Translates `fn` to an expression tree.
 * @throws TypeError ERR_INVALID_ARG_TYPE when `fn` is not a function;
 *   TypeError ERR_VECTORIZE_UNSUPPORTED naming the first construct outside
 *   the subset and its position: `vectorize: 'for' loops are not supported (line 2, column 3)`.
 */
export function translateFunction(fn: unknown): Translation {
  if (typeof fn !== 'function') {
    throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `fn must be a function; got ${describeValue(fn)}`);
  }
  // The intrinsic, not fn.toString: a function's own toString could lie.
  const source = Function.prototype.toString.call(fn);
  if (NATIVE.test(source)) {
    throw refused(`native and bound functions have no source to translate (${fn.name || 'anonymous'}); wrap one: (x) => Math.sqrt(x)`);
  }
  return translateSource(source);
}

/**
 * Translates a function's source text (what {@link translateFunction} reads).
 * Any text is safe to pass: it is parsed, never run.
 * @throws TypeError ERR_VECTORIZE_UNSUPPORTED, as {@link translateFunction}.
 */
export function translateSource(source: string): Translation {
  const ctx: Context = { source, shift: 1, nodes: 0 };
  try {
    const fn = functionNode(ctx, source);
    const params = parameters(ctx, fn);
    const env: Env = [new Map(params.map((p): [string, Binding] => [p.name, { kind: 'param', node: p, tdz: false }]))];
    const root = fn.body.type === 'BlockStatement' ? body(ctx, fn.body, env) : expression(ctx, env, fn.body);
    return { params: params.map((p) => p.name), root, source };
  } catch (error) {
    // acorn or this walker out of stack (nesting thousands deep); anything else is a bug to see as it is.
    if (error instanceof RangeError) {
      throw refused('the function is nested too deeply to translate', error);
    }
    throw error;
  }
}

type FunctionNode = acorn.ArrowFunctionExpression | acorn.FunctionExpression;

/** The one function expression `source` must be, parsed as `(source)` so a declaration reads as an expression too. */
function functionNode(ctx: Context, source: string): FunctionNode {
  let program: acorn.Program;
  try {
    program = parse(`(${source}\n)`, { ecmaVersion: 'latest', sourceType: 'script', locations: true });
  } catch (error) {
    if (isMethod(source)) throw refused('methods are not supported: pass an arrow function or a function expression');
    // acorn's own "(line:column)" counts the wrapping parenthesis; say it in this file's terms.
    const { message, loc } = error as { message: string; loc?: { line: number; column: number } };
    const at = loc === undefined ? '' : ` (line ${loc.line}, column ${loc.line === 1 ? loc.column : loc.column + 1})`;
    throw refused(`the function's source does not parse: ${message.replace(/ \(\d+:\d+\)$/, '')}${at}`, error);
  }
  const statement = program.body[0];
  const fn = program.body.length === 1 && statement?.type === 'ExpressionStatement' ? statement.expression : undefined;
  if (fn?.type === 'ClassExpression') throw unsupported(ctx, fn, 'classes are not supported');
  if (fn?.type !== 'ArrowFunctionExpression' && fn?.type !== 'FunctionExpression') throw refused('the source is not one function');
  if (fn.async) throw unsupported(ctx, fn, 'async functions are not supported');
  if (fn.generator) throw unsupported(ctx, fn, 'generator functions are not supported');
  return fn;
}

/** True when `source` is a method (`f(x) { … }`, `get f() { … }`), which parses only inside an object literal. */
function isMethod(source: string): boolean {
  try {
    parse(`({ ${source}\n})`, { ecmaVersion: 'latest', sourceType: 'script' });
    return true;
  } catch {
    return false;
  }
}

/** The parameters as name nodes: each use of a parameter is its one node. */
function parameters(ctx: Context, fn: FunctionNode): NameNode[] {
  if (fn.params.length === 0) throw unsupported(ctx, fn, 'a function without parameters has nothing to vectorize');
  const seen = new Set<string>();
  return fn.params.map((param) => {
    if (param.type === 'AssignmentPattern') throw unsupported(ctx, param, 'default parameters are not supported');
    if (param.type === 'RestElement') throw unsupported(ctx, param, 'rest parameters are not supported');
    if (param.type !== 'Identifier') throw unsupported(ctx, param, 'destructuring parameters are not supported');
    if (seen.has(param.name)) throw unsupported(ctx, param, `duplicate parameter '${param.name}'`);
    seen.add(param.name);
    return { type: 'name', name: param.name, ...where(ctx, param) } as const;
  });
}

/** Closes the innermost scope when the statement list of a block is done. */
const EXIT = Symbol('end of block');
type Item = acorn.Statement | typeof EXIT;
/**
 * The rest of the function, seen from a point some paths may already have
 * returned from: `rest => c ? v : rest` after `if (c) return v;`.
 * Undefined when no path has returned yet.
 */
type Wrap = ((rest: Node) => Node) | undefined;
/** Statements either returned on every path (`node`), or fall through with `env`, some paths perhaps returned (`wrap`). */
type Outcome = { readonly node: Node } | { readonly env: Env; readonly wrap: Wrap };

const fill = (wrap: Wrap, rest: Node): Node => (wrap === undefined ? rest : wrap(rest));

/** The tree of a block body: every path through it must return. */
function body(ctx: Context, block: acorn.BlockStatement, env: Env): Node {
  const outcome = run(ctx, [...block.body], enterBlock(env, block.body));
  if ('node' in outcome) return outcome.node;
  // A path that falls off the end is reported at the closing brace.
  const end = block.loc!.end;
  const closing = { start: block.end - 1, loc: { start: { line: end.line, column: end.column - 1 } } } as AcornNode;
  throw unsupported(ctx, closing, "every path must end in 'return'; one reaches the end of the function");
}

/** A new innermost scope holding the block's let/const names, unreadable until their declarations run (JS's TDZ). */
function enterBlock(env: Env, statements: readonly acorn.Statement[]): Env {
  const frame = new Map<string, Binding>();
  for (const s of statements) {
    if (s.type !== 'VariableDeclaration' || (s.kind !== 'let' && s.kind !== 'const')) continue;
    for (const d of s.declarations) if (d.id.type === 'Identifier') frame.set(d.id.name, { kind: s.kind, node: undefined, tdz: true });
  }
  return [...env, frame];
}

/**
 * Runs `items` in order from `env`. The rest of the function after an `if`
 * is translated once, on the merged scopes, and put under each early
 * return's conditional: the tree stays linear in the source, and the engine,
 * which computes both sides of every conditional, computes the rest once.
 */
function run(ctx: Context, items: readonly Item[], env: Env): Outcome {
  let wrap: Wrap;
  const returned = (node: Node): Outcome => ({ node: fill(wrap, node) });
  const then = (inner: Wrap): void => {
    const outer = wrap;
    if (inner !== undefined) wrap = outer === undefined ? inner : (rest) => outer(inner(rest));
  };
  for (const s of items) {
    if (s === EXIT) {
      env = env.slice(0, -1);
      continue;
    }
    let outcome: Outcome | undefined;
    switch (s.type) {
      case 'ReturnStatement':
        // Statements after a return are dead code, as in JS.
        if (s.argument == null) throw unsupported(ctx, s, "'return' without a value is not supported");
        return returned(expression(ctx, env, s.argument));
      case 'BlockStatement':
        outcome = run(ctx, [...s.body, EXIT], enterBlock(env, s.body));
        break;
      case 'IfStatement':
        outcome = ifStatement(ctx, s, env);
        break;
      case 'VariableDeclaration':
        env = declaration(ctx, env, s);
        break;
      case 'ExpressionStatement':
        if (s.directive === undefined) env = assignment(ctx, env, s.expression);
        break;
      case 'EmptyStatement':
        break;
      default:
        throw unsupported(ctx, s, REFUSED[s.type] ?? `'${s.type}' is not supported`);
    }
    if (outcome === undefined) continue;
    if ('node' in outcome) return returned(outcome.node);
    env = outcome.env;
    then(outcome.wrap);
  }
  return { env, wrap };
}

/**
 * Both sides of an `if` run alone. Sides that return give `test ? a : b`;
 * otherwise the paths that fall through go on with the scopes merged (each
 * name the sides left different becomes `test ? a : b`).
 */
function ifStatement(ctx: Context, s: acorn.IfStatement, env: Env): Outcome {
  const make = makeAt(ctx, s);
  const test = truth(make, expression(ctx, env, s.test));
  const a = run(ctx, [s.consequent], env);
  const b: Outcome = s.alternate ? run(ctx, [s.alternate], env) : { env, wrap: undefined };
  if ('node' in a) {
    if ('node' in b) return { node: make.conditional(test, a.node, b.node) };
    return { env: b.env, wrap: (rest) => make.conditional(test, a.node, fill(b.wrap, rest)) };
  }
  if ('node' in b) return { env: a.env, wrap: (rest) => make.conditional(test, fill(a.wrap, rest), b.node) };
  const wrap: Wrap =
    a.wrap === undefined && b.wrap === undefined ? undefined : (rest) => make.conditional(test, fill(a.wrap, rest), fill(b.wrap, rest));
  return { env: merge(ctx, s, test, a.env, b.env), wrap };
}

function declaration(ctx: Context, env: Env, s: acorn.VariableDeclaration): Env {
  if (s.kind === 'var') throw unsupported(ctx, s, "'var' declarations are not supported: use const or let");
  if (s.kind !== 'let' && s.kind !== 'const') throw unsupported(ctx, s, `'${s.kind}' declarations are not supported`);
  for (const d of s.declarations) {
    if (d.id.type !== 'Identifier') throw unsupported(ctx, d.id, 'destructuring declarations are not supported');
    // The initialiser sees the name still in its TDZ, as JS does (`let x = x + 1` is an error).
    const node = d.init == null ? undefined : expression(ctx, env, d.init);
    env = declare(env, d.id.name, { kind: s.kind, node, tdz: false });
  }
  return env;
}

const COMPOUND = new Set(['+=', '-=', '*=', '/=', '%=', '**=']);

/** `x = e`, `x op= e`, `x++`, `x--` on a `let` local: the name now stands for a new node. */
function assignment(ctx: Context, env: Env, e: acorn.Expression): Env {
  if (e.type !== 'AssignmentExpression' && e.type !== 'UpdateExpression') {
    throw unsupported(ctx, e, 'expression statements are not supported (only assignments to let variables)');
  }
  const target = e.type === 'UpdateExpression' ? e.argument : e.left;
  if (e.type === 'AssignmentExpression' && e.operator !== '=' && !COMPOUND.has(e.operator)) {
    throw unsupported(ctx, e, `the '${e.operator}' operator is not supported`);
  }
  if (target.type !== 'Identifier') {
    const what = target.type === 'MemberExpression' ? 'assignments to properties' : 'destructuring assignments';
    throw unsupported(ctx, target, `${what} are not supported`);
  }
  const { name } = target;
  const binding = lookup(env, name);
  if (binding === undefined) throw unsupported(ctx, target, `'${name}' is not a local variable: only let locals can be assigned`);
  if (binding.kind === 'param') {
    throw unsupported(ctx, target, `assignments to parameters ('${name}') are not supported: copy it to a local (let v = ${name})`);
  }
  if (binding.kind === 'const') throw unsupported(ctx, target, `assignment to the constant '${name}'`);
  if (binding.tdz) throw unsupported(ctx, target, `'${name}' is used before its declaration`);
  const make = makeAt(ctx, e);
  if (e.type === 'AssignmentExpression' && e.operator === '=') return assign(env, name, expression(ctx, env, e.right));
  const current = expression(ctx, env, target);
  const [op, right] =
    e.type === 'UpdateExpression'
      ? [e.operator === '++' ? '+' : '-', make.number(1)]
      : [e.operator.slice(0, -1), expression(ctx, env, e.right)];
  return assign(env, name, make.binary(op as '+', current, right));
}
