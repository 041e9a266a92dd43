/**
 * The function check is cached by source text: a new inline arrow per call
 * (the way people write `pool.applyAsync((x) => x + 1, [i])`) must ship under
 * the id of the first one, and a function that is not self-contained must be
 * refused every time, naming the argument it came in.
 */
import { describe, expect, it } from 'vitest';
import { FnRegistry } from '../../src/pool/fn_source.js';
import { sourceShape } from '../../src/pool/fn_check.js';

const entryOf = (registry: FnRegistry, fn: unknown): { def: { id: number } } => {
  const entry = registry.entry(fn);
  if (entry instanceof Error) throw entry;
  return entry;
};

describe('FnRegistry and the source check', () => {
  it('gives every new function object with one source the same id', () => {
    const registry = new FnRegistry();
    const ids = new Set<number>();
    for (let i = 0; i < 50; i++) ids.add(entryOf(registry, (x: number) => x + 1).def.id);
    expect(ids.size).toBe(1);
    expect(entryOf(registry, (x: number) => x + 2).def.id).not.toBe([...ids][0]);
  });

  it('refuses a closure on every call, with its free variables and the argument name', () => {
    const outside = 3;
    for (let i = 0; i < 3; i++) {
      const shape = sourceShape((x: number) => x + outside, 'initializer');
      expect(shape).toBeInstanceOf(Error);
      expect((shape as Error & { code: string }).code).toBe('ERR_FN_NOT_SELF_CONTAINED');
      expect((shape as Error).message).toMatch(/^initializer uses 'outside'/);
      expect((shape as unknown as { freeVariables: string[] }).freeVariables).toEqual(['outside']);
    }
  });

  it('stays correct past the cache bound, for methods too', () => {
    const registry = new FnRegistry();
    // 1100 distinct sources push the first ones out of the bounded parse cache.
    const fns = Array.from({ length: 1100 }, (_, k) => new Function('x', `return x + ${k};`));
    const first = fns.map((fn) => entryOf(registry, fn).def.id);
    expect(new Set(first).size).toBe(1100);
    expect(entryOf(registry, new Function('x', 'return x + 0;')).def.id).toBe(first[0]);
    const method = {
      square(x: number) {
        return x * x;
      },
    }.square;
    for (let i = 0; i < 2; i++) expect(sourceShape(method)).toMatchObject({ type: 'source', method: true });
  });
});
