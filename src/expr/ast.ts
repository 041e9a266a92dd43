/**
 * The tree an array expression parses to. Both front ends build it: the
 * expression parser (src/expr/parse.ts) from a string, and `vectorize`
 * (src/expr/vectorize.ts) from a JS function's source. The checker and the
 * compiler read nothing else, so the string is never evaluated as JS.
 *
 * A tree may share nodes (a DAG): `vectorize` turns `const t = x * x` into
 * one node that every use of `t` points at, and the compiler computes a
 * shared node once.
 */

/** Binary operators, with JS spellings (`===` and `!==` arrive as `==` and `!=`). */
export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '**' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '&&' | '||' | '&' | '|';

/** Unary operators: `!` and `~` are logical not (`~` on booleans only). */
export type UnaryOp = '-' | '+' | '!' | '~';

/**
 * Where a node came from, for error messages: `pos` is an offset into the
 * expression string; `line`/`column` (1-based) are set instead by
 * `vectorize`, for positions in the function's source.
 */
export interface Where {
  readonly pos: number;
  readonly line?: number;
  readonly column?: number;
}

export interface NumberNode extends Where {
  readonly type: 'number';
  readonly value: number;
}

export interface NameNode extends Where {
  readonly type: 'name';
  /** A variable (a key of the variables object, or a vectorized function's parameter). */
  readonly name: string;
}

export interface UnaryNode extends Where {
  readonly type: 'unary';
  readonly op: UnaryOp;
  readonly arg: Node;
}

export interface BinaryNode extends Where {
  readonly type: 'binary';
  readonly op: BinaryOp;
  readonly left: Node;
  readonly right: Node;
}

/** `test ? then : otherwise`, the same as `where(test, then, otherwise)`. */
export interface ConditionalNode extends Where {
  readonly type: 'conditional';
  readonly test: Node;
  readonly then: Node;
  readonly otherwise: Node;
}

/**
 * A function call: a kernel by name (`sin`, `hypot`, `where`, `fma`…) or a
 * top-level reduction (`sum`, `prod`, `min`, `max`, `mean`), which alone
 * takes keyword arguments (`axis`).
 */
export interface CallNode extends Where {
  readonly type: 'call';
  readonly name: string;
  readonly args: readonly Node[];
  /** Keyword arguments (`sum(x, axis=1)`); the value of `axis` is a number or a tuple node. */
  readonly keywords: ReadonlyArray<{ readonly name: string; readonly value: Node } & Where>;
}

/** `(0, 1)`: only as the value of a keyword argument. */
export interface TupleNode extends Where {
  readonly type: 'tuple';
  readonly items: readonly Node[];
}

export type Node = NumberNode | NameNode | UnaryNode | BinaryNode | ConditionalNode | CallNode | TupleNode;
