// Helpers of the vectorize tests: a printer that shows a tree's shape in
// one line, a reference evaluator with the JS meaning the translator means
// to keep, and functions made from exact source text (a function written in
// a test file is reprinted by the test runner's transform, which moves columns).
import type { Node } from '../../src/expr/ast.js';

/** `sqrt(((x * x) + (y * y)))`: every operation parenthesised, conditionals as `(t ? a : b)`. */
export function treeToString(node: Node): string {
  switch (node.type) {
    case 'number':
      return Object.is(node.value, -0) ? '-0' : String(node.value);
    case 'name':
      return node.name;
    case 'unary':
      return `(${node.op}${treeToString(node.arg)})`;
    case 'binary':
      return `(${treeToString(node.left)} ${node.op} ${treeToString(node.right)})`;
    case 'conditional':
      return `(${treeToString(node.test)} ? ${treeToString(node.then)} : ${treeToString(node.otherwise)})`;
    case 'call':
      return `${node.name}(${[...node.args.map(treeToString), ...node.keywords.map((k) => `${k.name}=${treeToString(k.value)}`)].join(', ')})`;
    case 'tuple':
      return `(${node.items.map(treeToString).join(', ')})`;
  }
}

const KERNELS: Record<string, (...a: number[]) => number> = {
  minimum: (a, b) => Math.min(a, b),
  maximum: (a, b) => Math.max(a, b),
  isnan: (a) => Number(Number.isNaN(a)),
  isfinite: (a) => Number(Number.isFinite(a)),
};

/**
 * Evaluates a tree with JS's meaning of each operator (`%` included, which
 * the engine computes as numpy's remainder): comparing it with the function
 * itself checks the translation's structure, not the engine.
 */
export function evaluate(node: Node, vars: Record<string, number>): number {
  const ev = (n: Node): number => evaluate(n, vars);
  switch (node.type) {
    case 'number':
      return node.value;
    case 'name':
      return vars[node.name]!;
    case 'unary':
      return node.op === '-' ? -ev(node.arg) : node.op === '+' ? +ev(node.arg) : Number(!ev(node.arg));
    case 'binary':
      return binary(node.op, ev(node.left), ev(node.right));
    case 'conditional':
      return ev(node.test) ? ev(node.then) : ev(node.otherwise);
    case 'call': {
      const args = node.args.map(ev);
      const fn = KERNELS[node.name] ?? (Math as unknown as Record<string, (...a: number[]) => number>)[node.name]!;
      return fn(...args);
    }
    case 'tuple':
      throw new Error('no tuple in a vectorized function');
  }
}

function binary(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    case '**':
      return a ** b;
    case '<':
      return Number(a < b);
    case '<=':
      return Number(a <= b);
    case '>':
      return Number(a > b);
    case '>=':
      return Number(a >= b);
    case '==':
      return Number(a === b);
    case '!=':
      return Number(a !== b);
    case '&&':
      return Number(Boolean(a) && Boolean(b));
    case '||':
      return Number(Boolean(a) || Boolean(b));
    default:
      throw new Error(`operator ${op}`);
  }
}

/** The function whose Function.prototype.toString is exactly `source`. */
export function fnOf(source: string): (...args: number[]) => unknown {
  return new Function(`return (${source}\n);`)() as (...args: number[]) => unknown;
}
