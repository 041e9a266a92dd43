import { describe, expect, it } from 'vitest';
import { ALLOWED_GLOBALS, freeVariables } from '../../src/pool/free_vars.js';

const free = (fn: string, method = false): string[] => freeVariables(fn, method);

describe('freeVariables', () => {
  it('finds closed-over and module variables, in order', () => {
    expect(free('(x) => x + offset * scale')).toEqual(['offset', 'scale']);
    expect(free('function f(a) { return helper(a) + other.prop }')).toEqual(['helper', 'other']);
  });

  it('accepts parameters, locals and the allowed globals', () => {
    expect(
      free('(x, { y, z: [w = Math.PI] }, ...rest) => { const k = x + y + w; let j = rest.length; return JSON.stringify([k, j]) }'),
    ).toEqual([]);
    expect(free('function () { return arguments.length + Number.MAX_SAFE_INTEGER }')).toEqual([]);
    expect(free('async (n) => { await new Promise((r) => setTimeout(r, n)); return new Float64Array(new SharedArrayBuffer(8)) }')).toEqual(
      [],
    );
    expect(free('() => require("node:os").cpus().length')).toEqual([]);
  });

  it('hoists var and function declarations, scopes let/const/class to blocks', () => {
    expect(free('() => { g(); function g() { return v } var v = 1; }')).toEqual([]);
    expect(free('() => { if (true) { var a = 1 } return a }')).toEqual([]);
    expect(free('() => { { let b = 1 } return b }')).toEqual(['b']);
    expect(free('() => { for (let i = 0; i < 3; i++) {} return i }')).toEqual(['i']);
    expect(free('() => { for (var i = 0; i < 3; i++) {} return i }')).toEqual([]);
    expect(free('() => { class A { m() { return A } } return new A() }')).toEqual([]);
    expect(free('() => { switch (1) { case 1: let c = 2; return c } }')).toEqual([]);
  });

  it('does not take property names, labels or catch bindings for variables', () => {
    expect(free('(o) => o.foo + o["bar"] + ({ baz: 1, qux() { return 2 } }).baz')).toEqual([]);
    expect(free('(o) => o[key]')).toEqual(['key']);
    expect(free('() => { outer: for (;;) { break outer } }')).toEqual([]);
    expect(free('() => { try { throw 1 } catch ({ message }) { return message } }')).toEqual([]);
    expect(free('() => ({ short })')).toEqual(['short']);
    expect(free('() => { class C { #p = 1; static s = C; get p() { return this.#p } } }')).toEqual([]);
  });

  it('flags writes to outer variables and arguments of an outer function', () => {
    expect(free('(x) => { total += x }')).toEqual(['total']);
    expect(free('(x) => { [a, b] = x }')).toEqual(['a', 'b']);
    expect(free('() => arguments[0]')).toEqual(['arguments']);
    expect(ALLOWED_GLOBALS.has('arguments')).toBe(false);
  });

  it('handles method shorthand, named function expressions and defaults referring to outer names', () => {
    expect(free('square(x) { return x * x }', true)).toEqual([]);
    expect(free('async twice(x) { return base * x }', true)).toEqual(['base']);
    expect(free('function fact(n) { return n <= 1 ? 1 : n * fact(n - 1) }')).toEqual([]);
    expect(free('(x = limit) => x')).toEqual(['limit']);
  });

  it('throws a SyntaxError for source that does not parse', () => {
    expect(() => free('not a function {')).toThrow(SyntaxError);
  });
});
