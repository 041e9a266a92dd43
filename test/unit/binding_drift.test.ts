import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BINDING_EXPORTS } from '../../src/backend/native.js';
import { ErrorCode } from '../../src/errors.js';

const read = (file: string): string => readFileSync(new URL(`../../native/${file}`, import.meta.url), 'utf8');

// The hand-kept halves of the binding, read from source, so this runs without
// the addon; test/native/binding_exports.test.ts checks the built addon.
describe('the binding has not drifted from the TS side', () => {
  it('every code in native/binding/errors.h is in ErrorCode, under the same name and string', () => {
    const codes = [...read('binding/errors.h').matchAll(/constexpr const char\* kErr(\w+) = "(\w+)";/g)];
    expect(codes.length).toBeGreaterThan(0);
    for (const [, camel, code] of codes) {
      const key = String(camel)
        .replace(/(?<=.)([A-Z])/g, '_$1')
        .toUpperCase();
      expect({ key, code: (ErrorCode as Record<string, string>)[key] }).toEqual({ key, code });
    }
  });

  it('native/binding/exports.def and BINDING_EXPORTS list the same exports in the same order', () => {
    const rows = [...read('binding/exports.def').matchAll(/^COREPOOL_EXPORT\((\w+), (\w+), ([01])\)$/gm)];
    expect(rows.map((m) => m[1])).toEqual([...BINDING_EXPORTS]);
    for (const [, name, fn, takesState] of rows) {
      expect(name).toMatch(/^[a-z]+(_[a-z]+)+$/);
      // An async export queues work on the environment's state; nothing else does.
      expect({ name, takesState }).toEqual({ name, takesState: name?.endsWith('_async') ? '1' : '0' });
      expect(fn).toMatch(/^[A-Z]\w+$/);
    }
  });
});
