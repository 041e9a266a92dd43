import { describe, expect, it } from 'vitest';
import { checkOptions, checkSignal, nearestName, optionError } from '../../src/validate.js';

describe('checkOptions', () => {
  it('returns {} for undefined and the object itself otherwise', () => {
    expect(checkOptions(undefined, 'Pool', ['a'])).toEqual({});
    const o = { a: 1 };
    expect(checkOptions(o, 'Pool', ['a'])).toBe(o);
  });

  it.each([null, 1, 'x', true, [], () => 0])('refuses a non-object options (%s) with ERR_INVALID_ARG_TYPE', (value) => {
    expect(() => checkOptions(value, 'Pool', ['a'])).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' }));
  });

  it('names the unknown key, the owner and the nearest valid key', () => {
    expect(() => checkOptions({ taskTimout: 1 }, 'Pool', ['processes', 'taskTimeout', 'maxtasksperchild'])).toThrow(
      'options.taskTimout is not an option of Pool; did you mean taskTimeout?',
    );
    expect(() => checkOptions({ chunkSize: 8 }, 'Pool.map', ['chunksize', 'signal'])).toThrow('did you mean chunksize?');
    try {
      checkOptions({ priority: 1 }, 'Pool.apply', ['signal']);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'ERR_INVALID_OPTION', name: 'TypeError' });
      expect(String(error)).toContain('options.priority is not an option of Pool.apply; valid options: signal');
    }
  });

  it('says when a call takes no options, and uses the given argument name', () => {
    expect(() => checkOptions({ x: 1 }, 'Lock', [])).toThrow('options.x is not an option of Lock; it takes no options');
    expect(() => checkOptions({ hieght: 1 }, 'f', ['height'], 'layout')).toThrow(
      'layout.hieght is not an option of f; did you mean height?',
    );
  });

  it('ignores symbol keys and inherited keys', () => {
    const o = Object.create({ inherited: 1 }) as Record<PropertyKey, unknown>;
    o[Symbol('s')] = 1;
    expect(() => checkOptions(o, 'Pool', [])).not.toThrow();
  });
});

describe('nearestName', () => {
  it('finds swaps, case and one-letter slips, and nothing far away', () => {
    expect(nearestName('siganl', ['signal', 'out'])).toBe('signal');
    expect(nearestName('OUT', ['signal', 'out'])).toBe('out');
    expect(nearestName('zzzzzz', ['signal', 'out'])).toBeUndefined();
  });
});

describe('checkSignal and optionError', () => {
  it('accepts an AbortSignal or undefined and refuses anything else with ERR_INVALID_OPTION', () => {
    const signal = new AbortController().signal;
    expect(checkSignal({ signal })).toBe(signal);
    expect(checkSignal({})).toBeUndefined();
    expect(() => checkSignal({ signal: {} })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_OPTION', message: expect.stringContaining('options.signal must be an AbortSignal') }),
    );
  });

  it('gives a RangeError for an out-of-range value', () => {
    const e = optionError('chunksize', 'an integer >= 1', -1, 'range');
    expect(e).toBeInstanceOf(RangeError);
    expect(e).toMatchObject({ code: 'ERR_INVALID_OPTION', message: 'options.chunksize must be an integer >= 1; got -1' });
  });
});
