import { Queue } from 'corepool';
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';

class Point {
  constructor(
    public x: number,
    public y: number,
  ) {}
}

function roundTrip(value: unknown): unknown {
  const q = new Queue();
  q.putNowait(value);
  return q.getNowait();
}

// biome-ignore lint/suspicious/noSparseArray: the codec must keep holes
const holey = [1, , 3];
const withExtra = Object.assign([1, 2], { extra: 'kept' });
// As many keys as elements: a hole and a named property cancel out in Object.keys.
// biome-ignore lint/suspicious/noSparseArray: the codec must keep holes
const holeAndExtra = Object.assign([1, , 3], { extra: 'kept' });
const protoKey = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
const shared = { s: 1 };
const cyclic: Record<string, unknown> = { name: 'loop' };
cyclic.self = cyclic;

// Values covering every encoding path: inline numbers and strings, the compact
// codec, and node:v8 for the rest, with the edge cases where they could differ.
const corpus: Array<[string, unknown]> = [
  ['int', 42],
  ['negative zero', -0],
  ['NaN', NaN],
  ['infinity', -Infinity],
  ['double', 0.1 + 0.2],
  ['int32 edge', 2 ** 31 - 1],
  ['beyond int32', 2 ** 31],
  ['empty string', ''],
  ['latin1 string', 'héllo wörld'],
  ['long string', 'x'.repeat(10_000)],
  ['two-byte string', 'snow ☃ and 😀'],
  ['lone surrogates', 'a\ud800b\udc00'],
  ['true', true],
  ['false', false],
  ['null', null],
  ['undefined', undefined],
  ['bigint', 12345678901234567890n],
  ['small object', { id: 1, name: 'item' }],
  ['nested', { a: [1, 'two', { three: 3, four: [null, undefined, true] }], b: { c: { d: -0 } } }],
  ['integer keys', { 2: 'b', 1: 'a', x: 'c' }],
  ['empty object', {}],
  ['null prototype', Object.assign(Object.create(null), { k: 1 })],
  ['array of 64', Array.from({ length: 64 }, (_, i) => i)],
  ['array of 1000', Array.from({ length: 1000 }, (_, i) => ({ i }))],
  ['holey array', holey],
  ['array with a named property', withExtra],
  ['array with a hole and a named property', holeAndExtra],
  ['own __proto__ key', protoKey],
  ['shared reference', [shared, shared]],
  ['cycle', cyclic],
  ['class instance', new Point(1, 2)],
  ['Date', new Date(1_700_000_000_000)],
  ['RegExp', /a+b/gi],
  ['Map and Set', new Map<unknown, unknown>([[1, new Set(['a'])]])],
  ['typed array', new Float64Array([1.5, -2, NaN])],
  ['typed array beyond the 64 KiB read scratch', Float64Array.from({ length: 30_000 }, (_, i) => i / 3)],
  ['Buffer', Buffer.from('bytes')],
  ['ArrayBuffer', new Uint8Array([1, 2, 3]).buffer],
  ['Error', new RangeError('bad')],
  ['deep nesting', JSON.parse('[[[[[[[[[[[[1]]]]]]]]]]]]')],
];

describe('queue items decode exactly as structured clone would', () => {
  it.each(corpus)('%s', (_label, value) => {
    const got = roundTrip(value);
    const expected = v8.deserialize(v8.serialize(value));
    expect(got).toStrictEqual(expected);
    // toStrictEqual treats these alike; structured clone does not.
    if (typeof value === 'string') expect(got).toBe(value);
    if (Object.is(value, -0)) expect(Object.is(got, -0)).toBe(true);
  });

  it('keeps identity inside an item (shared references and cycles)', () => {
    const pair = roundTrip([shared, shared]) as object[];
    expect(pair[0]).toBe(pair[1]);
    const loop = roundTrip(cyclic) as Record<string, unknown>;
    expect(loop.self).toBe(loop);
  });

  it('keeps holes, named array properties and an own __proto__ key', () => {
    expect(1 in (roundTrip(holey) as unknown[])).toBe(false);
    expect((roundTrip(withExtra) as unknown as { extra: string }).extra).toBe('kept');
    const both = roundTrip(holeAndExtra) as unknown[] & { extra?: string };
    expect(1 in both).toBe(false);
    expect(both.extra).toBe('kept');
    const proto = roundTrip(protoKey) as object;
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.keys(proto)).toEqual(['__proto__', 'a']);
  });

  it('a put that has to wait keeps its own copy while later puts encode theirs', async () => {
    const q = new Queue(1);
    q.putNowait({ first: 0 });
    // Both wait for room; each was encoded into the same scratch buffer.
    const waiting = [q.put({ second: 'b' }), q.put({ third: ['c'] })];
    const got = [await q.get(), await q.get(), await q.get()];
    await Promise.all(waiting);
    expect(got).toEqual([{ first: 0 }, { second: 'b' }, { third: ['c'] }]);
  });

  it('returns fresh copies, never the caller’s objects', () => {
    const item = { list: [1, 2] };
    const got = roundTrip(item) as typeof item;
    expect(got).not.toBe(item);
    expect(got.list).not.toBe(item.list);
  });
});
