/**
 * Finds the free variables of a function's source: the names it reads or
 * writes that none of its own scopes declare. A function shipped to a worker
 * is re-evaluated there from its source, so any such name that is not a
 * global of the worker would be a mystery ReferenceError at run time; the
 * Pool rejects it up front instead (ERR_FN_NOT_SELF_CONTAINED).
 *
 * The analysis is lexical (acorn parses, this walks the scopes): var and
 * function declarations hoist to their function, let/const/class to their
 * block, parameters and catch bindings to their own scope.
 */
import { parse } from 'acorn';

// biome-ignore lint/suspicious/noExplicitAny: acorn nodes of every kind, read by field name
type AnyNode = { type: string; [key: string]: any };

/**
 * Globals a shipped function may use: the ECMAScript built-ins, the Node and
 * web globals every worker has, and `require` (resolving from the current
 * directory), `__name` (esbuild's keep-names helper) and `currentTask`
 * (corepool's own export), which the worker provides. Anything else needs a module reference (`task(url, name)`).
 */
export const ALLOWED_GLOBALS: ReadonlySet<string> = new Set([
  'globalThis',
  'undefined',
  'NaN',
  'Infinity',
  'Object',
  'Function',
  'Array',
  'Number',
  'String',
  'Boolean',
  'Symbol',
  'BigInt',
  'Math',
  'JSON',
  'Date',
  'RegExp',
  'Error',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'ReferenceError',
  'EvalError',
  'URIError',
  'AggregateError',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'WeakRef',
  'FinalizationRegistry',
  'Promise',
  'Proxy',
  'Reflect',
  'Intl',
  'ArrayBuffer',
  'SharedArrayBuffer',
  'DataView',
  'Atomics',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
  'isNaN',
  'isFinite',
  'parseInt',
  'parseFloat',
  'encodeURI',
  'encodeURIComponent',
  'decodeURI',
  'decodeURIComponent',
  'console',
  'process',
  'Buffer',
  'performance',
  'queueMicrotask',
  'structuredClone',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'setImmediate',
  'clearImmediate',
  'TextEncoder',
  'TextDecoder',
  'URL',
  'URLSearchParams',
  'AbortController',
  'AbortSignal',
  'Event',
  'EventTarget',
  'crypto',
  'fetch',
  'atob',
  'btoa',
  'Blob',
  'MessageChannel',
  'MessagePort',
  'BroadcastChannel',
  'require',
  '__name',
  'currentTask',
]);

class Scope {
  readonly names = new Set<string>();
  constructor(readonly parent: Scope | undefined) {}
  has(name: string): boolean {
    for (let s: Scope | undefined = this; s !== undefined; s = s.parent) if (s.names.has(name)) return true;
    return false;
  }
}

const FUNCTION = /^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression)$/;

/** Names bound by a destructuring pattern. */
function patternNames(node: AnyNode | null, out: string[] = []): string[] {
  if (node === null) return out;
  switch (node.type) {
    case 'Identifier':
      out.push(node.name);
      break;
    case 'ObjectPattern':
      for (const p of node.properties) patternNames(p.type === 'RestElement' ? p : p.value, out);
      break;
    case 'ArrayPattern':
      for (const e of node.elements) patternNames(e, out);
      break;
    case 'RestElement':
      patternNames(node.argument, out);
      break;
    case 'AssignmentPattern':
      patternNames(node.left, out);
      break;
  }
  return out;
}

/** Declarations that hoist into `scope` from `body`: vars (function-wide) or lexical ones (this block). */
function hoist(body: AnyNode[], scope: Scope, functionWide: boolean): void {
  for (const stmt of body) {
    if (stmt.type === 'VariableDeclaration' && (stmt.kind === 'var') === functionWide) {
      for (const d of stmt.declarations) for (const n of patternNames(d.id)) scope.names.add(n);
    } else if ((stmt.type === 'FunctionDeclaration' || stmt.type === 'ClassDeclaration') && stmt.id) {
      scope.names.add(stmt.id.name);
    }
    if (functionWide) for (const child of nestedStatements(stmt)) hoist([child], scope, true);
  }
}

/** Statements nested in `stmt` that `var` can hoist out of (not into nested functions). */
function nestedStatements(stmt: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  for (const key of ['body', 'consequent', 'alternate', 'block', 'handler', 'finalizer', 'cases', 'init', 'left']) {
    const value = stmt[key];
    if (value === null || value === undefined || FUNCTION.test(value.type ?? '')) continue;
    if (Array.isArray(value)) out.push(...value.filter((v: AnyNode) => v && !FUNCTION.test(v.type)));
    else if (typeof value === 'object' && value.type !== undefined) out.push(value);
  }
  for (const c of stmt.cases ?? []) out.push(...c.consequent);
  if (stmt.type === 'CatchClause') out.push(stmt.body);
  return out.filter((n) => n.type !== 'FunctionDeclaration' || n === stmt);
}

class Walker {
  readonly free = new Set<string>();

  visit(node: AnyNode | null | undefined, scope: Scope): void {
    if (node === null || node === undefined) return;
    const handler = (this as unknown as Record<string, (n: AnyNode, s: Scope) => void>)[node.type];
    if (handler !== undefined) handler.call(this, node, scope);
    else this.children(node, scope);
  }

  children(node: AnyNode, scope: Scope): void {
    for (const key of Object.keys(node)) {
      if (key === 'type' || key === 'start' || key === 'end' || key === 'loc') continue;
      const value = node[key];
      if (Array.isArray(value)) for (const v of value) if (v && typeof v.type === 'string') this.visit(v, scope);
      if (value && typeof value.type === 'string') this.visit(value, scope);
    }
  }

  Identifier(node: AnyNode, scope: Scope): void {
    if (!scope.has(node.name)) this.free.add(node.name);
  }

  MemberExpression(node: AnyNode, scope: Scope): void {
    this.visit(node.object, scope);
    if (node.computed) this.visit(node.property, scope);
  }

  Property(node: AnyNode, scope: Scope): void {
    if (node.computed) this.visit(node.key, scope);
    this.visit(node.value, scope);
  }

  MethodDefinition(node: AnyNode, scope: Scope): void {
    this.Property(node, scope);
  }

  PropertyDefinition(node: AnyNode, scope: Scope): void {
    this.Property(node, scope);
  }

  LabeledStatement(node: AnyNode, scope: Scope): void {
    this.visit(node.body, scope);
  }

  BreakStatement(): void {}
  ContinueStatement(): void {}
  MetaProperty(): void {}

  /** Patterns in declarations: the names are already bound; visit defaults and computed keys. */
  bindingPattern(node: AnyNode | null, scope: Scope): void {
    if (node === null) return;
    if (node.type === 'AssignmentPattern') {
      this.bindingPattern(node.left, scope);
      this.visit(node.right, scope);
    } else if (node.type === 'ObjectPattern') {
      for (const p of node.properties) {
        if (p.type === 'RestElement') this.bindingPattern(p.argument, scope);
        else {
          if (p.computed) this.visit(p.key, scope);
          this.bindingPattern(p.value, scope);
        }
      }
    } else if (node.type === 'ArrayPattern') {
      for (const e of node.elements) this.bindingPattern(e, scope);
    } else if (node.type === 'RestElement') this.bindingPattern(node.argument, scope);
  }

  VariableDeclarator(node: AnyNode, scope: Scope): void {
    this.bindingPattern(node.id, scope);
    this.visit(node.init, scope);
  }

  fn(node: AnyNode, outer: Scope): void {
    let scope = outer;
    if (node.type === 'FunctionExpression' && node.id) {
      scope = new Scope(outer);
      scope.names.add(node.id.name);
    }
    const inner = new Scope(scope);
    if (node.type !== 'ArrowFunctionExpression') inner.names.add('arguments');
    for (const p of node.params) for (const n of patternNames(p)) inner.names.add(n);
    if (node.body.type === 'BlockStatement') {
      hoist(node.body.body, inner, true);
      hoist(node.body.body, inner, false);
    }
    for (const p of node.params) this.bindingPattern(p, inner);
    if (node.body.type === 'BlockStatement') for (const s of node.body.body) this.visit(s, inner);
    else this.visit(node.body, inner);
  }

  FunctionDeclaration(node: AnyNode, scope: Scope): void {
    this.fn(node, scope);
  }

  FunctionExpression(node: AnyNode, scope: Scope): void {
    this.fn(node, scope);
  }

  ArrowFunctionExpression(node: AnyNode, scope: Scope): void {
    this.fn(node, scope);
  }

  ClassExpression(node: AnyNode, outer: Scope): void {
    const scope = new Scope(outer);
    if (node.id) scope.names.add(node.id.name);
    this.visit(node.superClass, scope);
    this.visit(node.body, scope);
  }

  ClassDeclaration(node: AnyNode, scope: Scope): void {
    this.ClassExpression(node, scope);
  }

  BlockStatement(node: AnyNode, outer: Scope): void {
    const scope = new Scope(outer);
    hoist(node.body, scope, false);
    for (const s of node.body) this.visit(s, scope);
  }

  StaticBlock(node: AnyNode, scope: Scope): void {
    this.BlockStatement(node, scope);
  }

  SwitchStatement(node: AnyNode, outer: Scope): void {
    this.visit(node.discriminant, outer);
    const scope = new Scope(outer);
    const all = node.cases.flatMap((c: AnyNode) => c.consequent);
    hoist(all, scope, false);
    for (const c of node.cases) {
      this.visit(c.test, scope);
      for (const s of c.consequent) this.visit(s, scope);
    }
  }

  ForStatement(node: AnyNode, outer: Scope): void {
    const scope = new Scope(outer);
    if (node.init) hoist([node.init], scope, false);
    this.children(node, scope);
  }

  ForInStatement(node: AnyNode, outer: Scope): void {
    this.ForStatement({ ...node, init: node.left }, outer);
  }

  ForOfStatement(node: AnyNode, outer: Scope): void {
    this.ForInStatement(node, outer);
  }

  CatchClause(node: AnyNode, outer: Scope): void {
    const scope = new Scope(outer);
    for (const n of patternNames(node.param)) scope.names.add(n);
    this.bindingPattern(node.param, scope);
    this.visit(node.body, scope);
  }
}

/**
 * Parses `source` (a function expression, or a method's text when `method`)
 * and returns its free variables that are not in {@link ALLOWED_GLOBALS}, in
 * order of first appearance.
 * @throws SyntaxError when the source does not parse.
 */
export function freeVariables(source: string, method: boolean): string[] {
  const wrapped = method ? `({ ${source}\n})` : `(${source}\n)`;
  const program = parse(wrapped, { ecmaVersion: 'latest', sourceType: 'script' }) as unknown as AnyNode;
  const walker = new Walker();
  walker.visit(program, new Scope(undefined));
  return [...walker.free].filter((name) => !ALLOWED_GLOBALS.has(name));
}
