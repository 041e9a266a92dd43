/**
 * What a hand-written kernel's spec row holds (the elementwise rows live next
 * to their JS twins, src/kernels/*.ts), and the option lists rows share. A
 * row with a `declaration` is declared only there: scripts/gen_kernels.ts
 * writes its Promise function and blocking twin, each one call into the
 * family's steps (src/api/steps.ts).
 */

/** Options of every elementwise kernel. */
export const MAP_OPTIONS = ['out', 'signal'] as const;
export const SIGNAL = ['signal'] as const;
/** Options of the one-operand reductions: numpy's axis, keepdims and out, and signal. */
export const REDUCE_AXIS = ['axis', 'keepdims', 'out', 'signal'] as const;
export const MATRIX = ['m', 'k', 'n', 'transA', 'transB', 'alpha', 'beta', 'out', 'signal'] as const;
export const RANDOM = ['seed', 'offset', 'shared', 'signal'] as const;

/** How the generated functions of a row are written. */
export interface Declaration {
  /**
   * Each signature as `<generics>(params): Result`, overloads first and the
   * implementation's last. Result is the blocking form's type; the Promise
   * form resolves to it.
   */
  readonly signatures: readonly string[];
  /** The steps both forms run: an expression over the parameters and `options`. */
  readonly steps: string;
  /** What the functions import, by module relative to src/api: values, and types as `type X`. */
  readonly imports: Readonly<Record<string, readonly string[]>>;
  /** TSDoc paragraphs after the doc line. */
  readonly details?: readonly string[];
  /** The TSDoc's Python line, when it says more than the row's `numpy`. */
  readonly python?: string;
  /** `@param`, `@returns` and `@throws` lines of the Promise form. */
  readonly tags: readonly string[];
  /** A second exported name (variance is also `var`). */
  readonly alias?: string;
}

/** A hand-written kernel's spec row. */
export interface KernelSpec {
  readonly name: string;
  readonly family: string;
  /** Positional parameters. */
  readonly params: readonly string[];
  /** What it resolves to. */
  readonly result: string;
  /** Every option key it takes. */
  readonly options: readonly string[];
  /** One doc line. */
  readonly doc: string;
  /** numpy's (or Python's) equivalent. */
  readonly numpy: string;
  /** The generated declaration (absent while a kernel is still written by hand). */
  readonly declaration?: Declaration;
}

/** A namespace object of generated kernels (`random`), with what it adds. */
export interface Namespace {
  readonly name: string;
  /** Wraps the object of generated functions: `withSeeds({ uniform, … })`. */
  readonly wrap: string;
  readonly from: string;
  readonly doc: readonly string[];
}

export const spec = (
  family: string,
  name: string,
  params: readonly string[],
  result: string,
  options: readonly string[],
  doc: string,
  numpy: string,
  declaration?: Declaration,
): KernelSpec => ({ name, family, params, result, options, doc, numpy, ...(declaration === undefined ? {} : { declaration }) });
