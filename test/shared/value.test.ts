import { decodeShared, encodeShared, ErrorCode, kShare, Lock, RawValue, RLock, Value } from 'corepool';
import { describe, expect, it } from 'vitest';
import { spawn } from '../sync/workers.js';

// Python's typecodes on 64-bit Linux, with the TypedArray each maps to.
const TABLE: Array<[string, string]> = [
  ['b', 'Int8Array'],
  ['B', 'Uint8Array'],
  ['h', 'Int16Array'],
  ['H', 'Uint16Array'],
  ['i', 'Int32Array'],
  ['I', 'Uint32Array'],
  ['l', 'BigInt64Array'],
  ['L', 'BigUint64Array'],
  ['q', 'BigInt64Array'],
  ['Q', 'BigUint64Array'],
  ['f', 'Float32Array'],
  ['d', 'Float64Array'],
];

describe('Value', () => {
  it.each(TABLE)("typecode '%s' is backed by a %s on a SharedArrayBuffer", (code, name) => {
    const big = name.startsWith('Big');
    const v = Value(code as 'i', 7);
    const raw = v.getObj() as unknown as { value: unknown };
    expect(raw.value).toBe(big ? 7n : 7);
    const { buffer } = v[kShare]() as unknown as { buffer: SharedArrayBuffer };
    expect(buffer).toBeInstanceOf(SharedArrayBuffer);
    const bytes = (globalThis as unknown as Record<string, { BYTES_PER_ELEMENT: number }>)[name]!.BYTES_PER_ELEMENT;
    expect(buffer.byteLength).toBe(bytes);
    expect(v.typecode).toBe(code);
  });

  it('takes TypedArray names, numpy names and constructors too', () => {
    expect(Value('Float64Array', 1.5).value).toBe(1.5);
    expect(Value('int64', 3).value).toBe(3n);
    expect(Value(Uint8Array, 300).value).toBe(44); // wraps like the TypedArray
    expect(Value('uint8clamped', 300).value).toBe(255);
    expect(() => Value('x' as 'i')).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_DTYPE }));
  });

  it('value gets and sets; init defaults to 0; new is optional', () => {
    const v = new Value('i');
    expect(v.value).toBe(0);
    v.value = 41;
    v.value += 1;
    expect(v.value).toBe(42);
    expect(v).toBeInstanceOf(Value);
    expect(Value('d', 0.25)).toBeInstanceOf(Value);
    expect(String(v)).toBe("Value('i', 42)");
    const q = Value('q', 2n ** 60n);
    q.value += 1n;
    expect(q.value).toBe(2n ** 60n + 1n);
    expect(() => {
      q.value = 1.5 as unknown as bigint;
    }).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARG_TYPE }));
    expect(() => Value('i', '3' as unknown as number)).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARG_TYPE }));
  });

  it('has an RLock by default, none with lock: false, or the lock given', () => {
    expect(Value('i', 0).getLock()).toBeInstanceOf(RLock);
    expect(() => Value('i', 0, { lock: false }).getLock()).toThrow(expect.objectContaining({ code: ErrorCode.NO_LOCK }));
    expect(() => RawValue('i', 0).getLock()).toThrow(expect.objectContaining({ code: ErrorCode.NO_LOCK }));
    const lock = new Lock();
    const a = Value('i', 0, { lock });
    const b = Value('d', 0, { lock });
    expect(a.getLock()).toBe(lock);
    expect(b.getLock()).toBe(lock);
    expect(() => Value('i', 0, { lock: 'yes' as unknown as boolean })).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_OPTION }));
  });

  it('getObj() is the same memory without the lock', () => {
    const v = Value('i', 1);
    const raw = v.getObj();
    raw.value = 5;
    expect(v.value).toBe(5);
    expect(() => raw.getLock()).toThrow(expect.objectContaining({ code: ErrorCode.NO_LOCK }));
  });

  it('encodeShared/decodeShared rebuild the same memory and the same lock', async () => {
    const v = Value('d', 1.5);
    const copy = decodeShared(encodeShared({ nested: [v] })) as { nested: [typeof v] };
    const [back] = copy.nested;
    expect(back).not.toBe(v);
    back.value = 2.5;
    expect(v.value).toBe(2.5);
    await back.getLock().acquire();
    expect(v.getLock().locked()).toBe(true);
    back.getLock().release();
  });

  it('a worker sees and changes the same value', async () => {
    const v = Value('i', 10);
    const w = spawn('increment', { value: v, n: 5, useLock: true });
    await w.next();
    expect(v.value).toBe(15);
  });
});
