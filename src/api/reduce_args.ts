/** Argument checks shared by the async and sync reductions. */
import type { NumericArray } from '../dtypes.js';
import { reduceId, reduceTwin, type ReduceName } from '../kernels/registry.js';
import { checkArray, checkNotEmpty, checkSameShape } from '../validate.js';

/** Validates the arguments of reduction `name` and returns its wire id and operands. */
export function reduceArgs(name: ReduceName, a: unknown, b?: unknown): { id: number; ops: NumericArray[] } {
  const id = reduceId(name);
  const twin = reduceTwin(id);
  const aType = checkArray(a, 'a');
  const ops = [a as NumericArray];
  if (twin.arity === 2) {
    const bType = checkArray(b, 'b');
    checkSameShape(a as NumericArray, aType, b as NumericArray, bType);
    ops.push(b as NumericArray);
  }
  if (twin.emptyIsError) checkNotEmpty(ops[0]!, name);
  return { id, ops };
}
