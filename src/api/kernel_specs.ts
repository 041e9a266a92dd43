/**
 * The spec rows of the kernels beyond the elementwise and plain reductions
 * (reductions, stats, scans, linalg, histograms, sorting, random, and the
 * elementwise kernels that check more than the engine does), and the option
 * lists every kernel's options are checked against. The elementwise rows live
 * next to their JS twins (src/kernels/*.ts, MapRow); both feed the README
 * tables (scripts/gen_kernels.ts) and the Pool's `kernels.*`.
 */
import { checkOptions, checkSignal } from '../validate.js';
import { ELEMENTWISE_SPECS } from './specs/elementwise.js';
import { HISTOGRAM_SPECS } from './specs/histogram.js';
import { LINALG_SPECS } from './specs/linalg.js';
import { RANDOM_SPECS } from './specs/random.js';
import { REDUCTIONS_SPECS } from './specs/reductions.js';
import { SCANS_SPECS } from './specs/scans.js';
import { REDUCE_AXIS, type KernelSpec } from './specs/spec.js';
import { SORT_SPECS } from './specs/sort.js';

export { MAP_OPTIONS } from './specs/spec.js';
export type { Declaration, KernelSpec, Namespace } from './specs/spec.js';
export { RANDOM_NAMESPACE } from './specs/random.js';

/** The hand-written kernels, family by family (the plain reductions are rows in src/kernels/registry.ts). */
export const HAND_WRITTEN: readonly KernelSpec[] = [
  ...REDUCTIONS_SPECS,
  ...SCANS_SPECS,
  ...ELEMENTWISE_SPECS,
  ...LINALG_SPECS,
  ...HISTOGRAM_SPECS,
  ...SORT_SPECS,
  ...RANDOM_SPECS,
];

const BY_NAME: ReadonlyMap<string, KernelSpec> = new Map(HAND_WRITTEN.map((s) => [s.name, s]));

/** Options of the reductions generated from their spec rows (src/kernels/registry.ts). */
export const REDUCE_OPTIONS = REDUCE_AXIS;

/** The checked options of a kernel and their signal. */
export interface KernelOptions {
  readonly opts: Record<string, unknown>;
  readonly signal: AbortSignal | undefined;
}

/**
 * Checks the options of kernel `owner` against its row (or `allowed`; a
 * generated reduction takes REDUCE_OPTIONS), and reads `signal`.
 * @throws TypeError ERR_INVALID_ARG_TYPE (not an object), ERR_INVALID_OPTION
 *   (an unknown key, or a signal that is not an AbortSignal).
 */
export function kernelOptions(
  options: unknown,
  owner: string,
  allowed: readonly string[] = BY_NAME.get(owner)?.options ?? REDUCE_OPTIONS,
): KernelOptions {
  const opts = checkOptions(options, owner, allowed);
  return { opts, signal: checkSignal(opts) };
}
