// The expression parser and checker: precedence, error messages with a caret
// under the place, and fuzzing (no string crashes it, hangs it or runs code).
import { compile, ErrorCode, evaluate } from 'corepool';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../src/expr/parse.js';
import { treeToString as show } from '../expr/tree.js';

describe('expression parser', () => {
  it.each([
    ['2*a + 3*b*c', '((2 * a) + ((3 * b) * c))'],
    ['a - b - c', '((a - b) - c)'],
    ['-x**2', '(-(x ** 2))'],
    ['2**-1', '(2 ** (-1))'],
    ['a ** b ** c', '(a ** (b ** c))'],
    ['a || b && c', '(a || (b && c))'],
    ['a | b & c', '(a | (b & c))'],
    ['a + b < c * d', '((a + b) < (c * d))'],
    ['!a == b', '((!a) == b)'],
    ['x ? 1 : y ? 2 : 3', '(x ? 1 : (y ? 2 : 3))'],
    ['a > 0 && b > 0 ? a : -b', '(((a > 0) && (b > 0)) ? a : (-b))'],
    ['where(x > 0, sqrt(x), -x)', 'where((x > 0), sqrt(x), (-x))'],
    ['sum(a * b, axis=(0, 1))', 'sum((a * b), axis=(0, 1))'],
    ['mean(a, axis=-1)', 'mean(a, axis=(-1))'],
    ['1e-3 * .5 + 2.', '((0.001 * 0.5) + 2)'],
    ['  a\n  + b ', '(a + b)'],
    ['(a < b) == c', '((a < b) == c)'],
  ])('%s parses as %s', (source, want) => {
    expect(show(parseExpression(source))).toBe(want);
  });

  it.each([
    ['2*a +)', 5, "unexpected ')'"],
    ['a +', 3, 'unexpected end of expression'],
    ['', 0, 'the expression is empty'],
    ['3a', 1, 'a number runs into a name'],
    ['a # b', 2, "unexpected character '#'"],
    ['a < b < c', 6, 'comparisons cannot be chained'],
    ['f(a, axis=1, 2)', 13, 'a positional argument follows a keyword argument'],
    ['(a + b', 6, "expected ')'"],
    ['a ? b', 5, "expected ':'"],
  ])('%j is a SyntaxError at position %i with a caret', (source, pos, text) => {
    let error: (Error & { code?: string }) | undefined;
    try {
      parseExpression(source);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.name).toBe('SyntaxError');
    expect(error?.code).toBe(ErrorCode.EXPRESSION_SYNTAX);
    expect(error?.message).toContain(text);
    expect(error?.message).toContain(`at position ${pos}`);
    const lines = error!.message.split('\n');
    // The caret sits under the offending character of the quoted source line.
    const caret = lines.at(-1)!;
    expect(caret.trimEnd().endsWith('^')).toBe(true);
    const column = caret.indexOf('^') - 2;
    const quoted = lines.at(-2)!.slice(2);
    const offset = source.split('\n').slice(0, -1).join('\n').length;
    expect(column).toBe(pos - (source.includes('\n') ? offset + 1 : 0));
    expect(quoted.length).toBeGreaterThanOrEqual(0);
  });

  it('refuses input nested past its depth limit and overly long strings, with a SyntaxError', () => {
    expect(() => parseExpression(`${'('.repeat(500)}a${')'.repeat(500)}`)).toThrow(
      expect.objectContaining({ code: ErrorCode.EXPRESSION_SYNTAX }) as unknown as Error,
    );
    expect(() => parseExpression(`${'-'.repeat(500)}a`)).toThrow(
      expect.objectContaining({ code: ErrorCode.EXPRESSION_SYNTAX }) as unknown as Error,
    );
    expect(() => parseExpression(`${'a+'.repeat(60_000)}a`)).toThrow(
      expect.objectContaining({ code: ErrorCode.EXPRESSION_SYNTAX }) as unknown as Error,
    );
  });

  it('never crashes, hangs or evaluates on arbitrary strings (fast-check)', () => {
    const alphabet = fc.constantFrom(...'ab1.e+-*/%()<>=!&|~?:, xsin_summaxis'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: alphabet, maxLength: 60 })), (source) => {
        try {
          parseExpression(source);
        } catch (error) {
          expect((error as { code?: string }).code).toBe(ErrorCode.EXPRESSION_SYNTAX);
        }
      }),
      { numRuns: 3000, seed: 13 },
    );
    // Anything JS would run stays a name or a syntax error.
    for (const source of ['process.exit(1)', 'constructor.constructor("x")()', '`x`', 'a; b', "require('fs')"]) {
      expect(() => parseExpression(source)).toThrow(expect.objectContaining({ code: ErrorCode.EXPRESSION_SYNTAX }) as unknown as Error);
    }
  });

  it('parses every expression of the grammar, printed back (fast-check)', () => {
    const leaf = fc.oneof(fc.constantFrom('a', 'b', 'x'), fc.integer({ min: 0, max: 99 }).map(String));
    const expr = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc
          .tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '%', '**', '<', '==', '&&', '||'), tie('e'))
          .map(([l, op, r]) => `(${l} ${op} ${r})`),
        tie('e').map((e) => `-${e}`),
        fc.tuple(tie('e'), tie('e')).map(([a, b]) => `hypot(${a}, ${b})`),
        fc.tuple(tie('e'), tie('e'), tie('e')).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
      ),
    })).e;
    fc.assert(
      fc.property(expr, (source) => {
        const once = show(parseExpression(source));
        expect(show(parseExpression(once))).toBe(once);
      }),
      { numRuns: 500, seed: 5 },
    );
  });
});

describe('expression checker errors', () => {
  const a = new Float64Array(4);
  const b = new Float64Array(3);
  it.each([
    ['zz + a', ErrorCode.EXPRESSION_NAME, "unknown variable 'zz'"],
    ['sinn(a)', ErrorCode.EXPRESSION_NAME, "unknown function 'sinn' at position 0; did you mean 'sign'?"],
    ['expp(a)', ErrorCode.EXPRESSION_NAME, "unknown function 'expp' at position 0; did you mean 'exp'?"],
    ['sin(a, a)', ErrorCode.EXPRESSION_ARITY, 'sin() takes 1 argument; got 2'],
    ['where(a, a)', ErrorCode.EXPRESSION_ARITY, 'where() takes 3 arguments; got 2'],
    ['min(a, a)', ErrorCode.EXPRESSION_ARITY, 'the elementwise form is minimum(a, b)'],
    ['sum(a, keepdims=1)', ErrorCode.EXPRESSION_ARITY, "sum() has no argument 'keepdims'"],
    ['sum(a, axis=0.5)', ErrorCode.EXPRESSION_TYPE, 'axis must be an integer'],
    ['a & a', ErrorCode.EXPRESSION_TYPE, "'&' needs boolean operands"],
    ['~a', ErrorCode.EXPRESSION_TYPE, "'~' needs a boolean operand"],
    ['sum(a) + 1', ErrorCode.EXPRESSION_TYPE, 'only the whole expression can be reduced'],
    ['2 * 3', ErrorCode.EXPRESSION_TYPE, 'no array operand'],
    ['sum(a, axis=(0, a))', ErrorCode.EXPRESSION_TYPE, 'axis must be an integer or a tuple of integers'],
    ['sin(a, axis=1)', ErrorCode.EXPRESSION_ARITY, 'sin takes no keyword arguments'],
  ])('%s: %s', async (source, code, text) => {
    const promise = evaluate(source, { a });
    await expect(promise).rejects.toMatchObject({ name: 'TypeError', code });
    await expect(promise).rejects.toThrow(text);
  });

  it('shapes that do not broadcast are ERR_SHAPE_MISMATCH naming both', async () => {
    await expect(evaluate('a + b', { a, b })).rejects.toMatchObject({
      name: 'RangeError',
      code: ErrorCode.SHAPE_MISMATCH,
      message: 'operands could not be broadcast together with shapes [4] and [3]',
    });
  });

  it('checks its arguments: the string, the variables and the options', async () => {
    await expect(evaluate(42 as unknown as string, { a })).rejects.toMatchObject({ code: ErrorCode.INVALID_ARG_TYPE });
    await expect(evaluate('a', null as unknown as Record<string, number>)).rejects.toMatchObject({ code: ErrorCode.INVALID_ARG_TYPE });
    await expect(evaluate('a', { a: 'x' as unknown as number })).rejects.toMatchObject({
      code: ErrorCode.INVALID_ARG_TYPE,
      message: expect.stringContaining('variables.a'),
    });
    await expect(evaluate('a', { a }, { outt: a } as never)).rejects.toMatchObject({
      code: ErrorCode.INVALID_OPTION,
      message: expect.stringContaining('options.outt is not an option of evaluate; did you mean out?'),
    });
    await expect(evaluate('a * 2', { a }, { out: new Float32Array(4) })).rejects.toMatchObject({ code: ErrorCode.INVALID_DTYPE });
    await expect(evaluate('a * 2', { a }, { out: new Float64Array(3) })).rejects.toMatchObject({ code: ErrorCode.SHAPE_MISMATCH });
    await expect(evaluate('sum(a)', { a }, { out: new Float64Array(1) })).rejects.toMatchObject({ code: ErrorCode.INVALID_OPTION });
    expect(() => compile('a +')).toThrow(expect.objectContaining({ code: ErrorCode.EXPRESSION_SYNTAX }) as unknown as Error);
  });

  it('a number that does not fit an integer operation is ERR_OUT_OF_RANGE, as for the kernels', async () => {
    await expect(evaluate('i + 1e10', { i: new Int16Array(3) })).rejects.toMatchObject({
      name: 'RangeError',
      code: ErrorCode.OUT_OF_RANGE,
    });
  });
});
