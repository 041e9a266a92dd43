/**
 * What the engine knows of a `kernels.*` reference: its brand and how to
 * call it. kernel_refs.ts builds the references (with this brand) and runs
 * their tasks; declaring the shape here keeps task.ts and the engine from
 * importing kernel_refs.ts, which imports them.
 */

/** The brand of a kernel reference (Symbol.for, so copies of corepool agree). */
export const kKernelRef: unique symbol = Symbol.for('corepool.kernelRef');

/** A kernel reference as a task holds it; kernel_refs.ts's KernelRef has this shape. */
export interface KernelCall {
  readonly [kKernelRef]: true;
  readonly name: string;
  readonly run: (...args: unknown[]) => Promise<unknown>;
}
