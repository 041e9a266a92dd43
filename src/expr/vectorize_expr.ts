/**
 * The expression half of `vectorize`: one acorn expression to one tree node.
 * Names resolve through the scopes, so a local is the very node its
 * initialiser built (the tree is a DAG and the compiler computes it once).
 * Every JS construct outside the subset is refused by name and position.
 */
import type * as acorn from 'acorn';
import type { BinaryOp, Node } from './ast.js';
import { type Context, type Env, lookup, type Make, makeAt, unsupported } from './vectorize_context.js';
import { GLOBAL_CONSTANTS, GLOBAL_FUNCTIONS, MATH_REFUSED, NAMESPACES } from './vectorize_math.js';

type Expr = acorn.Expression | acorn.SpreadElement | acorn.Super | acorn.PrivateIdentifier;

const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '**']);
const COMPARISON: ReadonlyMap<string, BinaryOp> = new Map<string, BinaryOp>([
  ['<', '<'],
  ['<=', '<='],
  ['>', '>'],
  ['>=', '>='],
  ['==', '=='],
  ['!=', '!='],
  ['===', '=='],
  ['!==', '!='],
]);

/** Constructs refused by their JS node type, with the words the message uses. */
const REFUSED: Readonly<Record<string, string>> = {
  ThisExpression: "'this' is not supported",
  Super: "'super' is not supported",
  ArrayExpression: 'array literals are not supported',
  ObjectExpression: 'object literals are not supported',
  FunctionExpression: 'nested functions are not supported',
  ArrowFunctionExpression: 'nested functions are not supported',
  ClassExpression: 'classes are not supported',
  TemplateLiteral: 'template strings are not supported',
  TaggedTemplateExpression: 'tagged template strings are not supported',
  NewExpression: "'new' is not supported",
  SequenceExpression: 'the comma operator is not supported',
  AssignmentExpression: 'assignments inside expressions are not supported (assign a let variable in its own statement)',
  UpdateExpression: "'++' and '--' inside expressions are not supported (use them as statements on a let variable)",
  AwaitExpression: "'await' is not supported",
  YieldExpression: "'yield' is not supported",
  ChainExpression: 'optional chaining is not supported',
  SpreadElement: 'spread arguments are not supported',
  ImportExpression: "'import()' is not supported",
  MetaProperty: `'new.target' and 'import.meta' are not supported`,
  PrivateIdentifier: 'private names are not supported',
};

/** The source text of `node`, shortened for a message. */
function excerpt(ctx: Context, node: acorn.Node): string {
  const text = ctx.source.slice(node.start - ctx.shift, node.end - ctx.shift).replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** True for nodes JS would give a boolean: there `&&` and `||` are the logical operators. */
function isBoolean(node: Node): boolean {
  if (node.type === 'unary') return node.op === '!';
  if (node.type === 'binary') return COMPARISON.has(node.op) || node.op === '&&' || node.op === '||';
  if (node.type === 'call') return node.name === 'isnan' || node.name === 'isfinite';
  if (node.type === 'conditional') return isBoolean(node.then) && isBoolean(node.otherwise);
  return false;
}

/**
 * The JS truth of `node` as a boolean node: itself when it is one, else
 * `v != 0 && v == v` (JS's number truthiness: 0 and NaN are false; the
 * engine, like numpy, would count NaN as true). Conditions are booleans
 * in the tree, as where() takes them.
 */
export function truth(make: Make, node: Node): Node {
  if (isBoolean(node)) return node;
  return make.binary('&&', make.binary('!=', node, make.number(0)), make.binary('==', node, node));
}

/** The tree node of the JS expression `node` in scope `env`. */
export function expression(ctx: Context, env: Env, node: Expr): Node {
  switch (node.type) {
    case 'Literal':
      return literal(ctx, node);
    case 'Identifier':
      return identifier(ctx, env, node);
    case 'UnaryExpression':
      return unary(ctx, env, node);
    case 'BinaryExpression':
      return binary(ctx, env, node);
    case 'LogicalExpression':
      return logical(ctx, env, node);
    case 'ConditionalExpression': {
      const make = makeAt(ctx, node);
      const test = truth(make, expression(ctx, env, node.test));
      return make.conditional(test, expression(ctx, env, node.consequent), expression(ctx, env, node.alternate));
    }
    case 'CallExpression':
      return call(ctx, env, node);
    case 'MemberExpression':
      return member(ctx, env, node);
    default:
      throw unsupported(ctx, node, REFUSED[node.type] ?? `'${node.type}' is not supported`);
  }
}

function literal(ctx: Context, node: acorn.Literal): Node {
  const { value } = node;
  if (typeof value === 'number') return makeAt(ctx, node).number(value);
  // JS arithmetic reads true and false as 1 and 0.
  if (typeof value === 'boolean') return makeAt(ctx, node).number(value ? 1 : 0);
  if (node.bigint !== undefined) throw unsupported(ctx, node, 'BigInt literals are not supported');
  if (node.regex !== undefined) throw unsupported(ctx, node, 'regular expressions are not supported');
  if (value === null) throw unsupported(ctx, node, "'null' is not supported");
  throw unsupported(ctx, node, 'string literals are not supported');
}

function identifier(ctx: Context, env: Env, node: acorn.Identifier): Node {
  const { name } = node;
  const binding = lookup(env, name);
  if (binding !== undefined) {
    if (binding.node !== undefined) return binding.node;
    throw unsupported(
      ctx,
      node,
      binding.tdz ? `'${name}' is used before its declaration` : `'${name}' is used before it is assigned a value on every path`,
    );
  }
  const constant = GLOBAL_CONSTANTS.get(name);
  if (constant !== undefined) return makeAt(ctx, node).number(constant);
  if (NAMESPACES.has(name)) throw unsupported(ctx, node, `'${name}' can only be used as ${name}.<function>(…) or ${name}.<constant>`);
  if (GLOBAL_FUNCTIONS.has(name)) throw unsupported(ctx, node, `'${name}' must be called`);
  if (name === 'undefined' || name === 'arguments') throw unsupported(ctx, node, `'${name}' is not supported`);
  throw unsupported(
    ctx,
    node,
    `'${name}' is neither a parameter nor a local variable: a vectorized function must be self-contained (no closures or globals)`,
  );
}

function unary(ctx: Context, env: Env, node: acorn.UnaryExpression): Node {
  const { operator } = node;
  if (operator !== '-' && operator !== '+' && operator !== '!') {
    throw unsupported(ctx, node, `the '${operator}' operator is not supported`);
  }
  const arg = expression(ctx, env, node.argument);
  const make = makeAt(ctx, node);
  // -1 is a number, not an operation on one.
  if (operator === '-' && arg.type === 'number' && node.argument.type === 'Literal') return make.number(-arg.value);
  return make.unary(operator, operator === '!' ? truth(make, arg) : arg);
}

function binary(ctx: Context, env: Env, node: acorn.BinaryExpression): Node {
  const op = ARITHMETIC.has(node.operator) ? (node.operator as BinaryOp) : COMPARISON.get(node.operator);
  if (op === undefined) throw unsupported(ctx, node, `the '${node.operator}' operator is not supported`);
  return makeAt(ctx, node).binary(op, expression(ctx, env, node.left), expression(ctx, env, node.right));
}

/**
 * On booleans `&&` and `||` are the logical operators. On numbers JS returns
 * an operand (`x || 1` is x unless x is 0 or NaN), which is a conditional
 * on the shared operand node.
 */
function logical(ctx: Context, env: Env, node: acorn.LogicalExpression): Node {
  if (node.operator === '??') throw unsupported(ctx, node, "the '??' operator is not supported");
  const left = expression(ctx, env, node.left);
  const right = expression(ctx, env, node.right);
  const make = makeAt(ctx, node);
  if (isBoolean(left) && isBoolean(right)) return make.binary(node.operator, left, right);
  const test = truth(make, left);
  return node.operator === '&&' ? make.conditional(test, right, left) : make.conditional(test, left, right);
}

/** `Math.sqrt` → ['Math', 'sqrt'] when the object is an unshadowed namespace global; else undefined. */
function namespaceMember(env: Env, node: acorn.MemberExpression): [string, string] | undefined {
  const { object, property } = node;
  if (object.type !== 'Identifier' || !NAMESPACES.has(object.name) || lookup(env, object.name) !== undefined) return undefined;
  if (node.computed || property.type !== 'Identifier') return undefined;
  return [object.name, property.name];
}

function member(ctx: Context, env: Env, node: acorn.MemberExpression): Node {
  const path = namespaceMember(env, node);
  if (path === undefined) throw unsupported(ctx, node, `member access ('${excerpt(ctx, node)}') is not supported`);
  const [space, name] = path;
  const table = NAMESPACES.get(space)!;
  const constant = table.constants.get(name);
  if (constant !== undefined) return makeAt(ctx, node).number(constant);
  if (table.functions.has(name)) throw unsupported(ctx, node, `'${space}.${name}' must be called`);
  throw unsupported(ctx, node, refusal(space, name));
}

function refusal(space: string, name: string): string {
  return (space === 'Math' ? MATH_REFUSED.get(name) : undefined) ?? `'${space}.${name}' is not supported`;
}

function call(ctx: Context, env: Env, node: acorn.CallExpression): Node {
  if (node.optional) throw unsupported(ctx, node, 'optional calls are not supported');
  const { callee } = node;
  let path: [string, string] | undefined;
  if (callee.type === 'MemberExpression') path = namespaceMember(env, callee);
  else if (callee.type === 'Identifier' && GLOBAL_FUNCTIONS.has(callee.name) && lookup(env, callee.name) === undefined) {
    path = ['', callee.name];
  }
  if (path === undefined) throw unsupported(ctx, node, `calls to '${excerpt(ctx, callee)}' are not supported: only Math.* functions`);
  const [space, name] = path;
  const fn = space === '' ? GLOBAL_FUNCTIONS.get(name) : NAMESPACES.get(space)!.functions.get(name);
  const label = space === '' ? name : `${space}.${name}`;
  if (fn === undefined) {
    const constant = NAMESPACES.get(space)?.constants.has(name);
    throw unsupported(ctx, node, constant ? `'${label}' is not a function` : refusal(space, name));
  }
  const [min, max] = fn.arity;
  const count = node.arguments.length;
  if (count < min || count > max) {
    const expected = min === max ? `${min} argument${min === 1 ? '' : 's'}` : `at least ${min} arguments`;
    throw unsupported(ctx, node, `${label} takes ${expected}; got ${count}`);
  }
  const args = node.arguments.map((arg) => expression(ctx, env, arg));
  return fn.build(makeAt(ctx, node), args);
}
