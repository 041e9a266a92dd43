/**
 * The objects a Manager serves, as method tables run on the owning thread.
 * Every value crossing in or out is a copy (structured clone), as Python's
 * proxies pickle: mutating a nested object obtained from a proxy changes the
 * copy only; set it back to change the managed object.
 */
import { isDeepStrictEqual } from 'node:util';
import { CorepoolError, CorepoolRangeError, ErrorCode } from '../errors.js';
import type { ManagedKind } from './types.js';

type Method = (...args: never[]) => unknown;
export type MethodTable = Record<string, Method>;

function keyError(key: unknown): CorepoolError {
  const error = new CorepoolError(ErrorCode.KEY_NOT_FOUND, `key not found: ${String(key)}`);
  error.name = 'KeyError';
  return error;
}

function indexError(i: number, length: number): CorepoolRangeError {
  return new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `list index ${i} out of range (length ${length})`);
}

function dictTable(map: Map<unknown, unknown>): MethodTable {
  return {
    get: (key: unknown, dflt?: unknown) => (map.has(key) ? map.get(key) : dflt),
    set: (key: unknown, value: unknown) => void map.set(key, value),
    delete: (key: unknown) => {
      if (!map.delete(key)) throw keyError(key);
    },
    has: (key: unknown) => map.has(key),
    keys: () => [...map.keys()],
    values: () => [...map.values()],
    items: () => [...map.entries()],
    len: () => map.size,
    update: (other: Record<string, unknown> | Array<[unknown, unknown]>) => {
      for (const [k, v] of Array.isArray(other) ? other : Object.entries(other)) map.set(k, v);
    },
    pop: (...args: [unknown, unknown?]) => {
      const [key] = args;
      if (map.has(key)) {
        const value = map.get(key);
        map.delete(key);
        return value;
      }
      if (args.length > 1) return args[1];
      throw keyError(key);
    },
    setDefault: (key: unknown, dflt?: unknown) => {
      if (!map.has(key)) map.set(key, dflt);
      return map.get(key);
    },
    clear: () => map.clear(),
    copy: () => Object.fromEntries(map),
  };
}

function listTable(list: unknown[]): MethodTable {
  const at = (i: number): number => {
    const j = i < 0 ? list.length + i : i;
    if (!Number.isInteger(j) || j < 0 || j >= list.length) throw indexError(i, list.length);
    return j;
  };
  return {
    get: (i: number) => list[at(i)],
    set: (i: number, value: unknown) => void (list[at(i)] = value),
    append: (value: unknown) => void list.push(value),
    extend: (values: unknown[]) => void list.push(...values),
    insert: (i: number, value: unknown) => void list.splice(i < 0 ? Math.max(0, list.length + i) : Math.min(i, list.length), 0, value),
    pop: (i = -1) => list.splice(at(i), 1)[0],
    remove: (value: unknown) => {
      const j = list.findIndex((x) => isDeepStrictEqual(x, value));
      if (j < 0) throw new CorepoolError(ErrorCode.OUT_OF_RANGE, 'list.remove(x): x not in list');
      list.splice(j, 1);
    },
    index: (value: unknown) => {
      const j = list.findIndex((x) => isDeepStrictEqual(x, value));
      if (j < 0) throw new CorepoolError(ErrorCode.OUT_OF_RANGE, 'list.index(x): x not in list');
      return j;
    },
    count: (value: unknown) => list.filter((x) => isDeepStrictEqual(x, value)).length,
    len: () => list.length,
    slice: (start?: number, end?: number) => list.slice(start, end),
    clear: () => void list.splice(0),
    copy: () => list.slice(),
  };
}

function namespaceTable(fields: Map<string, unknown>): MethodTable {
  const table = dictTable(fields);
  return { get: table.get!, set: table.set!, delete: table.delete!, has: table.has!, copy: table.copy! };
}

/** The method table of a new managed object of `kind`, filled from `init`. */
export function makeObject(kind: ManagedKind, init: unknown): MethodTable {
  if (kind === 'list') return listTable(init === undefined ? [] : [...(init as Iterable<unknown>)]);
  const entries = init === undefined ? [] : init instanceof Map ? [...init] : Object.entries(init as object);
  return kind === 'dict' ? dictTable(new Map(entries)) : namespaceTable(new Map(entries as Array<[string, unknown]>));
}

/** The methods each kind has, for building its proxy class. */
export const METHODS: Record<ManagedKind, readonly string[]> = {
  dict: Object.keys(dictTable(new Map())),
  list: Object.keys(listTable([])),
  namespace: Object.keys(namespaceTable(new Map())),
};
